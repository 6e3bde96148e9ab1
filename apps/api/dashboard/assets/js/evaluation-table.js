import { simpleTable } from './data-table.js';
import { h } from './dom.js';
import { dateTime, label, number, percent } from './format.js';

/** A p-value as the table shows it: three decimals, "< 0.001" below that, '—' when no test ran. */
function pValue(p) {
  if (p === null || p === undefined) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/**
 * A metric's evaluation history (GET /api/v1/actions/:id/evaluations), newest first, shown beside
 * its chart: the numbers the chart draws, and each check's p-value when the metric sets a
 * confidence. Long histories scroll inside the box, never the page.
 */
export function evaluationTable(metric, checksNewestFirst, tz) {
  return h(
    'div',
    // Focusable so a keyboard can scroll it; named so a screen reader says what it holds.
    {
      class: 'table-scroll evaluation-history',
      tabindex: 0,
      role: 'region',
      'aria-label': `${metric.name}: evaluation history`,
    },
    simpleTable({
      id: `metric-data-${metric.id}`,
      caption: `${metric.name}: evaluation history, newest first (${tz})`,
      columns: ['Time', 'Value', 'Goal', 'Progress', 'Verdict', 'p-value'],
      rows: checksNewestFirst.map((c) => [
        h('time', { datetime: c.at }, dateTime(c.at, tz)),
        number(c.value),
        number(c.goal),
        percent(c.progress),
        label(c.verdict),
        pValue(c.pValue),
      ]),
      rowAttrs: (i) => ({ 'data-at': checksNewestFirst[i].at, 'data-verdict': checksNewestFirst[i].verdict }),
    }),
  );
}
