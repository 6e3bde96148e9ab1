import { apiGet, apiGetAll } from './api-client.js';
import { canWrite } from './caller-role.js';
import { h, replaceChildren } from './dom.js';
import { date, label, relativeDays } from './format.js';
import { filterForm, inputField, pager, selectField } from './list-controls.js';

const BASE = '/actions';
const PAGE_SIZE = 50;
const TZ = 'UTC';
const STATUSES = ['open', 'in_progress', 'implemented', 'verified', 'wont_fix'];
const PRIORITIES = ['P0', 'P1', 'P2', 'P3'];
/** Every flag kind (docs/scoring.md, "Flags"); the flags page offers them too. */
export const FLAGS = [
  'overdue',
  'stalled',
  'ineffective',
  'regressed',
  'no_telemetry',
  'source_error',
  'improved_before_fix',
];

function filters(params) {
  return h(
    'div',
    { class: 'filter-fields' },
    inputField('q', 'Title contains', params.get('q'), 'search'),
    selectField(
      'status',
      'Status',
      [['', 'Any status'], ...STATUSES.map((s) => [s, label(s)])],
      params.get('status') ?? '',
    ),
    inputField('team', 'Team', params.get('team'), 'text', { autocomplete: 'off' }),
    selectField(
      'priority',
      'Priority',
      [['', 'Any priority'], ...PRIORITIES.map((p) => [p, p])],
      params.get('priority') ?? '',
    ),
    inputField('service', 'Service', params.get('service'), 'text', { autocomplete: 'off' }),
    selectField('flag', 'Flag', [['', 'Any flag'], ...FLAGS.map((f) => [f, label(f)])], params.get('flag') ?? ''),
    selectField(
      'overdue',
      'Overdue',
      [
        ['', 'Either'],
        ['true', 'Overdue only'],
        ['false', 'Not overdue'],
      ],
      params.get('overdue') ?? '',
    ),
    selectField(
      'sort',
      'Order',
      [
        ['', 'Newest first'],
        ['dueAt', 'Due date, soonest first'],
      ],
      params.get('sort') ?? '',
    ),
  );
}

function due(action) {
  if (!action.dueAt) return '—';
  return h('time', { datetime: action.dueAt }, `${date(action.dueAt, TZ)} (${relativeDays(action.dueAt)})`);
}

function row(action) {
  return h(
    'tr',
    { 'data-id': action.id },
    h('th', { scope: 'row' }, h('a', { href: `#/actions/${action.id}` }, action.title)),
    h('td', null, label(action.status)),
    h('td', null, h('span', { class: `priority ${action.priority}` }, action.priority)),
    h('td', null, action.ownerTeam),
    h('td', null, action.services.join(', ') || '—'),
    h('td', null, due(action)),
    h(
      'td',
      null,
      action.flags.length
        ? action.flags.map((f) => h('span', { class: `badge flag-${f.kind}`, title: f.reason }, label(f.kind)))
        : '—',
    ),
  );
}

/** At most this many actions are read to order them by due date. */
const SORT_LIMIT = 2000;

/** Soonest due first; actions without a due date last, newest first among equals (the API's order). */
function byDueDate(items) {
  const key = (a) => (a.dueAt ? Date.parse(a.dueAt) : Number.POSITIVE_INFINITY);
  return items
    .map((a, i) => [a, i])
    .sort(([a, i], [b, j]) => key(a) - key(b) || i - j)
    .map(([a]) => a);
}

/**
 * Every corrective action, filtered through the API (`GET /api/v1/actions`). The API lists newest
 * first only, so "due date" reads every matching action (up to SORT_LIMIT) and orders them here,
 * on one page.
 */
export async function renderActions(root, params, isCurrent) {
  const filter = {
    q: params.get('q'),
    status: params.get('status'),
    team: params.get('team'),
    priority: params.get('priority'),
    service: params.get('service'),
    flag: params.get('flag'),
    overdue: params.get('overdue'),
  };
  const page =
    params.get('sort') === 'dueAt'
      ? { items: byDueDate(await apiGetAll('/api/v1/actions', filter, SORT_LIMIT)), nextCursor: null }
      : await apiGet('/api/v1/actions', { ...filter, cursor: params.get('cursor'), limit: PAGE_SIZE });
  const writer = await canWrite();
  if (!isCurrent()) return;
  replaceChildren(
    root,
    h(
      'div',
      { class: 'card-head' },
      h('h1', { class: 'page-title' }, 'Actions'),
      writer ? h('a', { href: '#/actions/new', id: 'new-action', class: 'button' }, 'New action') : null,
    ),
    h('section', { class: 'card' }, filterForm(BASE, 'action-filters', filters(params))),
    h(
      'section',
      { class: 'card' },
      h(
        'p',
        { id: 'action-count', class: 'muted' },
        `${page.items.length} action${page.items.length === 1 ? '' : 's'} shown${page.nextCursor ? ', more on the next page' : ''}.`,
      ),
      page.items.length
        ? h(
            'div',
            { class: 'table-scroll' },
            h(
              'table',
              { class: 'data', id: 'action-list' },
              h(
                'caption',
                null,
                params.get('sort') === 'dueAt' ? 'Actions, soonest due first' : 'Actions, newest first',
              ),
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  ['Title', 'Status', 'Priority', 'Team', 'Services', 'Due (UTC)', 'Flags'].map((c) =>
                    h('th', { scope: 'col' }, c),
                  ),
                ),
              ),
              h('tbody', null, page.items.map(row)),
            ),
          )
        : h('p', { id: 'action-list', class: 'muted' }, 'No action matches these filters.'),
      pager(BASE, params, page.nextCursor, 'actions'),
    ),
  );
}
