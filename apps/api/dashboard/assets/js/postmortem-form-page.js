import { apiGet } from './api-client.js';
import { h, replaceChildren } from './dom.js';
import { canWrite } from './caller-role.js';
import { postmortemForm } from './postmortem-form.js';

const openPage = (saved) => (window.location.hash = `#/postmortems/${saved.id}`);

function notAllowed(root, back) {
  replaceChildren(
    root,
    h('p', null, back),
    h('h1', { class: 'page-title' }, 'Post-mortem'),
    h('p', { class: 'muted', id: 'pm-not-allowed' }, 'Your role may read post-mortems but not write them.'),
  );
}

/** `#/postmortems/new`: the form, empty; a saved post-mortem opens its page. */
export async function renderNewPostmortem(root) {
  const back = h('a', { href: '#/postmortems', class: 'back' }, '← Post-mortems');
  if (!(await canWrite())) return notAllowed(root, back);
  replaceChildren(
    root,
    h('p', null, back),
    h('h1', { class: 'page-title', id: 'form-title' }, 'New post-mortem'),
    h('section', { class: 'card', 'aria-labelledby': 'form-title' }, postmortemForm(null, openPage)),
  );
}

/** `#/postmortems/<id>/edit`: the form, prefilled; saving sends only what changed. */
export async function renderEditPostmortem(root, id, isCurrent) {
  const pm = await apiGet(`/api/v1/postmortems/${id}`);
  if (!isCurrent()) return;
  const back = h('a', { href: `#/postmortems/${id}`, class: 'back' }, `← ${pm.title}`);
  if (!(await canWrite())) return notAllowed(root, back);
  replaceChildren(
    root,
    h('p', null, back),
    h('h1', { class: 'page-title', id: 'form-title' }, 'Edit post-mortem'),
    h('section', { class: 'card', 'aria-labelledby': 'form-title' }, postmortemForm(pm, openPage)),
  );
}
