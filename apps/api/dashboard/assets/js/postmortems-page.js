import { apiGet } from './api-client.js';
import { h, replaceChildren } from './dom.js';
import { dateTime, label } from './format.js';
import { canWrite } from './caller-role.js';
import { filterForm, inputField, pager, selectField, toInstant } from './list-controls.js';

const BASE = '/postmortems';
const PAGE_SIZE = 25;
const TZ = 'UTC';
const KINDS = ['incident', 'success', 'premortem'];
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];

function filters(params) {
  return h(
    'div',
    { class: 'filter-fields' },
    inputField('q', 'Title contains', params.get('q'), 'search'),
    selectField('kind', 'Kind', [['', 'Any kind'], ...KINDS.map((k) => [k, k])], params.get('kind') ?? ''),
    selectField(
      'severity',
      'Severity',
      [['', 'Any severity'], ...SEVERITIES.map((s) => [s, s])],
      params.get('severity') ?? '',
    ),
    inputField('service', 'Service', params.get('service'), 'text', { autocomplete: 'off' }),
    inputField('from', 'Occurred from (UTC)', params.get('from'), 'date'),
    inputField('to', 'Occurred until (UTC)', params.get('to'), 'date'),
  );
}

function row(pm) {
  return h(
    'tr',
    { 'data-id': pm.id },
    h('th', { scope: 'row' }, h('a', { href: `#/postmortems/${pm.id}` }, pm.title)),
    h('td', null, label(pm.kind)),
    h('td', null, pm.severity ?? '—'),
    h('td', null, pm.services.join(', ') || '—'),
    h('td', null, pm.occurredAt ? h('time', { datetime: pm.occurredAt }, dateTime(pm.occurredAt, TZ)) : '—'),
  );
}

/** Every post-mortem, newest first, filtered through the API (`GET /api/v1/postmortems`). */
export async function renderPostmortems(root, params, isCurrent) {
  const writer = canWrite();
  const page = await apiGet('/api/v1/postmortems', {
    q: params.get('q'),
    kind: params.get('kind'),
    severity: params.get('severity'),
    service: params.get('service'),
    from: toInstant(params.get('from')),
    to: toInstant(params.get('to'), true),
    cursor: params.get('cursor'),
    limit: PAGE_SIZE,
  });
  const mayWrite = await writer;
  if (!isCurrent()) return;
  replaceChildren(
    root,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { class: 'page-title' }, 'Post-mortems'),
      mayWrite ? h('a', { href: '#/postmortems/new', class: 'button', id: 'new-postmortem' }, 'New post-mortem') : null,
    ),
    h('section', { class: 'card' }, filterForm(BASE, 'postmortem-filters', filters(params))),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'postmortem-count' },
      h(
        'p',
        { id: 'postmortem-count', class: 'muted' },
        `${page.items.length} post-mortem${page.items.length === 1 ? '' : 's'} shown${page.nextCursor ? ', more on the next page' : ''}.`,
      ),
      page.items.length
        ? h(
            'div',
            { class: 'table-scroll' },
            h(
              'table',
              { class: 'data', id: 'postmortem-list' },
              h('caption', null, 'Post-mortems, newest first (times in UTC)'),
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  ['Title', 'Kind', 'Severity', 'Services', 'Occurred'].map((c) => h('th', { scope: 'col' }, c)),
                ),
              ),
              h('tbody', null, page.items.map(row)),
            ),
          )
        : h('p', { id: 'postmortem-list', class: 'muted' }, 'No post-mortem matches these filters.'),
      pager(BASE, params, page.nextCursor, 'post-mortems'),
    ),
  );
}
