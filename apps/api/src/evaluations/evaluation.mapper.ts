import type { EvaluationEntity } from '@app/persistence';
import type { MetricEvaluationDto } from '../success-metrics/dto/metric-evaluation.dto';

export function toMetricEvaluationDto(evaluation: EvaluationEntity): MetricEvaluationDto {
  return {
    id: evaluation.id,
    metricId: evaluation.metricId,
    at: evaluation.at.toISOString(),
    windowStart: evaluation.windowStart.toISOString(),
    windowEnd: evaluation.windowEnd.toISOString(),
    value: evaluation.value,
    baseline: evaluation.baseline,
    goal: evaluation.goal,
    progress: evaluation.progress,
    verdict: evaluation.verdict,
    pValue: evaluation.pValue,
    effectiveSamples: evaluation.effectiveSamples,
    samples: evaluation.samples,
    error: evaluation.error,
    reason: evaluation.reason,
    durationMs: evaluation.durationMs,
  };
}
