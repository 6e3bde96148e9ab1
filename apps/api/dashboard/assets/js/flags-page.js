import { apiGetAll } from './api-client.js';
import { FLAGS } from './actions-page.js';
import { h, replaceChildren } from './dom.js';
import { date, dateTime, label, relativeDays } from './format.js';
import { filterForm, inputField, selectField } from './list-controls.js';

const BASE = '/flags';
const TZ = 'UTC';

function filters(params) {
  return h(
    'div',
    { class: 'filter-fields' },
    selectField('kind', 'Kind', [['', 'Any kind'], ...FLAGS.map((f) => [f, label(f)])], params.get('kind') ?? ''),
    inputField('team', 'Team', params.get('team'), 'text', { autocomplete: 'off' }),
  );
}

/**
 * The flagged actions' titles, read with the same filters as the flags: one actions list per flag
 * kind present (at most seven requests), not one request per flag.
 */
async function actionsById(flags, team) {
  const kinds = [...new Set(flags.map((f) => f.kind))];
  const lists = await Promise.all(kinds.map((flag) => apiGetAll('/api/v1/actions', { flag, team })));
  return new Map(lists.flat().map((a) => [a.id, a]));
}

function row(flag, action) {
  return h(
    'tr',
    { 'data-id': flag.id, 'data-kind': flag.kind, 'data-action-id': flag.actionId },
    h('th', { scope: 'row' }, h('span', { class: `badge flag-${flag.kind}` }, label(flag.kind))),
    h(
      'td',
      null,
      h('a', { href: `#/actions/${flag.actionId}`, class: 'action-link' }, action?.title ?? `Action ${flag.actionId}`),
      action ? h('span', { class: 'muted' }, ` · ${action.ownerTeam}`) : null,
    ),
    h('td', { class: 'reason' }, flag.reason),
    h(
      'td',
      { class: 'since' },
      h('time', { datetime: flag.raisedAt, title: dateTime(flag.raisedAt, TZ) }, date(flag.raisedAt, TZ)),
      ` (${relativeDays(flag.raisedAt)})`,
    ),
  );
}

/** Every active flag (`GET /api/v1/flags?active=true`), newest raise first, filtered by kind and team. */
export async function renderFlags(root, params, isCurrent) {
  const kind = params.get('kind');
  const team = params.get('team');
  const flags = await apiGetAll('/api/v1/flags', { active: true, kind, team });
  const actions = await actionsById(flags, team);
  if (!isCurrent()) return;
  const filtered = Boolean(kind || team);
  replaceChildren(
    root,
    h('h1', { class: 'page-title' }, 'Flags'),
    h('section', { class: 'card' }, filterForm(BASE, 'flag-filters', filters(params))),
    h(
      'section',
      { class: 'card' },
      h(
        'p',
        { id: 'flag-count', class: 'muted' },
        `${flags.length} active flag${flags.length === 1 ? '' : 's'}${filtered ? ' matching these filters' : ''}.`,
      ),
      flags.length
        ? h(
            'div',
            { class: 'table-scroll' },
            h(
              'table',
              { class: 'data flag-table', id: 'flag-list' },
              h('caption', null, 'Active flags, newest first (UTC)'),
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  ['Kind', 'Action', 'Reason', 'Since'].map((c) => h('th', { scope: 'col' }, c)),
                ),
              ),
              h(
                'tbody',
                null,
                flags.map((f) => row(f, actions.get(f.actionId))),
              ),
            ),
          )
        : h(
            'p',
            { id: 'flag-list', class: 'muted' },
            filtered ? 'No active flag matches these filters.' : 'Nothing is flagged: no action has an active flag.',
          ),
    ),
  );
}
