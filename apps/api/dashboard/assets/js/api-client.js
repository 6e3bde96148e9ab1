const STORAGE_KEY = 'remediation-tracker.api-key';

/** The key is kept for this tab only (sessionStorage): closing the tab signs out. */
export const keyStore = {
  get: () => sessionStorage.getItem(STORAGE_KEY),
  set: (key) => sessionStorage.setItem(STORAGE_KEY, key),
  clear: () => sessionStorage.removeItem(STORAGE_KEY),
};

/** The key is missing, unknown, revoked, or lacks the viewer role: ask for another. */
export class KeyRejected extends Error {}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** GET an /api path with the stored key (or the one given); empty parameters are left out. */
export async function apiGet(path, params = {}, key = keyStore.get()) {
  if (!key) throw new KeyRejected('Enter an API key to continue.');
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  }
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}`, accept: 'application/json' } });
  const body = await res.json().catch(() => null);
  const message = Array.isArray(body?.message) ? body.message.join('; ') : (body?.message ?? res.statusText);
  if (res.status === 401) throw new KeyRejected(`The API key was not accepted (${message}).`);
  if (res.status === 403) throw new KeyRejected(`This key cannot read the dashboard: ${message}.`);
  if (!res.ok) throw new ApiError(res.status, `${path}: ${res.status} ${message}`);
  return body;
}

/** Follows `nextCursor` until the last page or `maxItems`. */
export async function apiGetAll(path, params = {}, maxItems = 2000) {
  const items = [];
  let cursor;
  do {
    const page = await apiGet(path, { ...params, limit: 200, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < maxItems);
  return items;
}

/** Whether a key may read the dashboard: the cheapest viewer route, one flag. */
export function checkKey(key) {
  return apiGet('/api/v1/flags', { limit: 1 }, key);
}
