import { resolveGoal } from '@app/scoring';
import type { SuccessMetricEntity } from '@app/persistence';
import type { Snapshot } from '../actions/field-changes';
import type { MetricDefinition } from './metric-definition';
import type { MetricEvaluationDto } from './dto/metric-evaluation.dto';
import type { SuccessMetricDto } from './dto/success-metric.dto';

export function toSuccessMetricDto(metric: SuccessMetricEntity, latest: MetricEvaluationDto | null = null): SuccessMetricDto {
  // An explicit baseline always wins; the stored baselineValue mirrors it, this guards older rows.
  const baselineValue = metric.baseline ?? metric.baselineValue;
  return {
    id: metric.id,
    actionId: metric.actionId,
    name: metric.name,
    datasource: metric.datasource,
    query: metric.query,
    selector: metric.selector,
    direction: metric.direction,
    target: metric.target,
    aggregation: metric.aggregation,
    baselineWindow: metric.baselineWindow,
    baselineEnd: iso(metric.baselineEnd),
    baseline: metric.baseline,
    evaluationWindow: metric.evaluationWindow,
    sustainFor: metric.sustainFor,
    verifyWithin: metric.verifyWithin,
    checkEvery: metric.checkEvery,
    step: metric.step,
    confidence: metric.confidence,
    baselineValue,
    goal: resolveGoal(metric.direction, metric.target, baselineValue),
    latest,
    progress: latest?.progress ?? null,
    metSince: iso(metric.metSince),
    createdAt: metric.createdAt.toISOString(),
    updatedAt: metric.updatedAt.toISOString(),
  };
}

/** The definition as stored, to merge a change into. */
export function definitionOf(metric: SuccessMetricEntity): MetricDefinition {
  return {
    name: metric.name,
    datasource: metric.datasource,
    query: metric.query,
    selector: metric.selector,
    direction: metric.direction,
    target: metric.target,
    aggregation: metric.aggregation,
    baselineWindow: metric.baselineWindow,
    baselineEnd: metric.baselineEnd,
    baseline: metric.baseline,
    evaluationWindow: metric.evaluationWindow,
    sustainFor: metric.sustainFor,
    verifyWithin: metric.verifyWithin,
    checkEvery: metric.checkEvery,
    step: metric.step,
    confidence: metric.confidence,
  };
}

/** Every field a change can touch, as the API shows it: the audit trail is made of these. */
export function snapshotMetric(metric: SuccessMetricEntity): Snapshot {
  return {
    ...definitionOf(metric),
    baselineEnd: iso(metric.baselineEnd),
    baselineValue: metric.baselineValue,
    metSince: iso(metric.metSince),
  };
}

function iso(date: Date | null): string | null {
  return date?.toISOString() ?? null;
}
