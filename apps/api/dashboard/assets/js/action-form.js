import { apiGetAll, apiSend } from './api-client.js';
import { canWrite } from './caller-role.js';
import { h, replaceChildren } from './dom.js';
import { field, input, submitting } from './form-fields.js';

const PRIORITIES = ['P0', 'P1', 'P2', 'P3'];

/** The action's fields as a form, filled from `action` (or empty for a new one). */
function fields(prefix, action, postmortems) {
  const priority = h(
    'select',
    null,
    PRIORITIES.map((p) => h('option', { value: p, selected: p === (action?.priority ?? 'P2') }, p)),
  );
  const postmortem = h(
    'select',
    null,
    h('option', { value: '' }, 'None'),
    postmortems.map((p) => h('option', { value: p.id, selected: p.id === action?.postmortemId }, p.title)),
  );
  const description = h('textarea', { rows: 5 });
  description.value = action?.description ?? '';
  return [
    field(prefix, 'title', 'Title', input(action?.title, { required: true, maxlength: 200 })),
    field(prefix, 'description', 'Description (Markdown)', description),
    field(prefix, 'ownerTeam', 'Owner team', input(action?.ownerTeam, { required: true, autocomplete: 'off' })),
    field(prefix, 'assignee', 'Assignee (optional)', input(action?.assignee, { autocomplete: 'off' })),
    field(prefix, 'priority', 'Priority', priority),
    field(
      prefix,
      'openedAt',
      'Opened on (UTC)',
      input(action?.openedAt?.slice(0, 10), { type: 'date' }),
      action ? null : 'Empty: now. May be in the past, for an item tracked elsewhere.',
    ),
    field(
      prefix,
      'dueAt',
      'Due date (UTC)',
      input(action?.dueAt?.slice(0, 10), { type: 'date' }),
      action ? 'Empty: no due date.' : "Empty: the priority's remediation SLO.",
    ),
    field(
      prefix,
      'services',
      'Services',
      input(action?.services?.join(', '), { autocomplete: 'off' }),
      'Comma-separated, e.g. checkout, payments.',
    ),
    field(prefix, 'postmortemId', 'Post-mortem', postmortem),
    field(
      prefix,
      'externalRef',
      'Tracker link (optional)',
      input(action?.externalRef, { type: 'url', placeholder: 'https://…' }),
    ),
  ];
}

/** What the form says, in the API's shape; empty optional fields are null (or left out when new). */
function read(form, isNew) {
  const v = (name) => form.elements[name].value.trim();
  const orNull = (name) => v(name) || (isNew ? undefined : null);
  return {
    title: v('title'),
    description: form.elements.description.value,
    ownerTeam: v('ownerTeam'),
    assignee: orNull('assignee'),
    priority: v('priority'),
    openedAt: v('openedAt') ? `${v('openedAt')}T00:00:00.000Z` : undefined,
    dueAt: v('dueAt') ? `${v('dueAt')}T00:00:00.000Z` : isNew ? undefined : null,
    services: v('services')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    postmortemId: orNull('postmortemId'),
    externalRef: orNull('externalRef'),
  };
}

const DATES = ['openedAt', 'dueAt'];

/** Only what changed, so an edit does not restate (or re-validate) untouched fields; dates by their day. */
function changed(before, after) {
  const out = {};
  for (const [name, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const day = (v) => (DATES.includes(name) && v ? v.slice(0, 10) : v);
    if (JSON.stringify(day(before[name]) ?? null) !== JSON.stringify(day(value) ?? null)) out[name] = value;
  }
  return out;
}

const postmortemList = () => apiGetAll('/api/v1/postmortems', {}, 500);

/** `#/actions/new?postmortemId=…`: opens an action; on success, its page. */
export async function renderNewAction(root, params, isCurrent) {
  const [writer, postmortems] = await Promise.all([canWrite(), postmortemList()]);
  if (!isCurrent()) return;
  if (!writer) {
    return replaceChildren(
      root,
      h('h1', { class: 'page-title' }, 'New action'),
      h('p', { class: 'card', id: 'read-only' }, 'Your role may read actions but not open them.'),
    );
  }
  const form = h(
    'form',
    {
      id: 'action-form',
      class: 'card action-form',
      'aria-labelledby': 'new-action-title',
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        submitting(form, async () => {
          const created = await apiSend('POST', '/api/v1/actions', read(form, true));
          window.location.hash = `#/actions/${created.id}`;
        });
      },
    },
    fields('new', { postmortemId: params.get('postmortemId') }, postmortems),
    h(
      'div',
      { class: 'form-buttons' },
      h('button', { type: 'submit', class: 'button' }, 'Open action'),
      h('a', { href: '#/actions', class: 'button secondary' }, 'Cancel'),
    ),
  );
  replaceChildren(
    root,
    h('p', null, h('a', { href: '#/actions', class: 'back' }, '← Actions')),
    h('h1', { class: 'page-title', id: 'new-action-title' }, 'New action'),
    form,
  );
}

/** The Edit form on an action's page; `onSaved` re-renders the page with the answer. */
export async function editActionForm(action, onSaved, onCancel) {
  const postmortems = await postmortemList();
  const form = h(
    'form',
    {
      id: 'edit-form',
      class: 'action-form',
      'aria-label': 'Edit action',
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        submitting(form, async () => {
          const body = changed(action, read(form, false));
          onSaved(Object.keys(body).length ? await apiSend('PATCH', `/api/v1/actions/${action.id}`, body) : action);
        });
      },
    },
    fields('edit', action, postmortems),
    h(
      'div',
      { class: 'form-buttons' },
      h('button', { type: 'submit', class: 'button' }, 'Save'),
      h('button', { type: 'button', class: 'button secondary', onclick: onCancel }, 'Cancel'),
    ),
  );
  return form;
}
