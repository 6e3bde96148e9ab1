import { definitionOf, measurementOf, type DatasourceRef, type SuccessMetricDefinition } from '@app/domain';
import { resolveGoal } from '@app/scoring';
import type { SuccessMetricEntity } from '@app/persistence';
import type { Snapshot } from '@app/domain';
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
    sourceId: metric.sourceId,
    actionId: metric.actionId,
    ...definitionOf(metric),
    translatedQuery: translatedQuery(metric, datasources),
    baselineEnd: iso(metric.baselineEnd),
    baselineValue,
    goal: resolveGoal(metric.direction, metric.target, baselineValue),
    latest,
    progress: latest?.progress ?? null,
    metSince: iso(metric.metSince),
    createdAt: metric.createdAt.toISOString(),
    updatedAt: metric.updatedAt.toISOString(),
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
 * The PromQL a selector on a prometheus datasource is scored with (see docs/opentelemetry.md,
 * "A selector on a prometheus datasource"), so a person can check the translated names; null for a `query` metric or a
 * selector on the OTLP store. A selector stored before attach validated its translation shows null rather than
 * failing the read.
 */
export function translatedQuery(
  metric: Pick<SuccessMetricDefinition, 'datasource' | 'query' | 'selector'>,
  datasources: readonly DatasourceRef[],
): string | null {
  const kind = datasources.find((ds) => ds.name === metric.datasource)?.type ?? null;
  try {
    return measurementOf(metric, kind)?.translatedQuery ?? null;
  } catch {
    return null;
  }
}

function iso(date: Date | null): string | null {
  return date?.toISOString() ?? null;
}
