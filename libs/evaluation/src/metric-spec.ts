import type { Aggregation, Direction, MetricTarget } from '@app/domain';
import { parseDuration, type MetricSpec } from '@app/scoring';

/** The fields of a success metric that say how it is measured and judged (entity or preview input). */
export interface MetricDefinitionFields {
  direction: Direction;
  target: MetricTarget;
  aggregation: Aggregation;
  baselineWindow: string;
  baselineEnd: Date | null;
  evaluationWindow: string;
  sustainFor: string;
  verifyWithin: string;
  checkEvery: string;
  step: string | null;
  confidence: number | null;
}

/**
 * The scoring library's view of a metric. `defaultBaselineEnd` is where the baseline window ends when
 * the metric does not say: the post-mortem's occurredAt, else the action's openedAt (docs/scoring.md,
 * "Windows, steps and slots").
 */
export function toMetricSpec(metric: MetricDefinitionFields, defaultBaselineEnd: Date): MetricSpec {
  return {
    direction: metric.direction,
    target: metric.target,
    aggregation: metric.aggregation,
    baselineWindowMs: parseDuration(metric.baselineWindow),
    baselineEnd: (metric.baselineEnd ?? defaultBaselineEnd).getTime(),
    evaluationWindowMs: parseDuration(metric.evaluationWindow),
    sustainForMs: parseDuration(metric.sustainFor),
    verifyWithinMs: parseDuration(metric.verifyWithin),
    checkEveryMs: parseDuration(metric.checkEvery),
    stepMs: metric.step === null ? null : parseDuration(metric.step),
    confidence: metric.confidence,
  };
}

/** The default end of a metric's baseline window (`baselineEnd`, see docs/scoring.md, "Windows, steps and slots"). */
export function defaultBaselineEnd(action: { openedAt: Date }, postmortemOccurredAt: Date | null): Date {
  return postmortemOccurredAt ?? action.openedAt;
}
