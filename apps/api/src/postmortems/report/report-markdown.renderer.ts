import { FLAG_KINDS, isTerminal } from '@app/domain';
import type { ContributingFactor } from '@app/persistence';
import { codeSpan, embedMarkdown, escapeInline, escapeMultiline } from './markdown-text';
import type {
  PostmortemReportData,
  ReportAction,
  ReportFlag,
  ReportMetric,
  ReportPostmortem,
} from './postmortem-report.model';
import { outcomeOverview } from './report-overview';
import {
  describeSelector,
  describeTarget,
  flagLabel,
  formatInstant,
  formatNumber,
  formatProgress,
  formatSpan,
  statusLabel,
} from './report-values';

const KIND_LABELS: Record<ReportPostmortem['kind'], string> = {
  incident: 'Incident post-mortem',
  success: 'Success review',
  premortem: 'Pre-mortem',
};

const NONE = '_None recorded._';

/**
 * The shareable write-up of a post-mortem, as Markdown. Pure: the data and the clock (`now`, for
 * "overdue" and the generation stamp) come in, the document goes out.
 */
export function renderReportMarkdown(report: PostmortemReportData, now: Date): string {
  const pm = report.postmortem;
  const blocks = [
    `# ${escapeInline(pm.title)}`,
    `_${KIND_LABELS[pm.kind]} · report generated ${formatInstant(now)}_`,
    '## Facts',
    facts(pm),
    '## Summary',
    pm.summary.trim() ? embedMarkdown(pm.summary, 2) : '_No summary recorded._',
    '## Timeline',
    timeline(pm),
    '## Contributing factors',
    '### Triggers (sharp end)',
    factors(pm.contributingFactors, 'trigger'),
    '### Latent conditions (blunt end)',
    factors(pm.contributingFactors, 'latent'),
    '## Corrective actions',
    ...(report.actions.length
      ? [
          `**Outcome:** ${outcomeOverview(report.actions, now)}`,
          ...report.actions.flatMap((action, i) => actionBlocks(action, i + 1, now)),
        ]
      : ['_No corrective actions recorded._']),
  ];
  return blocks.join('\n\n') + '\n';
}

function facts(pm: ReportPostmortem): string {
  const duration =
    pm.occurredAt && pm.resolvedAt ? formatSpan(pm.resolvedAt.getTime() - pm.occurredAt.getTime()) : 'unknown';
  return [
    `- **Kind:** ${pm.kind}`,
    `- **Severity:** ${pm.severity ?? 'not set'}`,
    `- **Occurred:** ${pm.occurredAt ? formatInstant(pm.occurredAt) : 'not recorded'}`,
    `- **Resolved:** ${pm.resolvedAt ? formatInstant(pm.resolvedAt) : pm.occurredAt ? 'not resolved' : 'not recorded'}`,
    `- **Duration:** ${duration}`,
    `- **Services:** ${pm.services.length ? pm.services.map(escapeInline).join(', ') : 'none recorded'}`,
  ].join('\n');
}

function timeline(pm: ReportPostmortem): string {
  if (pm.timeline.length === 0) return NONE;
  // Stored in order already; sorted again so the renderer is right for any input (stable for ties).
  const entries = [...pm.timeline].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return entries
    .map((entry) => `- **${formatInstant(new Date(entry.at))}** — ${escapeMultiline(entry.text, '  ')}`)
    .join('\n');
}

function factors(all: ContributingFactor[], kind: ContributingFactor['kind']): string {
  const chosen = all.filter((factor) => factor.kind === kind);
  if (chosen.length === 0) return NONE;
  return chosen
    .map((factor) => `- **${capitalise(factor.category)}:** ${escapeMultiline(factor.text, '  ')}`)
    .join('\n');
}

function actionBlocks(action: ReportAction, index: number, now: Date): string[] {
  const overdue = action.dueAt !== null && action.dueAt.getTime() < now.getTime() && !isTerminal(action.status);
  const due = action.dueAt ? `${formatInstant(action.dueAt)}${overdue ? ' — **overdue**' : ''}` : 'none';
  const lines = [
    `- **Owner team:** ${escapeInline(action.ownerTeam)}`,
    `- **Priority:** ${action.priority}`,
    `- **Status:** ${statusLabel(action.status)}`,
    `- **Due:** ${due}`,
  ];
  if (action.implementedAt) lines.push(`- **Implemented:** ${formatInstant(action.implementedAt)}`);
  if (action.verification !== null) lines.push(verifiedLine(action));
  lines.push(...flagLines(action.flags));
  if (action.metrics.length === 0) lines.push('- **Success metric:** none — this action has no success metric');
  else lines.push('- **Success metrics:**', ...action.metrics.map(metricLines));
  return [`### ${index}. ${escapeInline(action.title)}`, lines.join('\n')];
}

function verifiedLine(action: ReportAction): string {
  const on = action.closedAt ? ` on ${formatInstant(action.closedAt)}` : '';
  if (action.verification === 'telemetry')
    return `- **Verified:** by telemetry${on} — every success metric met its goal and held`;
  const note = action.verificationNote?.trim();
  return `- **Verified:** manually${on}${note ? ` — ${escapeMultiline(note, '  ')}` : ''}`;
}

/**
 * The active flags with why and since when: what a reader must know before calling the action
 * done. Oldest first; flags raised by the same check in a fixed order, so two renderings agree.
 */
function flagLines(flags: ReportFlag[]): string[] {
  if (flags.length === 0) return ['- **Flags:** none'];
  const ordered = [...flags].sort(
    (a, b) => a.raisedAt.getTime() - b.raisedAt.getTime() || FLAG_KINDS.indexOf(a.kind) - FLAG_KINDS.indexOf(b.kind),
  );
  return [
    '- **Flags:**',
    ...ordered.map(
      (flag) =>
        `  - **${flagLabel(flag.kind)}** since ${formatInstant(flag.raisedAt)} — ${escapeMultiline(flag.reason, '    ')}`,
    ),
  ];
}

function metricLines(metric: ReportMetric): string {
  const measured =
    metric.query !== null
      ? `Query: ${codeSpan(metric.query)}`
      : `Selector: ${metric.selector ? codeSpan(describeSelector(metric.selector)) : 'none'}`;
  return [
    `  - **${escapeInline(metric.name)}** (datasource ${codeSpan(metric.datasource)})`,
    `    - ${measured}`,
    `    - Target: ${describeTarget(metric.direction, metric.target)} (${metric.aggregation} over the window)`,
    `    - Outcome: ${outcome(metric)}`,
    ...reasonLine(metric),
  ].join('\n');
}

function outcome(metric: ReportMetric): string {
  const baseline = metric.baseline === null ? null : formatNumber(metric.baseline);
  const result = metric.outcome;
  if (!result) return `not yet measured${baseline === null ? '' : ` (baseline ${baseline})`}`;
  const value = result.value === null ? 'no value' : formatNumber(result.value);
  const goal = result.goal === null ? '' : ` vs goal ${formatNumber(result.goal)}`;
  const verdict = result.verdict.replace('_', ' ');
  const progress = result.progress === null ? '' : ` · progress ${formatProgress(result.progress)}`;
  return `**${verdict}** — ${baseline ?? 'no baseline'} → ${value}${goal}${progress} (checked ${formatInstant(result.at)})`;
}

/** The latest check's own explanation, so a reader can check the verdict against the telemetry. */
function reasonLine(metric: ReportMetric): string[] {
  const reason = metric.outcome?.reason?.trim();
  return reason ? [`    - Reason: ${escapeInline(reason)}`] : [];
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
