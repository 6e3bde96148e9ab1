import { baseOptions, COLORS, createChart, VERDICT_COLORS } from './chart-registry.js';
import { label, number, shortDate } from './format.js';

const ms = (iso) => Date.parse(iso);
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Round axis ends (150..450 rather than 180..420) with a little room around the data. */
export function niceBounds(low, high) {
  const span = high - low || Math.abs(high) || 1;
  const rough = (span * 1.2) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= rough);
  return [Math.floor((low - span * 0.05) / step) * step, Math.ceil((high + span * 0.05) / step) * step];
}

/** Ticks on UTC midnights (the action page's zone), every n days so at most `max` show. */
export function dayTicks(min, max, maxCount) {
  const days = Math.max(1, Math.ceil((max - min) / DAY_MS / maxCount));
  const ticks = [];
  for (let t = Math.ceil(min / DAY_MS) * DAY_MS; t <= max; t += days * DAY_MS) ticks.push(t);
  return ticks;
}

/**
 * One success metric over time: the value of every check that measured one (coloured by its
 * verdict), the baseline and the goal as horizontal lines, and the implementation date as a
 * vertical one. `checks` are this metric's evaluations, oldest first.
 */
export function metricChart(canvas, { metric, checks, implementedAt, tz }) {
  const measured = checks.filter((c) => c.value !== null);
  const xs = measured.map((c) => ms(c.at));
  if (implementedAt) xs.push(ms(implementedAt));
  // A margin on both sides keeps the implementation marker and the first and last checks off the frame.
  const margin = (Math.max(...xs) - Math.min(...xs)) * 0.03 || HOUR_MS;
  const xMin = Math.min(...xs) - margin;
  const xMax = Math.max(...xs) + margin;
  const ys = [...measured.map((c) => c.value), metric.baselineValue, metric.goal].filter(
    (v) => v !== null && v !== undefined,
  );
  const [yMin, yMax] = niceBounds(Math.min(...ys), Math.max(...ys));
  const horizontal = (value) =>
    value === null || value === undefined
      ? []
      : [
          { x: xMin, y: value },
          { x: xMax, y: value },
        ];
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
    {
      label: 'Baseline',
      data: horizontal(metric.baselineValue),
      borderColor: COLORS.baseline,
      borderDash: [6, 4],
      borderWidth: 1.5,
      pointRadius: 0,
    },
    {
      label: 'Goal',
      data: horizontal(metric.goal),
      borderColor: COLORS.goal,
      borderDash: [6, 4],
      borderWidth: 2,
      pointRadius: 0,
    },
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
  return createChart(
    canvas,
    timeLineChart(datasets, {
      x: [xMin, xMax, 7],
      y: [yMin, yMax],
      tz,
      afterLabel: (item) => (item.datasetIndex === 0 ? `verdict: ${label(measured[item.dataIndex].verdict)}` : ''),
    }),
  );
}

/**
 * A line chart over time: a linear x axis of instants with day ticks (at most `x[2]`), labelled in
 * `tz`; tooltips give the day and each line's value, and `afterLabel` may add a line.
 */
export function timeLineChart(datasets, { x: [xMin, xMax, tickCount], y: [yMin, yMax], tz, afterLabel }) {
  return {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions(),
      scales: {
        x: {
          type: 'linear',
          min: xMin,
          max: xMax,
          afterBuildTicks: (scale) => {
            scale.ticks = dayTicks(xMin, xMax, tickCount).map((value) => ({ value }));
          },
          ticks: { callback: (v) => shortDate(v, tz), maxRotation: 0 },
          grid: { display: false },
        },
        y: { min: yMin, max: yMax },
      },
      plugins: {
        ...baseOptions().plugins,
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? shortDate(items[0].parsed.x, tz) : ''),
            ...(afterLabel ? { afterLabel } : {}),
            label: (item) => `${item.dataset.label}: ${number(item.parsed.y)}`,
          },
        },
      },
    },
  };
}
