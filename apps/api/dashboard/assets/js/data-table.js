import { h } from './dom.js';

/**
 * A chart's numbers as a table in a closed <details>: what screen readers read instead of the
 * canvas. `rows` are arrays of cell values; `rowAttrs` optionally adds attributes per row.
 */
export function dataTable({ id, caption, columns, rows, rowAttrs }) {
  return h(
    'details',
    { class: 'chart-data' },
    h('summary', null, 'Show data'),
    // Focusable, as it scrolls sideways on a phone with nothing focusable inside (axe:
    // scrollable-region-focusable).
    h(
      'div',
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': caption },
      h(
        'table',
        { id, class: 'data' },
        h('caption', null, caption),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            columns.map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          null,
          rows.map((row, i) =>
            h(
              'tr',
              rowAttrs?.(i) ?? null,
              row.map((cell, j) => (j === 0 ? h('th', { scope: 'row' }, cell) : h('td', null, cell))),
            ),
          ),
        ),
      ),
    ),
  );
}
