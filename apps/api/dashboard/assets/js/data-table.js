import { h } from './dom.js';

/**
 * A table of `rows` (arrays of cell values; the first cell is the row's header) under `columns`;
 * `rowAttrs` optionally adds attributes per row.
 */
export function simpleTable({ id, caption, columns, rows, rowAttrs }) {
  return h(
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
  );
}

/** A chart's numbers as a table in a closed <details>: what screen readers read instead of the canvas. */
export function dataTable(table) {
  return h(
    'details',
    { class: 'chart-data' },
    h('summary', null, 'Show data'),
    // Focusable, as it scrolls sideways on a phone with nothing focusable inside (axe:
    // scrollable-region-focusable).
    h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': table.caption }, simpleTable(table)),
  );
}
