import { h } from './dom.js';

const COLUMNS = [
  ['team', 'Team'],
  ['total', 'Total'],
  ['open', 'Open'],
  ['inProgress', 'In progress'],
  ['implemented', 'Implemented'],
  ['verified', 'Verified'],
  ['wontFix', "Won't fix"],
  ['overdue', 'Overdue'],
  ['stalled', 'Stalled'],
  ['flagged', 'Flagged'],
];

/** Per team, from the summary report; teams own actions, so this is the only breakdown shown. */
export function teamTable(byTeam) {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'teams-title' },
    h('h2', { id: 'teams-title' }, 'Teams'),
    // It scrolls sideways on a phone and holds nothing focusable: focusable itself, so a keyboard
    // can scroll it too (axe: scrollable-region-focusable).
    h(
      'div',
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Teams table' },
      h(
        'table',
        { id: 'team-table', class: 'data' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            COLUMNS.map(([, title]) => h('th', { scope: 'col' }, title)),
          ),
        ),
        h(
          'tbody',
          null,
          byTeam.length
            ? byTeam.map((row) =>
                h(
                  'tr',
                  { 'data-team': row.team },
                  COLUMNS.map(([key], i) =>
                    i === 0
                      ? h('th', { scope: 'row' }, row.team)
                      : h(
                          'td',
                          {
                            class:
                              (key === 'overdue' || key === 'stalled' || key === 'flagged') && row[key] > 0
                                ? 'warn'
                                : null,
                          },
                          String(row[key]),
                        ),
                  ),
                ),
              )
            : h('tr', null, h('td', { colspan: COLUMNS.length, class: 'muted' }, 'No actions match.')),
        ),
      ),
    ),
  );
}
