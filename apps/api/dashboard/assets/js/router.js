const UUID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';
const ROUTES = [
  { page: 'overview', pattern: /^\/$/ },
  { page: 'postmortems', pattern: /^\/postmortems\/?$/ },
  { page: 'postmortemNew', pattern: /^\/postmortems\/new$/ },
  { page: 'postmortem', pattern: new RegExp(`^/postmortems/${UUID}$`) },
  { page: 'postmortemEdit', pattern: new RegExp(`^/postmortems/${UUID}/edit$`) },
  { page: 'actions', pattern: /^\/actions\/?$/ },
  { page: 'newAction', pattern: /^\/actions\/new$/ },
  { page: 'action', pattern: new RegExp(`^/actions/${UUID}$`) },
  { page: 'admin', pattern: /^\/admin\/?$/ },
  { page: 'flags', pattern: /^\/flags\/?$/ },
];

/** Which top navigation entry a page belongs to. */
export const SECTION = {
  overview: '#/',
  postmortems: '#/postmortems',
  postmortem: '#/postmortems',
  postmortemNew: '#/postmortems',
  postmortemEdit: '#/postmortems',
  actions: '#/actions',
  action: '#/actions',
  newAction: '#/actions',
  admin: '#/admin',
  flags: '#/flags',
};

/**
 * The page a hash names: `#/`, `#/postmortems`, `#/postmortems/<id>`, `#/actions`, `#/actions/<id>`, `#/flags`,
 * each with optional `?filters`; anything else is `notFound` (never silently the overview).
 */
export function route(hash = window.location.hash) {
  const [path, query = ''] = (hash.replace(/^#/, '') || '/').split('?');
  const params = new URLSearchParams(query);
  for (const { page, pattern } of ROUTES) {
    const match = pattern.exec(path);
    if (match) return { page, id: match[1], params };
  }
  return { page: 'notFound', path, params };
}

/** Marks the current section in the top navigation (`aria-current`). */
export function markNavigation(page) {
  for (const link of document.querySelectorAll('.topnav a[data-section]')) {
    if (link.getAttribute('href') === SECTION[page]) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}
