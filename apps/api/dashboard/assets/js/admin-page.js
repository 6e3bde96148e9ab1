import { apiGet, apiGetAll, keyStore } from './api-client.js';
import { caller } from './caller-role.js';
import { h, replaceChildren } from './dom.js';
import { datasourceTable } from './admin-datasources.js';
import { issuedKeyPanel, issueKeyForm } from './admin-key-form.js';
import { keyTable } from './admin-keys.js';

/**
 * The key the dashboard is signed in with, among the listed ones: active key names are unique
 * (docs/api.md, "Keys"), and the stored key starts with the listed prefix. A session has none.
 */
function ownKeyOf(keys, me) {
  const stored = keyStore.get();
  if (!stored) return null;
  return keys.find((k) => !k.revokedAt && k.name === me.name && stored.startsWith(k.prefix))?.id ?? null;
}

/**
 * `#/admin`: API keys (issue, revoke) and the configured datasources, for an admin. `issued` is a
 * key just issued: its secret is drawn this once, and any later redraw leaves it out.
 */
export async function renderAdmin(root, isCurrent, issued = null) {
  const me = await caller();
  if (!isCurrent()) return;
  if (me.role !== 'admin') {
    return replaceChildren(
      root,
      h('h1', { class: 'page-title' }, 'Administration'),
      h(
        'p',
        { class: 'card', id: 'needs-admin' },
        `This page needs the admin role; you are signed in as ${me.role}. `,
        'Ask an administrator to manage API keys.',
      ),
    );
  }
  const [keys, datasources] = await Promise.all([apiGetAll('/api/v1/keys'), apiGet('/api/v1/datasources')]);
  if (!isCurrent()) return;
  // After a write the page is drawn again from the API; only an issue passes its new key along.
  const again = async (justIssued = null) => {
    await renderAdmin(root, isCurrent, justIssued);
    document.body.dataset.saved = String(Date.now());
  };
  replaceChildren(
    root,
    h('h1', { class: 'page-title' }, 'Administration'),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'keys-title' },
      h('h2', { id: 'keys-title' }, 'API keys'),
      issued ? issuedKeyPanel(issued) : null,
      keyTable(keys, ownKeyOf(keys, me), again),
      issueKeyForm(again),
    ),
    datasourceTable(datasources),
  );
  root.querySelector('#issued-secret')?.focus();
}
