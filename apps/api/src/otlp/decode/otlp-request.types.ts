import type { IntegerRejectReason } from './json-int64';
import type { KeyValueObject } from './otlp-attributes';

// An ExportMetricsServiceRequest as plain objects, the shape both decoders produce.

export interface NumberDataPointObject {
  attributes?: KeyValueObject[];
  startTimeUnixNano?: string;
  timeUnixNano?: string;
  asDouble?: number;
  asInt?: string;
  flags?: number;
  /** Set by the JSON decoder: an integer field the protobuf reader would have wrapped or truncated. */
  refused?: IntegerRejectReason;
}

export interface HistogramDataPointObject {
  attributes?: KeyValueObject[];
  startTimeUnixNano?: string;
  timeUnixNano?: string;
  count?: string;
  sum?: number;
  bucketCounts?: string[];
  explicitBounds?: number[];
  flags?: number;
  /** Set by the JSON decoder: an integer field the protobuf reader would have wrapped or truncated. */
  refused?: IntegerRejectReason;
}

export interface MetricObject {
  name?: string;
  unit?: string;
  gauge?: { dataPoints?: NumberDataPointObject[] };
  sum?: { dataPoints?: NumberDataPointObject[]; aggregationTemporality?: number; isMonotonic?: boolean };
  histogram?: { dataPoints?: HistogramDataPointObject[]; aggregationTemporality?: number };
  exponentialHistogram?: { dataPoints?: unknown[] };
  summary?: { dataPoints?: unknown[] };
}

export interface ScopeMetricsObject {
  scope?: { attributes?: KeyValueObject[] };
  metrics?: MetricObject[];
  /** Set by the JSON decoder: an int attribute of the scope is past 64 bits. */
  refused?: IntegerRejectReason;
}

export interface ResourceMetricsObject {
  resource?: { attributes?: KeyValueObject[] };
  scopeMetrics?: ScopeMetricsObject[];
  /** Set by the JSON decoder: an int attribute of the resource is past 64 bits. */
  refused?: IntegerRejectReason;
}

export interface ExportRequestObject {
  resourceMetrics?: ResourceMetricsObject[];
}
