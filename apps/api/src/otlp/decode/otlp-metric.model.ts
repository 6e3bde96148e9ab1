import type { OtlpMetricKind, OtlpTemporality } from '@app/persistence';
import type { AttributeRejectReason } from './attribute-limits';
import type { IntegerRejectReason } from './json-int64';
import type { TextRejectReason } from './text-rules';

/** Why the decoder refuses a point (docs/operation.md, "OTLP receiver limits"). */
export type DecodeRejectReason = AttributeRejectReason | TextRejectReason | IntegerRejectReason;

export type AttributeSet = Record<string, string>;

export interface HistogramValue {
  bounds: number[];
  /** uint64 as decimal strings. */
  counts: string[];
  sum: number | null;
  count: string;
}

/** One data point of a supported kind, with its resource, scope and point attributes merged. */
export interface OtlpPoint {
  metric: string;
  kind: OtlpMetricKind;
  temporality: OtlpTemporality;
  monotonic: boolean;
  unit: string;
  attributes: AttributeSet;
  /** fixed64 nanoseconds as a decimal string ('0' when absent). */
  timeUnixNano: string;
  startTimeUnixNano: string;
  flags: number;
  /** Gauge or sum value; null when the point carries none. */
  value: number | null;
  histogram: HistogramValue | null;
}

/** The points of one request, split by what the receiver does with them. */
export interface FlattenedRequest {
  /** Points of kept metrics, of a supported kind. */
  points: OtlpPoint[];
  /** Every data point in the request. */
  received: number;
  /** Points of metrics the receiver does not keep (otlp.keep). */
  dropped: number;
  /** Points of kept metrics of an unsupported kind (exponential histogram, summary). */
  unsupported: number;
  /**
   * Points of kept metrics refused for their attributes, their metric's name or unit, or their
   * integers (docs/operation.md, "OTLP receiver limits").
   */
  refused: Map<DecodeRejectReason, number>;
}
