import type { OtlpTemporality } from '@app/persistence';
import { mergeAttributes, toAttributeSet, withoutNul } from './otlp-attributes';
import type { AttributeSet, FlattenedRequest, OtlpPoint } from './otlp-metric.model';
import type {
  ExportRequestObject,
  HistogramDataPointObject,
  MetricObject,
  NumberDataPointObject,
} from './otlp-request.decoder';

const TEMPORALITY: Record<number, OtlpTemporality> = { 1: 'delta', 2: 'cumulative' };

/**
 * The request's points, one flat list with attributes merged (resource < scope < point), keeping
 * only metrics `keep` accepts; the rest are counted as dropped.
 */
export function flattenRequest(request: ExportRequestObject, keep: (metric: string) => boolean): FlattenedRequest {
  const result: FlattenedRequest = { points: [], received: 0, dropped: 0, unsupported: 0 };
  for (const resourceMetrics of request.resourceMetrics ?? []) {
    const resource = toAttributeSet(resourceMetrics.resource?.attributes);
    for (const scopeMetrics of resourceMetrics.scopeMetrics ?? []) {
      const scope = toAttributeSet(scopeMetrics.scope?.attributes);
      for (const metric of scopeMetrics.metrics ?? []) addMetric(result, metric, resource, scope, keep);
    }
  }
  return result;
}

function addMetric(
  result: FlattenedRequest,
  metric: MetricObject,
  resource: AttributeSet,
  scope: AttributeSet,
  keep: (metric: string) => boolean,
): void {
  const name = withoutNul(metric.name ?? '');
  const unsupported =
    (metric.exponentialHistogram?.dataPoints?.length ?? 0) + (metric.summary?.dataPoints?.length ?? 0);
  const numbers = metric.gauge?.dataPoints ?? metric.sum?.dataPoints ?? [];
  const histograms = metric.histogram?.dataPoints ?? [];
  const total = unsupported + numbers.length + histograms.length;
  result.received += total;
  if (!keep(name)) {
    result.dropped += total;
    return;
  }
  result.unsupported += unsupported;
  const base = { metric: name, unit: withoutNul(metric.unit ?? '') };
  if (metric.gauge) {
    for (const p of numbers)
      result.points.push(
        numberPoint(p, { ...base, kind: 'gauge', temporality: 'unspecified', monotonic: false }, resource, scope),
      );
  } else if (metric.sum) {
    const temporality = TEMPORALITY[metric.sum.aggregationTemporality ?? 0] ?? 'unspecified';
    const shape = { ...base, kind: 'sum' as const, temporality, monotonic: metric.sum.isMonotonic === true };
    for (const p of numbers) result.points.push(numberPoint(p, shape, resource, scope));
  }
  if (metric.histogram) {
    const temporality = TEMPORALITY[metric.histogram.aggregationTemporality ?? 0] ?? 'unspecified';
    for (const p of histograms) result.points.push(histogramPoint(p, { ...base, temporality }, resource, scope));
  }
}

type Shape = Pick<OtlpPoint, 'metric' | 'unit' | 'kind' | 'temporality' | 'monotonic'>;

function numberPoint(p: NumberDataPointObject, shape: Shape, resource: AttributeSet, scope: AttributeSet): OtlpPoint {
  const value = p.asDouble !== undefined ? p.asDouble : p.asInt !== undefined ? Number(p.asInt) : null;
  return {
    ...shape,
    attributes: mergeAttributes(resource, scope, toAttributeSet(p.attributes)),
    timeUnixNano: p.timeUnixNano ?? '0',
    startTimeUnixNano: p.startTimeUnixNano ?? '0',
    flags: p.flags ?? 0,
    value,
    histogram: null,
  };
}

function histogramPoint(
  p: HistogramDataPointObject,
  shape: Pick<OtlpPoint, 'metric' | 'unit' | 'temporality'>,
  resource: AttributeSet,
  scope: AttributeSet,
): OtlpPoint {
  return {
    ...shape,
    kind: 'histogram',
    monotonic: false,
    attributes: mergeAttributes(resource, scope, toAttributeSet(p.attributes)),
    timeUnixNano: p.timeUnixNano ?? '0',
    startTimeUnixNano: p.startTimeUnixNano ?? '0',
    flags: p.flags ?? 0,
    value: null,
    histogram: histogramValue(p),
  };
}

function histogramValue(p: HistogramDataPointObject): OtlpPoint['histogram'] {
  const count = String(p.count ?? '0');
  const bounds = p.explicitBounds ?? [];
  const counts = (p.bucketCounts ?? []).map(String);
  // No buckets at all (allowed: only sum and count were recorded) is one bucket, -Inf..+Inf.
  return { bounds, counts: counts.length === 0 && bounds.length === 0 ? [count] : counts, sum: p.sum ?? null, count };
}
