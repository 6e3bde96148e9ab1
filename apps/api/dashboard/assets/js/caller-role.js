import { apiGet, currentSession, keyStore } from './api-client.js';

/** Roles whose writes the API accepts on actions (docs/api.md, "Authentication and roles"). */
const WRITERS = ['editor', 'admin'];
const cache = new Map();

/** The caller's role: the session's, or the key's from `GET /api/v1/whoami`, asked once per key. */
export async function callerRole() {
  const session = currentSession();
  const key = keyStore.get();
  if (!key && session) return session.role;
  if (!cache.has(key))
    cache.set(
      key,
      apiGet('/api/v1/whoami').then((me) => me.role),
    );
  return cache.get(key);
}

/** Whether write controls should be shown: a viewer sees none. */
export async function canWrite() {
  return WRITERS.includes(await callerRole());
}
