import { apiGet, apiGetAll } from './api-client.js';
import { fact, h, replaceChildren } from './dom.js';
import { date, dateTime, label, number, percent, relativeDays, significance } from './format.js';
import { evaluationTable } from './evaluation-table.js';
import { metricChart } from './metric-chart.js';
import { editActionForm } from './action-form.js';
import { actionEvents, auditTrail, wontFixReason, workflowControls } from './action-workflow.js';
import { canWrite } from './caller-role.js';
import { replayControl } from './replay-history.js';
import { destroyCharts } from './chart-registry.js';
import { addMetricControl, metricWriteControls } from './metric-controls.js';

const RECENT_CHECKS = 12;
const TZ = 'UTC';

function verdictBadge(verdict) {
  return h('span', { class: `badge verdict-${verdict}` }, label(verdict));
}

/** Why the latest check judged as it did, in its own words, and its significance test when one ran. */
function latestReason(metric) {
  const latest = metric.latest;
  if (!latest) return null;
  const test = significance(latest);
  return [
    latest.reason ? h('p', { class: 'check-reason', id: `reason-${metric.id}` }, latest.reason) : null,
    test ? h('p', { class: 'muted', id: `significance-${metric.id}` }, `Significance: ${test}`) : null,
  ];
}

function definition(metric) {
  if (metric.query) return metric.query;
  const s = metric.selector;
  return s ? `${s.statistic}(${s.metric}${s.attributes ? ` ${JSON.stringify(s.attributes)}` : ''})` : '';
}

function metricSection(metric, checks, action, writer, again) {
  const newestFirst = [...checks].reverse();
  const canvas = h('canvas', {
    id: `metric-chart-${metric.id}`,
    class: 'metric-chart',
    role: 'img',
    'aria-label': `${metric.name}: value per check, baseline and goal`,
  });
  const section = h(
    'section',
    { class: 'card metric', 'data-metric-id': metric.id, 'aria-labelledby': `metric-title-${metric.id}` },
    h(
      'div',
      { class: 'card-head' },
      h('h2', { id: `metric-title-${metric.id}` }, metric.name),
      metric.latest ? verdictBadge(metric.latest.verdict) : h('span', { class: 'badge' }, 'not scored yet'),
    ),
    latestReason(metric),
    h(
      'p',
      null,
      h('code', { class: 'query' }, definition(metric)),
      h('span', { class: 'muted' }, ` on ${metric.datasource}`),
    ),
    h(
      'dl',
      { class: 'facts' },
      fact('Direction', metric.direction),
      fact('Baseline', number(metric.baselineValue), `baseline-${metric.id}`),
      fact('Goal', number(metric.goal), `goal-${metric.id}`),
      fact('Latest', number(metric.latest?.value)),
      fact('Progress', percent(metric.progress)),
      fact('Met since', metric.metSince ? dateTime(metric.metSince, TZ) : '—'),
    ),
    h(
      'div',
      { class: 'metric-history' },
      checks.some((c) => c.value !== null)
        ? h('div', { class: 'chart-box' }, canvas)
        : h('p', { class: 'muted' }, 'No measured value yet.'),
      evaluationTable(metric, newestFirst, TZ),
    ),
    h('h3', null, 'Recent checks'),
    h(
      'ol',
      { class: 'verdicts', id: `verdicts-${metric.id}` },
      newestFirst
        .slice(0, RECENT_CHECKS)
        .map((c) =>
          h(
            'li',
            { 'data-verdict': c.verdict },
            verdictBadge(c.verdict),
            h('time', { datetime: c.at }, dateTime(c.at, TZ)),
            h(
              'span',
              { class: 'muted' },
              c.reason ?? c.error ?? `value ${number(c.value)} · progress ${percent(c.progress)}`,
            ),
          ),
        ),
    ),
  );
  if (writer) section.querySelector('.card-head').after(metricWriteControls(action, metric, section, again, again));
  const draw = () => {
    if (checks.some((c) => c.value !== null))
      metricChart(canvas, { metric, checks, implementedAt: action.implementedAt, tz: TZ });
  };
  return { section, draw };
}

/** One action: what it is, why it is flagged, and each success metric's checks over time. */
export async function renderActionPage(root, id, isCurrent) {
  const [action, evaluations, writer, events] = await Promise.all([
    apiGet(`/api/v1/actions/${id}`),
    apiGetAll(`/api/v1/actions/${id}/evaluations`),
    canWrite(),
    actionEvents(id),
  ]);
  if (!isCurrent()) return;
  // After a write, the page is drawn again from the API's answer and the new audit trail.
  const again = async () => {
    destroyCharts();
    await renderActionPage(root, id, isCurrent);
    document.body.dataset.saved = String(Date.now());
  };
  const oldestFirst = [...evaluations].reverse();
  const metrics = action.metrics.map((m) =>
    metricSection(
      m,
      oldestFirst.filter((e) => e.metricId === m.id),
      action,
      writer,
      again,
    ),
  );
  const overdue =
    action.dueAt && !['verified', 'wont_fix'].includes(action.status) && Date.parse(action.dueAt) < Date.now();
  replaceChildren(
    root,
    h('p', null, h('a', { href: '#/', class: 'back' }, '← Overview')),
    h('h1', { class: 'page-title', id: 'action-title' }, action.title),
    h(
      'section',
      { class: 'card', id: 'action-card' },
      writer
        ? h(
            'p',
            { class: 'form-buttons' },
            h(
              'button',
              {
                type: 'button',
                id: 'edit-action',
                class: 'button secondary',
                onclick: async () => {
                  const card = document.getElementById('action-card');
                  const form = await editActionForm(action, again, again);
                  replaceChildren(card, h('h2', null, 'Edit action'), form);
                  form.elements.title.focus();
                },
              },
              'Edit',
            ),
          )
        : null,
      h(
        'dl',
        { class: 'facts' },
        fact('Team', action.ownerTeam, 'action-team'),
        fact('Priority', h('span', { class: `priority ${action.priority}` }, action.priority), 'action-priority'),
        fact('Status', label(action.status), 'action-status'),
        wontFixReason(action, events)
          ? fact("Why won't fix", wontFixReason(action, events), 'action-wont-fix-reason')
          : null,
        fact(
          'Due',
          action.dueAt ? `${date(action.dueAt, TZ)} (${relativeDays(action.dueAt)})` : 'no due date',
          'action-due',
        ),
        fact('Services', action.services.join(', ') || '—', 'action-services'),
        fact(
          'Tracker',
          action.externalRef ? h('a', { href: action.externalRef, rel: 'noopener' }, action.externalRef) : '—',
          'action-external-ref',
        ),
        fact(
          'Post-mortem',
          action.postmortemId ? h('a', { href: `#/postmortems/${action.postmortemId}` }, 'View post-mortem') : '—',
          'action-postmortem',
        ),
        fact('Opened', date(action.openedAt, TZ)),
        fact('Implemented', date(action.implementedAt, TZ), 'action-implemented'),
        fact(
          'Closed',
          action.closedAt
            ? `${date(action.closedAt, TZ)}${action.verification ? ` (${action.verification})` : ''}`
            : '—',
        ),
      ),
      overdue ? h('p', { class: 'error' }, 'Past its due date.') : null,
      h('h2', null, 'Flags'),
      action.flags.length
        ? h(
            'ul',
            { class: 'flags', id: 'action-flags' },
            action.flags.map((f) =>
              h(
                'li',
                { class: 'flag', 'data-kind': f.kind },
                h('span', { class: `badge flag-${f.kind}` }, label(f.kind)),
                h('span', { class: 'reason' }, f.reason),
                h('span', { class: 'since' }, `since ${date(f.raisedAt, TZ)}`),
              ),
            ),
          )
        : h('p', { class: 'muted', id: 'action-flags' }, 'No active flags.'),
      action.description
        ? h(
            'details',
            { class: 'description' },
            h('summary', null, 'Description'),
            h('p', { class: 'prewrap' }, action.description),
          )
        : null,
    ),
    writer ? workflowControls(action, again) : null,
    writer && action.metrics.length ? replayControl(action, again) : null,
    metrics.length
      ? metrics.map((m) => m.section)
      : h(
          'section',
          { class: 'card' },
          h('p', { class: 'muted' }, 'No success metric: this action is verified by a person.'),
        ),
    writer ? addMetricControl(action, again) : null,
    auditTrail(events),
  );
  for (const m of metrics) m.draw();
}
