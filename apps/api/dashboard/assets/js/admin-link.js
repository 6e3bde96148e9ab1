import { isAdmin } from './caller-role.js';

/**
 * The Admin entry of the top navigation, shown to an admin alone (the API refuses everyone else
 * on its routes anyway; this only keeps a dead end out of their navigation).
 */
export async function syncAdminLink(signedIn) {
  const link = document.getElementById('admin-link');
  link.hidden = !(signedIn && (await isAdmin()));
}
