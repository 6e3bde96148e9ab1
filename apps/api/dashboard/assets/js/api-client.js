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

/**
 * A person signed in through the organisation's provider: the session cookie (HttpOnly, sent by
 * the browser on same-origin requests) authenticates, and writes carry its CSRF token
 * (docs/api.md, "Sign-in"). null: not signed in this way.
 */
let session = null;

export const currentSession = () => session;

/** Asks the service who is signed in by cookie; null when nobody is. */
export async function loadSession() {
  const res = await fetch('/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  session = res.ok ? await res.json() : null;
  return session;
}

/** Whether the service offers sign-in through an OpenID Connect provider. */
export async function signInOffered() {
  const res = await fetch('/auth/config', { headers: { accept: 'application/json' } }).catch(() => null);
  const body = res?.ok ? await res.json().catch(() => null) : null;
  return body?.oidc === true;
}

/** Ends the cookie session; the provider's own sign-out page, when it has one. */
export async function endSession() {
  const csrf = session?.csrfToken;
  session = null;
  const res = await fetch('/auth/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
  });
  const body = await res.json().catch(() => null);
  return body?.endSessionUrl ?? null;
}

/** The headers that authenticate: the key's, or for a session the CSRF token on writes. */
function authHeaders(key, write) {
  if (key) return { authorization: `Bearer ${key}` };
  return write && session ? { 'x-csrf-token': session.csrfToken } : {};
}

async function call(method, path, { params = {}, body, key = keyStore.get(), signal, text = false } = {}) {
  if (!key && !session) throw new KeyRejected('Enter an API key to continue.');
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  }
  const write = method !== 'GET' && method !== 'HEAD';
  // A refusal is JSON whatever the route answers when it succeeds.
  const accept = text ? 'text/html, application/json;q=0.9' : 'application/json';
  const headers = { accept, ...authHeaders(key, write) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  if (text && res.ok) return res.text();
  const parsed = res.status === 204 ? null : await res.json().catch(() => null);
  const message = Array.isArray(parsed?.message) ? parsed.message.join('; ') : (parsed?.message ?? res.statusText);
  const who = key ? 'The API key' : 'Your session';
  if (res.status === 401) throw new KeyRejected(`${who} was not accepted (${message}).`);
  if (res.status === 403 && !write) throw new KeyRejected(`${who} cannot read the dashboard: ${message}.`);
  if (!res.ok) throw new ApiError(res.status, `${path}: ${res.status} ${message}`);
  return parsed;
}

/** GET an /api path with the stored key (or the one given) or the session; empty parameters are left out. */
export function apiGet(path, params = {}, key = keyStore.get()) {
  return call('GET', path, { params, key });
}

/**
 * A write (POST, PATCH, DELETE…) with the stored key or the session's cookie and CSRF token;
 * `signal` cancels it (a live preview superseded by the next keystroke).
 */
export function apiSend(method, path, body, signal) {
  return call(method, path, { body, signal });
}

/** A write whose answer is a document, not JSON (a page rendered for preview): its text. */
export function apiSendForText(method, path, body) {
  return call(method, path, { body, text: true });
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
