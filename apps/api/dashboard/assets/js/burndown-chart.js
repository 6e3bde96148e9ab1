import { baseOptions, COLORS, createChart, spacedTicks } from './chart-registry.js';
import { shortDate } from './format.js';

const ms = (iso) => Date.parse(iso);
const round2 = (value) => Math.round(value * 100) / 100;

/**
 * The ideal line as chart points: where the scope grew, a vertical step from the value just before
 * (`remaining − stepUp`) to the value after, at the same x; where it has no point (a scope without a
 * due date) a gap, not a line drawn across.
 */
export function idealChartPoints(points, ideal) {
  const byAt = new Map(ideal.map((p) => [p.at, p]));
  return points.flatMap(({ at }) => {
    const x = ms(at);
    const point = byAt.get(at);
    if (!point) return [{ x, y: null }];
    const step = point.stepUp > 0 ? [{ x, y: round2(point.remaining - point.stepUp) }] : [];
    return [...step, { x, y: point.remaining }];
  });
}

/**
 * Remaining actions per bucket, the ideal line (stepping up where the scope grew), the forecast (a dashed line from the last bucket to
 * `forecast.zeroAt`) and opened/closed bars. The x axis is linear in epoch milliseconds with ticks
 * on bucket starts, so no date adapter is needed; lines running past the axis are clipped.
 */
export function burndownChart(canvas, burndown) {
  const { points, ideal, forecast, tz } = burndown;
  const from = ms(burndown.from);
  const to = ms(burndown.to);
  const last = points.at(-1);
  const forecastLine =
    last && forecast.zeroAt
      ? [
          { x: ms(last.at), y: forecast.remaining },
          { x: ms(forecast.zeroAt), y: 0 },
        ]
      : [];
  // Show a little of the future (a quarter of the range) so the forecast and ideal endings are visible.
  const max = to + (to - from) / 4;
  const ticks = spacedTicks(
    points.map((p) => ms(p.at)),
    8,
  );
  return createChart(canvas, {
    data: {
      datasets: [
        {
          type: 'line',
          label: 'Remaining',
          data: points.map((p) => ({ x: ms(p.at), y: p.remaining })),
          borderColor: COLORS.remaining,
          backgroundColor: COLORS.remainingFill,
          fill: 'origin',
          borderWidth: 2.5,
          pointRadius: points.length > 40 ? 0 : 2,
          order: 1,
        },
        {
          type: 'line',
          label: 'Ideal',
          data: idealChartPoints(points, ideal),
          borderColor: COLORS.ideal,
          borderDash: [6, 4],
          borderWidth: 1.5,
          pointRadius: 0,
          order: 2,
        },
        {
          type: 'line',
          label: 'Forecast',
          data: forecastLine,
          borderColor: COLORS.forecast,
          borderDash: [3, 3],
          borderWidth: 2,
          pointRadius: 0,
          order: 3,
        },
        {
          type: 'line',
          label: 'Overdue',
          data: points.map((p) => ({ x: ms(p.at), y: p.overdue })),
          borderColor: COLORS.overdue,
          borderWidth: 1.5,
          pointRadius: 0,
          order: 4,
        },
        {
          type: 'bar',
          label: 'Opened',
          data: points.map((p) => ({ x: ms(p.at), y: p.opened })),
          backgroundColor: COLORS.opened,
          order: 5,
        },
        {
          type: 'bar',
          label: 'Closed',
          data: points.map((p) => ({ x: ms(p.at), y: p.closed })),
          backgroundColor: COLORS.closed,
          order: 6,
        },
      ],
    },
    options: {
      ...baseOptions(),
      scales: {
        x: {
          type: 'linear',
          min: from,
          max,
          afterBuildTicks: (scale) => {
            scale.ticks = ticks.map((value) => ({ value }));
          },
          ticks: { callback: (value) => shortDate(value, tz), maxRotation: 0, autoSkip: true },
          grid: { display: false },
        },
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'actions' } },
      },
      plugins: {
        ...baseOptions().plugins,
        tooltip: { callbacks: { title: (items) => (items[0] ? shortDate(items[0].parsed.x, tz) : '') } },
      },
    },
  });
}
