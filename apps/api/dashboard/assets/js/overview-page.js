import { burndownChart } from './burndown-chart.js';
import { dataTable } from './data-table.js';
import { h, replaceChildren } from './dom.js';
import { filterBar } from './filters.js';
import { flaggedList } from './flagged-list.js';
import { date, localDate, number, percent } from './format.js';
import { loadBurndown, loadFlagged, loadSummary, loadTeams } from './overview-data.js';
import { teamTable } from './team-table.js';

function stat(id, title, value, note) {
  return h(
    'div',
    { class: 'stat', id },
    h('span', { class: 'stat-label' }, title),
    h('span', { class: 'stat-value' }, value),
    note ? h('span', { class: 'stat-note' }, note) : null,
  );
}

function forecastText(forecast, tz) {
  const due = forecast.latestDueAt ? `latest due date ${date(forecast.latestDueAt, tz)}` : 'no due dates';
  if (forecast.trend === 'none') {
    const overdue = forecast.overdue > 0 ? `, ${forecast.overdue} already overdue` : '';
    return `${forecast.remaining} remaining, nothing closed in the last 4 weeks: no trend yet${overdue}; ${due}.`;
  }
  const rate = `closing ${number(forecast.closingPerWeek, 1)} a week`;
  const zero = forecast.zeroAt ? `all closed by ${date(forecast.zeroAt, tz)}` : 'no closing rate to extrapolate';
  return `${forecast.remaining} remaining, ${rate}: ${zero}; ${due}.`;
}

/** On track, behind, or neither yet: a fresh incident with nothing closed and nothing overdue. */
function trackBadge(forecast) {
  const [kind, text] =
    forecast.onTrack === null
      ? ['neutral', 'No trend yet']
      : forecast.onTrack
        ? ['good', 'On track']
        : ['bad', 'Behind'];
  return h('span', { id: 'on-track', class: `badge ${kind}` }, text);
}

function burndownSection(burndown) {
  const { tz, forecast, points, ideal } = burndown;
  const canvas = h('canvas', {
    id: 'burndown-chart',
    role: 'img',
    'aria-label': 'Remaining actions over time, with the ideal line and the forecast',
  });
  const section = h(
    'section',
    { class: 'card burndown', 'aria-labelledby': 'burndown-title' },
    h('div', { class: 'card-head' }, h('h2', { id: 'burndown-title' }, 'Burndown'), trackBadge(forecast)),
    h('p', { class: 'muted', id: 'forecast-text' }, forecastText(forecast, tz)),
    h('div', { class: 'chart-box' }, canvas),
    dataTable({
      id: 'burndown-data',
      caption: `Per ${burndown.interval} in ${tz}: remaining, overdue and stalled at the end of the bucket; opened, closed and verified during it`,
      columns: [
        burndown.interval === 'week' ? 'Week of' : 'Day',
        'Remaining',
        'Opened',
        'Closed',
        'Verified',
        'Overdue',
        'Stalled',
        'Ideal',
      ],
      rows: points.map((p) => {
        const idealPoint = ideal.find((i) => i.at === p.at);
        return [
          localDate(p.at, tz),
          p.remaining,
          p.opened,
          p.closed,
          p.verified,
          p.overdue,
          p.stalled,
          idealPoint ? number(idealPoint.remaining, 1) : '—',
        ];
      }),
      rowAttrs: (i) => ({ 'data-at': points[i].at }),
    }),
  );
  return { section, draw: () => burndownChart(canvas, burndown) };
}

/** The managers' page: burndown, headline numbers, flagged actions, teams. */
export async function renderOverview(root, filters, isCurrent) {
  const [burndown, summary, flagged, teams] = await Promise.all([
    loadBurndown(filters),
    loadSummary(filters),
    loadFlagged(filters),
    loadTeams(),
  ]);
  if (!isCurrent()) return;
  const last = burndown.points.at(-1);
  const chart = burndownSection(burndown);
  replaceChildren(
    root,
    h('h1', { class: 'page-title' }, 'Remediation overview'),
    filterBar(filters, teams),
    h(
      'section',
      { class: 'stats', 'aria-label': 'Headline numbers' },
      stat('stat-remaining', 'Remaining', String(last?.remaining ?? summary.total), `of ${summary.total} actions`),
      stat('stat-overdue', 'Overdue', String(summary.byFlag.overdue)),
      stat('stat-stalled', 'Stalled', String(summary.byFlag.stalled)),
      stat('stat-flagged', 'Flagged', String(flagged.length), 'actions'),
      stat(
        'stat-coverage',
        'Telemetry coverage',
        percent(summary.telemetryCoverage.share),
        `${summary.telemetryCoverage.withMetrics} of ${summary.telemetryCoverage.openActions} open`,
      ),
      stat(
        'stat-verified',
        'Verified by telemetry',
        percent(summary.verification.telemetryShare),
        `${summary.verification.verified} verified`,
      ),
    ),
    chart.section,
    teamTable(summary.byTeam),
    flaggedList(flagged, burndown.tz),
  );
  chart.draw();
}
