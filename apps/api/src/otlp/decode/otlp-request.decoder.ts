import generatedRoot from '@opentelemetry/otlp-transformer/build/src/generated/root.js';
import type { KeyValueObject } from './otlp-attributes';
import { quoteLongIntegers } from './json-int64';

/**
 * The official opentelemetry-proto messages, as protobufjs-generated static code shipped by
 * @opentelemetry/otlp-transformer (0.217.0 is the last release that carries the request decoder).
 */
interface MessageCodec {
  decode(bytes: Uint8Array): object;
  fromObject(value: object): object;
  toObject(message: object, options: Record<string, unknown>): Record<string, unknown>;
  create(value: object): object;
  encode(message: object): { finish(): Uint8Array };
}

interface GeneratedRoot {
  opentelemetry: {
    proto: {
      collector: {
        metrics: { v1: { ExportMetricsServiceRequest: MessageCodec; ExportMetricsServiceResponse: MessageCodec } };
      };
    };
  };
}

const collector = (generatedRoot as unknown as GeneratedRoot).opentelemetry.proto.collector.metrics.v1;
export const ExportMetricsServiceRequest = collector.ExportMetricsServiceRequest;
export const ExportMetricsServiceResponse = collector.ExportMetricsServiceResponse;

// 64-bit integers as exact decimal strings, enums as numbers, absent fields left out.
const TO_OBJECT = { longs: String, enums: Number, bytes: String, defaults: false, arrays: true };

export interface NumberDataPointObject {
  attributes?: KeyValueObject[];
  startTimeUnixNano?: string;
  timeUnixNano?: string;
  asDouble?: number;
  asInt?: string;
  flags?: number;
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

export interface ExportRequestObject {
  resourceMetrics?: Array<{
    resource?: { attributes?: KeyValueObject[] };
    scopeMetrics?: Array<{ scope?: { attributes?: KeyValueObject[] }; metrics?: MetricObject[] }>;
  }>;
}

/** Decodes a binary protobuf ExportMetricsServiceRequest; throws on malformed input. */
export function decodeProtobufRequest(bytes: Uint8Array): ExportRequestObject {
  const message = ExportMetricsServiceRequest.decode(bytes);
  return ExportMetricsServiceRequest.toObject(message, TO_OBJECT) as ExportRequestObject;
}

/**
 * Decodes the OTLP JSON encoding (proto3 JSON with lowerCamelCase names, enums as integers, int64
 * as strings or numbers) into the same shape as the protobuf path; throws on malformed input.
 */
export function decodeJsonRequest(text: string): ExportRequestObject {
  const parsed: unknown = JSON.parse(quoteLongIntegers(text));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError('an ExportMetricsServiceRequest must be a JSON object');
  }
  const message = ExportMetricsServiceRequest.fromObject(parsed);
  return ExportMetricsServiceRequest.toObject(message, TO_OBJECT) as ExportRequestObject;
}
