import { parseDuration, type SuccessMetricDefinition } from '@app/domain';
import type { MetricSpec } from '@app/scoring';

/**
 * The scoring library's view of a metric (saved, or a preview's definition). `defaultBaselineEnd` is
 * where the baseline window ends when the metric does not say: the post-mortem's occurredAt, else the
 * action's openedAt (docs/scoring.md, "Windows, steps and slots").
 */
export function toMetricSpec(metric: SuccessMetricDefinition, defaultBaselineEnd: Date): MetricSpec {
  return {
    direction: metric.direction,
    target: metric.target,
    aggregation: metric.aggregation,
    baselineWindowMs: parseDuration(metric.baselineWindow),
    baselineEnd: (metric.baselineEnd ?? defaultBaselineEnd).getTime(),
    evaluationWindowMs: parseDuration(metric.evaluationWindow),
    checkEveryMs: parseDuration(metric.checkEvery),
    stepMs: metric.step === null ? null : parseDuration(metric.step),
    confidence: metric.confidence,
    seasonality: 'none',
    timeZone: 'UTC',
  };
}

/** The default end of a metric's baseline window (`baselineEnd`, see docs/scoring.md, "Windows, steps and slots"). */
export function defaultBaselineEnd(action: { openedAt: Date }, postmortemOccurredAt: Date | null): Date {
  return postmortemOccurredAt ?? action.openedAt;
}
