import { selectorToPromql } from '@app/datasources';
import { resolveGoal } from '@app/scoring';
import type { SuccessMetricEntity } from '@app/persistence';
import type { Snapshot } from '@app/domain';
import type { DatasourceRef, MetricDefinition } from './metric-definition';
import type { MetricEvaluationDto } from './dto/metric-evaluation.dto';
import type { SuccessMetricDto } from './dto/success-metric.dto';

/** `datasources` (the configured ones) tell whether a selector is translated to PromQL for display. */
export function toSuccessMetricDto(
  metric: SuccessMetricEntity,
  latest: MetricEvaluationDto | null,
  datasources: readonly DatasourceRef[],
): SuccessMetricDto {
  // An explicit baseline always wins; the stored baselineValue mirrors it, this guards older rows.
  const baselineValue = metric.baseline ?? metric.baselineValue;
  return {
    id: metric.id,
    actionId: metric.actionId,
    name: metric.name,
    datasource: metric.datasource,
    query: metric.query,
    selector: metric.selector,
    translatedQuery: translatedQuery(metric, datasources),
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

/**
 * The PromQL a selector on a prometheus datasource is scored with (see README.md), so a person can check
 * the translated names; null for a `query` metric or a selector on the OTLP store. A selector
 * stored before attach validated its translation shows null rather than failing the read.
 */
export function translatedQuery(
  metric: Pick<MetricDefinition, 'datasource' | 'selector'>,
  datasources: readonly DatasourceRef[],
): string | null {
  if (!metric.selector || datasources.find((ds) => ds.name === metric.datasource)?.type !== 'prometheus') return null;
  try {
    return selectorToPromql(metric.selector);
  } catch {
    return null;
  }
}

function iso(date: Date | null): string | null {
  return date?.toISOString() ?? null;
}
