import { h } from './dom.js';
import { browserZone } from './format.js';
import { DEFAULT_WEEKS } from './overview-data.js';

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'];
const RANGES = [4, 8, 12, 26, 52];
/** Offered besides UTC and the browser's own zone; any IANA zone works through the link (`tz=`). */
const COMMON_ZONES = [
  'America/Los_Angeles',
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
];

/** The overview's filters live in the hash (`#/?team=payments&priority=P0,P1`), so a view is a link. */
export function parseFilters(params) {
  const priority = (params.get('priority') ?? '').split(',').filter((p) => PRIORITIES.includes(p));
  const weeks = Number(params.get('weeks'));
  const interval = params.get('interval');
  return {
    team: params.get('team') ?? '',
    priority,
    interval: interval === 'day' || interval === 'week' ? interval : '',
    tz: params.get('tz') || 'UTC',
    weeks: RANGES.includes(weeks) ? weeks : DEFAULT_WEEKS,
  };
}

export function filtersHash(filters) {
  const params = new URLSearchParams();
  if (filters.team) params.set('team', filters.team);
  if (filters.priority.length) params.set('priority', filters.priority.join(','));
  if (filters.interval) params.set('interval', filters.interval);
  if (filters.tz && filters.tz !== 'UTC') params.set('tz', filters.tz);
  if (filters.weeks !== DEFAULT_WEEKS) params.set('weeks', String(filters.weeks));
  const query = params.toString();
  return query ? `#/?${query}` : '#/';
}

function select(id, text, options, value, onChange) {
  return h(
    'label',
    { class: 'field', for: id },
    h('span', null, text),
    h(
      'select',
      { id, name: id, onchange: (e) => onChange(e.target.value) },
      options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)),
    ),
  );
}

/** The filter bar; every change rewrites the hash, which re-renders the overview. */
export function filterBar(filters, teams) {
  const go = (change) => {
    window.location.hash = filtersHash({ ...filters, ...change });
  };
  const zones = [...new Set(['UTC', browserZone(), filters.tz, ...COMMON_ZONES])];
  const teamOptions = [...new Set([...teams, filters.team].filter(Boolean))].sort();
  return h(
    'form',
    { class: 'filters', id: 'filters', onsubmit: (e) => e.preventDefault() },
    select('filter-team', 'Team', [['', 'All teams'], ...teamOptions.map((t) => [t, t])], filters.team, (team) =>
      go({ team }),
    ),
    h(
      'fieldset',
      { class: 'field priorities' },
      h('legend', null, 'Priority'),
      PRIORITIES.map((p) =>
        h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            name: 'priority',
            value: p,
            id: `filter-priority-${p}`,
            checked: filters.priority.includes(p),
            onchange: (e) => {
              const chosen = new Set(filters.priority);
              if (e.target.checked) chosen.add(p);
              else chosen.delete(p);
              go({ priority: PRIORITIES.filter((q) => chosen.has(q)) });
            },
          }),
          p,
        ),
      ),
    ),
    select(
      'filter-weeks',
      'Range',
      RANGES.map((w) => [String(w), `${w} weeks`]),
      String(filters.weeks),
      (w) => go({ weeks: Number(w) }),
    ),
    select(
      'filter-interval',
      'Interval',
      [
        ['', 'Auto'],
        ['day', 'Day'],
        ['week', 'Week'],
      ],
      filters.interval,
      (interval) => go({ interval }),
    ),
    select(
      'filter-tz',
      'Time zone',
      zones.map((z) => [z, z]),
      filters.tz,
      (tz) => go({ tz }),
    ),
  );
}
