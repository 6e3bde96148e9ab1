import { ApiError, KeyRejected, keyStore } from './api-client.js';

/** GET a text answer (a write-up) with the stored key, as `apiGet` does for JSON. */
export async function apiGetText(path, params = {}, key = keyStore.get()) {
  if (!key) throw new KeyRejected('Enter an API key to continue.');
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(params)) if (value) url.searchParams.set(name, String(value));
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  if (res.status === 401 || res.status === 403) throw new KeyRejected('The API key was not accepted.');
  if (!res.ok) throw new ApiError(res.status, `${path}: ${res.status} ${res.statusText}`);
  return res.text();
}
