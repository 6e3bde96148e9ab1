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
import { renderOverview } from './overview-page.js';

const root = document.getElementById('app');
const signOut = document.getElementById('sign-out');
let generation = 0;

/** `#/actions/<id>` or `#/?filters`; anything else is the overview. */
function route() {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  const action = /^\/actions\/([0-9a-fA-F-]{36})$/.exec(path);
  return action ? { page: 'action', id: action[1] } : { page: 'overview', params: new URLSearchParams(query) };
}

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
    if (current.page === 'action') await renderActionPage(root, current.id, isCurrent);
    else await renderOverview(root, parseFilters(current.params), isCurrent);
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
