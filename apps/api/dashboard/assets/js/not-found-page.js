import { h, replaceChildren } from './dom.js';

/** An unknown route says so, rather than silently showing another page. */
export function renderNotFound(root, path) {
  replaceChildren(
    root,
    h(
      'section',
      { class: 'card', id: 'not-found' },
      h('h1', { class: 'page-title' }, 'Page not found'),
      h('p', null, 'There is no dashboard page at ', h('code', null, `#${path}`), '.'),
      h(
        'ul',
        null,
        h('li', null, h('a', { href: '#/' }, 'Overview')),
        h('li', null, h('a', { href: '#/postmortems' }, 'Post-mortems')),
        h('li', null, h('a', { href: '#/actions' }, 'Actions')),
        h('li', null, h('a', { href: '#/flags' }, 'Flags')),
      ),
    ),
  );
}
