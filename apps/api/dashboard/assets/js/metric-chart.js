import { baseOptions, COLORS, createChart, VERDICT_COLORS } from './chart-registry.js';
import { label, number, shortDate } from './format.js';

const ms = (iso) => Date.parse(iso);

/**
 * One success metric over time: the value of every check that measured one (coloured by its
 * verdict), the baseline and the goal as horizontal lines, and the implementation date as a
 * vertical one. `checks` are this metric's evaluations, oldest first.
 */
export function metricChart(canvas, { metric, checks, implementedAt, tz }) {
  const measured = checks.filter((c) => c.value !== null);
  const xs = measured.map((c) => ms(c.at));
  if (implementedAt) xs.push(ms(implementedAt));
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const ys = [...measured.map((c) => c.value), metric.baselineValue, metric.goal].filter((v) => v !== null && v !== undefined);
  const pad = (Math.max(...ys) - Math.min(...ys)) * 0.1 || Math.abs(ys[0] ?? 1) * 0.1 || 1;
  const yMin = Math.min(...ys) - pad;
  const yMax = Math.max(...ys) + pad;
  const horizontal = (value) => (value === null || value === undefined ? [] : [{ x: xMin, y: value }, { x: xMax, y: value }]);
  const datasets = [
    {
      label: metric.name,
      data: measured.map((c) => ({ x: ms(c.at), y: c.value })),
      borderColor: COLORS.value,
      borderWidth: 2,
      pointRadius: measured.length > 150 ? 2 : 3.5,
      pointBackgroundColor: measured.map((c) => VERDICT_COLORS[c.verdict]),
      pointBorderColor: measured.map((c) => VERDICT_COLORS[c.verdict]),
    },
    { label: 'Baseline', data: horizontal(metric.baselineValue), borderColor: COLORS.baseline, borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0 },
    { label: 'Goal', data: horizontal(metric.goal), borderColor: COLORS.goal, borderDash: [6, 4], borderWidth: 2, pointRadius: 0 },
  ];
  if (implementedAt) {
    datasets.push({
      label: 'Implemented',
      data: [
        { x: ms(implementedAt), y: yMin },
        { x: ms(implementedAt), y: yMax },
      ],
      borderColor: COLORS.implemented,
      borderWidth: 2,
      pointRadius: 0,
    });
  }
  return createChart(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions(),
      scales: {
        x: { type: 'linear', min: xMin, max: xMax, ticks: { callback: (v) => shortDate(v, tz), maxRotation: 0, maxTicksLimit: 7 }, grid: { display: false } },
        y: { min: yMin, max: yMax },
      },
      plugins: {
        ...baseOptions().plugins,
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? shortDate(items[0].parsed.x, tz) : ''),
            afterLabel: (item) => (item.datasetIndex === 0 ? `verdict: ${label(measured[item.dataIndex].verdict)}` : ''),
            label: (item) => `${item.dataset.label}: ${number(item.parsed.y)}`,
          },
        },
      },
    },
  });
}
