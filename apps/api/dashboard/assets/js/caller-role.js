import { apiGet, currentSession, keyStore } from './api-client.js';

/** Roles whose writes the API accepts on actions (docs/api.md, "Authentication and roles"). */
const WRITERS = ['editor', 'admin'];
const cache = new Map();

/**
 * Who the caller is, `{name, role}`: the session's, or the key's from `GET /api/v1/whoami`, asked
 * once per key.
 */
export async function caller() {
  const session = currentSession();
  const key = keyStore.get();
  if (!key && session) return { name: session.name, role: session.role };
  if (!cache.has(key)) {
    const asked = apiGet('/api/v1/whoami');
    // A refused key is asked again next time (it may be a new one by then).
    asked.catch(() => cache.delete(key));
    cache.set(key, asked);
  }
  return cache.get(key);
}

/** The caller's role. */
export async function callerRole() {
  return (await caller()).role;
}

/** Whether write controls should be shown: a viewer sees none. */
export async function canWrite() {
  return WRITERS.includes(await callerRole());
}

/** Whether the administration page (keys, datasources) is for the caller. */
export async function isAdmin() {
  return (await callerRole()) === 'admin';
}
