import { parseDuration } from '../duration';
import type { Aggregation, Direction, MetricSelector, MetricTarget, Seasonality } from '../types';

/**
 * What a success metric measures and how it is judged: every field a person sets (docs/api.md, "Success metrics").
 * Durations are written like `30m`, `6h`, `14d`.
 */
export interface SuccessMetricDefinition {
  name: string;
  datasource: string;
  /** PromQL; null when `selector` is used. */
  query: string | null;
  /** An OpenTelemetry metric selector; null when `query` is used. */
  selector: MetricSelector | null;
  direction: Direction;
  target: MetricTarget;
  aggregation: Aggregation;
  baselineWindow: string;
  /** null: the post-mortem's occurredAt, else the action's openedAt. */
  baselineEnd: Date | null;
  /** An explicit baseline; null: measured once over the baseline window, then frozen. */
  baseline: number | null;
  evaluationWindow: string;
  /** How long the goal must hold before the action is verified. */
  sustainFor: string;
  /** How long after implementedAt the fix has to prove itself. */
  verifyWithin: string;
  checkEvery: string;
  /** null: chosen so a window has at most 1,000 points. */
  step: string | null;
  /** e.g. 0.95: also require a significant Mann-Whitney U test; null: no test. */
  confidence: number | null;
  /** Compare like with like: the window's samples are adjusted by the baseline's daily or weekly profile. */
  seasonality: Seasonality;
  /** IANA time zone of the phase buckets (hour of day, hour of week). */
  timeZone: string;
}

export type SuccessMetricField = keyof SuccessMetricDefinition;

/** Every field of a definition, in the order the API shows them. */
export const SUCCESS_METRIC_FIELDS = [
  'name',
  'datasource',
  'query',
  'selector',
  'direction',
  'target',
  'aggregation',
  'baselineWindow',
  'baselineEnd',
  'baseline',
  'evaluationWindow',
  'sustainFor',
  'verifyWithin',
  'checkEvery',
  'step',
  'confidence',
  'seasonality',
  'timeZone',
] as const satisfies readonly SuccessMetricField[];

/** The fields written as durations; only `step` may be null. */
export const DURATION_FIELDS = [
  'baselineWindow',
  'evaluationWindow',
  'sustainFor',
  'verifyWithin',
  'checkEvery',
  'step',
] as const satisfies readonly SuccessMetricField[];

/** The fields that define what is measured: changing one makes a measured baseline and a met streak meaningless. */
export const MEASUREMENT_FIELDS = [
  'datasource',
  'query',
  'selector',
  'direction',
  'target',
  'aggregation',
  'baselineWindow',
  'baselineEnd',
  'baseline',
  'seasonality',
  'timeZone',
] as const satisfies readonly SuccessMetricField[];

/** The fields a new metric may leave out, and what they then are. */
export const SUCCESS_METRIC_DEFAULTS = {
  query: null,
  selector: null,
  aggregation: 'avg',
  baselineWindow: '14d',
  baselineEnd: null,
  baseline: null,
  evaluationWindow: '7d',
  sustainFor: '7d',
  verifyWithin: '30d',
  checkEvery: '1h',
  step: null,
  confidence: null,
  seasonality: 'none',
  timeZone: 'UTC',
} as const satisfies Partial<SuccessMetricDefinition>;

/** What judging an action's outcome needs of each of its metrics. */
export type SuccessMetricTimings = Pick<SuccessMetricDefinition, 'sustainFor' | 'verifyWithin'>;

/** The fields of `metric` that make its definition (an entity carries more). */
export function definitionOf(metric: SuccessMetricDefinition): SuccessMetricDefinition {
  return Object.fromEntries(
    SUCCESS_METRIC_FIELDS.map((field) => [field, metric[field]]),
  ) as unknown as SuccessMetricDefinition;
}

/** How long the goal must hold before the metric counts as met for good, in ms. */
export function sustainSpanMs(metric: Pick<SuccessMetricDefinition, 'sustainFor'>): number {
  return parseDuration(metric.sustainFor);
}

/** The time (epoch ms) by which the telemetry must have verified a fix shipped at `implementedAt`. */
export function verificationDeadline(
  metric: Pick<SuccessMetricDefinition, 'verifyWithin'>,
  implementedAt: number,
): number {
  return implementedAt + parseDuration(metric.verifyWithin);
}
