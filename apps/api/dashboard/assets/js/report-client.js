import { ApiError, currentSession, KeyRejected, keyStore } from './api-client.js';

/**
 * GET a text answer (a write-up) as `apiGet` does for JSON: with the stored key, else with the
 * signed-in person's session cookie (a read needs no CSRF token).
 */
export async function apiGetText(path, params = {}, key = keyStore.get()) {
  if (!key && !currentSession()) throw new KeyRejected('Enter an API key to continue.');
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(params)) if (value) url.searchParams.set(name, String(value));
  const res = await fetch(url, {
    credentials: 'same-origin',
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  const who = key ? 'The API key' : 'Your session';
  if (res.status === 401 || res.status === 403) throw new KeyRejected(`${who} was not accepted.`);
  if (!res.ok) throw new ApiError(res.status, `${path}: ${res.status} ${res.statusText}`);
  return res.text();
}
