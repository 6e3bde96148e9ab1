import { currentSession } from './api-client.js';

/**
 * Whether to offer write controls (create, edit, add). A signed-in person's role comes with the
 * session; a key's role is not known to the page, so a key is offered them and the API's own
 * refusal (403) is shown if the key may not write (docs/api.md, "Roles").
 */
export function canWrite() {
  const session = currentSession();
  return session ? session.role !== 'viewer' : true;
}
