import type { Direction } from '@app/domain';
import { numbersInWords } from '@app/scoring';
import { markdownText } from './markdown-text';

/** The outcomes written back to a linked issue. */
export const REMEDIATION_OUTCOMES = ['verified', 'ineffective', 'stalled', 'regressed'] as const;
export type RemediationOutcome = (typeof REMEDIATION_OUTCOMES)[number];

/** One success metric as last measured. */
export interface MeasuredMetric {
  name: string;
  /** As the metric's author gave it (`ms`, `%`, `req/s`); null: a bare number. */
  unit: string | null;
  direction: Direction;
  baseline: number | null;
  value: number | null;
  goal: number | null;
}

export interface OutcomeFacts {
  action: { id: string; title: string };
  /** The verdict's reason, as the flag or the verification states it. */
  reason: string;
  metrics: readonly MeasuredMetric[];
  /** notifications.publicUrl: the comment then links the action in the dashboard. */
  publicUrl: string | null;
}

export interface OutcomeComment {
  markdown: string;
  label: string;
}

const HEADLINES: Record<RemediationOutcome, string> = {
  verified: 'verified by telemetry',
  ineffective: 'ineffective: the fix shipped but the telemetry did not move enough',
  stalled: 'stalled: no recent progress',
  regressed: 'regressed: the telemetry slipped back after verification',
};

const GOAL_SIGN: Record<Direction, string> = { decrease: '≤', increase: '≥' };

/**
 * The one comment an outcome adds to the linked issue, and its `remediation:<outcome>` label
 * (docs/trackers.md, "What is written back"): the outcome, each metric's baseline → latest value
 * vs goal, the verdict's reason and, with a public URL, a link to the action in the dashboard.
 */
export function outcomeComment(outcome: RemediationOutcome, facts: OutcomeFacts): OutcomeComment {
  const lines = [`**Remediation ${HEADLINES[outcome]}** — ${markdownText(facts.action.title)}`];
  if (facts.metrics.length > 0) lines.push('', 'Measured outcome:', ...facts.metrics.map(metricLine));
  const reason = facts.reason.trim();
  if (reason) lines.push('', `Why: ${markdownText(reason)}`);
  if (facts.publicUrl !== null) lines.push('', `[Open the action in the remediation tracker](${actionLink(facts)})`);
  return { markdown: lines.join('\n'), label: `remediation:${outcome}` };
}

/** `- **p99 latency**: 850 ms → 240 ms vs goal ≤ 300 ms`, the numbers told apart (see numbersInWords). */
function metricLine(metric: MeasuredMetric): string {
  const known = [metric.baseline, metric.value, metric.goal].filter((n): n is number => n !== null);
  const words = new Map(known.map((n, i) => [n, numbersInWords(known)[i]]));
  const amount = (n: number) => (metric.unit ? `${words.get(n)} ${markdownText(metric.unit)}` : words.get(n)!);
  const baseline = metric.baseline === null ? 'no baseline' : amount(metric.baseline);
  const value = metric.value === null ? 'not measured yet' : amount(metric.value);
  const goal = metric.goal === null ? '' : ` vs goal ${GOAL_SIGN[metric.direction]} ${amount(metric.goal)}`;
  return `- **${markdownText(metric.name)}**: ${baseline} → ${value}${goal}`;
}

/** The action's page in the dashboard (a hash route, served at the service's root). */
function actionLink(facts: OutcomeFacts): string {
  return `${facts.publicUrl!.replace(/\/+$/, '')}/#/actions/${encodeURIComponent(facts.action.id)}`;
}
