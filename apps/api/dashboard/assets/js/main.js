import { ApiError, checkKey, keyStore, KeyRejected } from './api-client.js';
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

function askForKey(message) {
  destroyCharts();
  setState('key');
  signOut.hidden = true;
  showKeyPrompt(root, message, render, checkKey);
}

async function render() {
  const mine = ++generation;
  const isCurrent = () => mine === generation;
  if (!keyStore.get()) return askForKey();
  signOut.hidden = false;
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

signOut.addEventListener('click', () => {
  keyStore.clear();
  askForKey('Signed out.');
});
window.addEventListener('hashchange', render);
render();
