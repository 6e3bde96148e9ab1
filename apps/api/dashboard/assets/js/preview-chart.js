import { COLORS, createChart } from './chart-registry.js';
import { niceBounds, timeLineChart } from './metric-chart.js';

const ms = (iso) => Date.parse(iso);
const segment = (from, to, y) =>
  y === null || y === undefined
    ? []
    : [
        { x: from, y },
        { x: to, y },
      ];

/**
 * A preview (POST /api/v1/metrics/preview) drawn: the baseline over the range it was measured on,
 * the evaluation window's points, the goal and the window's value across the window. Created
 * through chart-registry.js, so the next page render destroys it.
 */
export function previewChart(canvas, preview, tz) {
  const start = ms(preview.baselineRange?.start ?? preview.windowStart);
  const baselineEnd = ms(preview.baselineRange?.end ?? preview.windowStart);
  const windowStart = ms(preview.windowStart);
  const windowEnd = ms(preview.windowEnd);
  const points = preview.points.filter((p) => p.value !== null).map((p) => ({ x: ms(p.at), y: p.value }));
  const ys = [...points.map((p) => p.y), preview.baseline, preview.goal, preview.value].filter(
    (v) => v !== null && v !== undefined,
  );
  const [yMin, yMax] = ys.length ? niceBounds(Math.min(...ys), Math.max(...ys)) : [0, 1];
  const margin = (windowEnd - start) * 0.02;
  const xMin = start - margin;
  const xMax = windowEnd + margin;
  const line = (label, data, color, dash, width = 2) => ({
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    borderDash: dash,
    borderWidth: width,
    pointRadius: 0,
  });
  const datasets = [
    line('Baseline (its range)', segment(start, baselineEnd, preview.baseline), COLORS.baseline, [], 4),
    {
      label: 'Window points',
      data: points,
      borderColor: COLORS.value,
      backgroundColor: COLORS.value,
      borderWidth: 1.5,
      pointRadius: points.length > 150 ? 0 : 2,
    },
    line('Goal', segment(Math.min(baselineEnd, windowStart), windowEnd, preview.goal), COLORS.goal, [6, 4]),
    line('Value now', segment(windowStart, windowEnd, preview.value), COLORS.forecast, [2, 3]),
  ];
  return createChart(canvas, timeLineChart(datasets, { x: [xMin, xMax, 6], y: [yMin, yMax], tz }));
}
