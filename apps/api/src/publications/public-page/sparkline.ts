import { formatNumber } from '../../postmortems/report/report-values';
import { escapeHtml } from '../../postmortems/report/html-escape';
import { formatDay } from './outcome-words';
import type { PublicMetric } from './public-view.model';

const WIDTH = 240;
const HEIGHT = 56;
const PAD = 4;

/**
 * A small inline SVG of a metric's checks, with its goal (dashed) and baseline (dotted) drawn in:
 * markup only, styled by the page's stylesheet through classes, so it needs no script and no
 * style attribute. Null when nothing was measured yet.
 */
export function sparklineSvg(metric: PublicMetric): string | null {
  const points = metric.trend;
  if (points.length === 0) return null;
  const goal = points[points.length - 1].goal;
  const levels = [...points.map((p) => p.value), ...(goal === null ? [] : [goal])];
  if (metric.baseline !== null) levels.push(metric.baseline);
  let low = Math.min(...levels);
  let high = Math.max(...levels);
  if (high === low) {
    const spread = Math.abs(high) * 0.1 || 1;
    low -= spread;
    high += spread;
  }
  const first = points[0].at.getTime();
  const span = points[points.length - 1].at.getTime() - first;
  const x = (at: Date) => (span === 0 ? WIDTH / 2 : PAD + ((at.getTime() - first) / span) * (WIDTH - 2 * PAD));
  const y = (value: number) => PAD + ((high - value) / (high - low)) * (HEIGHT - 2 * PAD);
  const coordinate = (n: number) => n.toFixed(1);
  const level = (value: number, kind: string) =>
    `<line class="${kind}" x1="0" x2="${WIDTH}" y1="${coordinate(y(value))}" y2="${coordinate(y(value))}"/>`;
  const last = points[points.length - 1];
  const label = describe(metric);
  return [
    `<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(label)}">`,
    `<title>${escapeHtml(label)}</title>`,
    metric.baseline === null ? '' : level(metric.baseline, 'baseline'),
    goal === null ? '' : level(goal, 'goal'),
    points.length > 1
      ? `<polyline class="line" points="${points.map((p) => `${coordinate(x(p.at))},${coordinate(y(p.value))}`).join(' ')}"/>`
      : '',
    `<circle class="last" cx="${coordinate(x(last.at))}" cy="${coordinate(y(last.value))}" r="3"/>`,
    '</svg>',
  ].join('');
}

/** What the chart shows, for screen readers and as its tooltip. */
function describe(metric: PublicMetric): string {
  const points = metric.trend;
  const last = points[points.length - 1];
  const goal = last.goal;
  const range =
    points.length === 1
      ? `1 check on ${formatDay(last.at)}`
      : `${points.length} checks from ${formatDay(points[0].at)} to ${formatDay(last.at)}`;
  const parts = [`${metric.name}: ${range}, latest ${formatNumber(last.value)}`];
  if (goal !== null) parts.push(`goal ${formatNumber(goal)}`);
  if (metric.baseline !== null) parts.push(`baseline ${formatNumber(metric.baseline)}`);
  return parts.join('; ');
}
