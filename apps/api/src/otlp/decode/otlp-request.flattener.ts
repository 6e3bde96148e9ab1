import type { OtlpTemporality } from '@app/persistence';
import { AttributesRefused } from './attribute-limits';
import { type KeyValueObject, mergeAttributes, toAttributeSet } from './otlp-attributes';
import type { AttributeSet, DecodeRejectReason, FlattenedRequest, OtlpPoint } from './otlp-metric.model';
import type {
  ExportRequestObject,
  HistogramDataPointObject,
  MetricObject,
  NumberDataPointObject,
} from './otlp-request.decoder';
import { textProblem } from './text-rules';

const TEMPORALITY: Record<number, OtlpTemporality> = { 1: 'delta', 2: 'cumulative' };

/** Attributes converted, or why they are refused (then every point they apply to is refused). */
type Attributes = AttributeSet | DecodeRejectReason;

/**
 * The request's points, one flat list with attributes merged (resource < scope < point), keeping
 * only metrics `keep` accepts; the rest are counted as dropped. A point is refused alone, counted
 * by reason, when its attributes (its own, its scope's or its resource's) are past the limits or
 * hold text that cannot be stored, when its metric's name or unit cannot be stored, or when the
 * decoder marked its integers (or its scope's or resource's) as refused.
 */
export function flattenRequest(request: ExportRequestObject, keep: (metric: string) => boolean): FlattenedRequest {
  const result: FlattenedRequest = { points: [], received: 0, dropped: 0, unsupported: 0, refused: new Map() };
  for (const resourceMetrics of request.resourceMetrics ?? []) {
    const resource = resourceMetrics.refused ?? attributesOf(resourceMetrics.resource?.attributes);
    for (const scopeMetrics of resourceMetrics.scopeMetrics ?? []) {
      const scope = scopeMetrics.refused ?? attributesOf(scopeMetrics.scope?.attributes);
      for (const metric of scopeMetrics.metrics ?? []) addMetric(result, metric, resource, scope, keep);
    }
  }
  return result;
}

function attributesOf(list: KeyValueObject[] | undefined): Attributes {
  try {
    return toAttributeSet(list);
  } catch (err) {
    if (err instanceof AttributesRefused) return err.reason;
    throw err;
  }
}

/** Resource < scope < point, or the first reason any of them is refused. */
function pointAttributes(resource: Attributes, scope: Attributes, list: KeyValueObject[] | undefined): Attributes {
  if (typeof resource === 'string') return resource;
  if (typeof scope === 'string') return scope;
  const point = attributesOf(list);
  if (typeof point === 'string') return point;
  try {
    return mergeAttributes(resource, scope, point);
  } catch (err) {
    if (err instanceof AttributesRefused) return err.reason;
    throw err;
  }
}

function refuse(result: FlattenedRequest, reason: DecodeRejectReason, n = 1): void {
  result.refused.set(reason, (result.refused.get(reason) ?? 0) + n);
}

function addMetric(
  result: FlattenedRequest,
  metric: MetricObject,
  resource: Attributes,
  scope: Attributes,
  keep: (metric: string) => boolean,
): void {
  const name = metric.name ?? '';
  const unit = metric.unit ?? '';
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
  const nameProblem = textProblem(name) ?? textProblem(unit);
  if (nameProblem) {
    refuse(result, nameProblem, numbers.length + histograms.length);
    return;
  }
  const base = { metric: name, unit };
  const add = <P extends { attributes?: KeyValueObject[]; refused?: DecodeRejectReason }>(
    p: P,
    make: (p: P, attributes: AttributeSet) => OtlpPoint,
  ) => {
    const attributes = pointAttributes(resource, scope, p.attributes);
    if (typeof attributes === 'string') refuse(result, attributes);
    else if (p.refused) refuse(result, p.refused);
    else result.points.push(make(p, attributes));
  };
  if (metric.gauge || metric.sum) {
    const shape: Shape = metric.gauge
      ? { ...base, kind: 'gauge', temporality: 'unspecified', monotonic: false }
      : {
          ...base,
          kind: 'sum',
          temporality: TEMPORALITY[metric.sum!.aggregationTemporality ?? 0] ?? 'unspecified',
          monotonic: metric.sum!.isMonotonic === true,
        };
    for (const p of numbers) add(p, (q, attributes) => numberPoint(q, shape, attributes));
  }
  if (metric.histogram) {
    const temporality = TEMPORALITY[metric.histogram.aggregationTemporality ?? 0] ?? 'unspecified';
    for (const p of histograms) add(p, (q, attributes) => histogramPoint(q, { ...base, temporality }, attributes));
  }
}

type Shape = Pick<OtlpPoint, 'metric' | 'unit' | 'kind' | 'temporality' | 'monotonic'>;

function numberPoint(p: NumberDataPointObject, shape: Shape, attributes: AttributeSet): OtlpPoint {
  const value = p.asDouble !== undefined ? p.asDouble : p.asInt !== undefined ? Number(p.asInt) : null;
  return {
    ...shape,
    attributes,
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
  attributes: AttributeSet,
): OtlpPoint {
  return {
    ...shape,
    kind: 'histogram',
    monotonic: false,
    attributes,
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
