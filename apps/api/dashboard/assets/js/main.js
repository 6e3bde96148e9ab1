import {
  ApiError,
  checkKey,
  currentSession,
  endSession,
  keyStore,
  KeyRejected,
  loadSession,
  signInOffered,
} from './api-client.js';
import { destroyCharts } from './chart-registry.js';
import { h, replaceChildren } from './dom.js';
import { parseFilters } from './filters.js';
import { showKeyPrompt } from './key-prompt.js';
import { renderActionPage } from './action-page.js';
import { syncAdminLink } from './admin-link.js';
import { renderAdmin } from './admin-page.js';
import { renderActions } from './actions-page.js';
import { renderNewAction } from './action-form.js';
import { renderFlags } from './flags-page.js';
import { renderNotFound } from './not-found-page.js';
import { renderOverview } from './overview-page.js';
import { renderEditPostmortem, renderNewPostmortem } from './postmortem-form-page.js';
import { renderPostmortemPage } from './postmortem-page.js';
import { renderPostmortems } from './postmortems-page.js';
import { markNavigation, route } from './router.js';

const root = document.getElementById('app');
const signOut = document.getElementById('sign-out');
let generation = 0;

/** Each route's page; unknown routes get the not-found page (router.js). */
const PAGES = {
  overview: (current, isCurrent) => renderOverview(root, parseFilters(current.params), isCurrent),
  postmortems: (current, isCurrent) => renderPostmortems(root, current.params, isCurrent),
  postmortem: (current, isCurrent) => renderPostmortemPage(root, current.id, isCurrent),
  postmortemNew: async () => renderNewPostmortem(root),
  postmortemEdit: (current, isCurrent) => renderEditPostmortem(root, current.id, isCurrent),
  actions: (current, isCurrent) => renderActions(root, current.params, isCurrent),
  action: (current, isCurrent) => renderActionPage(root, current.id, isCurrent),
  newAction: (current, isCurrent) => renderNewAction(root, current.params, isCurrent),
  admin: (current, isCurrent) => renderAdmin(root, isCurrent),
  flags: (current, isCurrent) => renderFlags(root, current.params, isCurrent),
  notFound: async (current) => renderNotFound(root, current.path),
};

/**
 * `data-state` on <body> says what the page shows (key, loading, ready, error) and `data-view` which
 * route the finished render was for: tests and screen captures wait on both.
 */
const setState = (state) => (document.body.dataset.state = state);

/** Whether the service offers sign-in with an OpenID Connect provider (asked once a page load). */
let offered = null;
const oidcOffered = () => (offered ??= signInOffered());

async function askForKey(message) {
  destroyCharts();
  signOut.hidden = true;
  syncAdminLink(false);
  showKeyPrompt(root, message, render, checkKey, await oidcOffered());
  setState('key');
}

/**
 * Whether someone is signed in: a key in this tab, or a session cookie, asked once a page load and
 * only when the service offers sign-in (without it, no cookie can exist).
 */
let sessionChecked = false;
async function signedIn() {
  if (keyStore.get()) return true;
  if (!sessionChecked && (await oidcOffered())) {
    sessionChecked = true;
    await loadSession().catch(() => null);
  }
  return currentSession() !== null;
}

async function render() {
  const mine = ++generation;
  const isCurrent = () => mine === generation;
  if (!(await signedIn())) return isCurrent() ? askForKey() : undefined;
  signOut.hidden = false;
  document.body.dataset.signedIn = keyStore.get() ? 'key' : `session:${currentSession().actor}`;
  setState('loading');
  // Keep the focused filter focused across the re-render its change caused.
  const focused = document.activeElement?.id;
  try {
    const current = route();
    destroyCharts();
    markNavigation(current.page);
    await syncAdminLink(true);
    await PAGES[current.page](current, isCurrent);
    if (focused) document.getElementById(focused)?.focus();
    if (isCurrent()) {
      document.body.dataset.view = window.location.hash;
      setState('ready');
    }
  } catch (err) {
    if (!isCurrent()) return;
    if (err instanceof KeyRejected) {
      keyStore.clear();
      // A session the service no longer accepts (expired, signed out elsewhere) is forgotten too.
      if (currentSession()) await loadSession().catch(() => null);
      askForKey(err.message);
    } else {
      setState('error');
      replaceChildren(
        root,
        h(
          'section',
          { class: 'card' },
          h('h1', null, 'Something went wrong'),
          h('p', { class: 'error', role: 'alert' }, err instanceof ApiError ? err.message : String(err)),
        ),
      );
    }
  }
}

signOut.addEventListener('click', async () => {
  keyStore.clear();
  delete document.body.dataset.signedIn;
  if (currentSession()) {
    const providerSignOut = await endSession().catch(() => null);
    // The provider's own sign-out page, so its session ends too (it links back here).
    if (providerSignOut) return window.location.assign(providerSignOut);
  }
  askForKey('Signed out.');
});
window.addEventListener('hashchange', render);
render();
