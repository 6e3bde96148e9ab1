import { markIntegerRefusals } from './json-integer-check';
import { quoteLongIntegers } from './json-int64';
import { ExportMetricsServiceRequest } from './otlp-metrics.schema';
import type { ExportRequestObject } from './otlp-request.types';

export { ExportMetricsServiceRequest, ExportMetricsServiceResponse } from './otlp-metrics.schema';
export type * from './otlp-request.types';

// 64-bit integers as exact decimal strings, enums as numbers, absent fields left out.
const TO_OBJECT = { longs: String, enums: Number, bytes: String, defaults: false, arrays: true };

/** Decodes a binary protobuf ExportMetricsServiceRequest; throws on malformed input. */
export function decodeProtobufRequest(bytes: Uint8Array): ExportRequestObject {
  const message = ExportMetricsServiceRequest.decode(bytes);
  return ExportMetricsServiceRequest.toObject(message, TO_OBJECT) as ExportRequestObject;
}

/**
 * Decodes the OTLP JSON encoding (proto3 JSON with lowerCamelCase names, enums as integers, int64
 * as strings or numbers) into the same shape as the protobuf path; throws on malformed input. A
 * point whose 64-bit integers are not whole numbers in range comes out marked `refused` (the
 * protobuf reader wraps or truncates them silently; the binary encoding cannot carry them).
 */
export function decodeJsonRequest(text: string): ExportRequestObject {
  const parsed: unknown = JSON.parse(quoteLongIntegers(text));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError('an ExportMetricsServiceRequest must be a JSON object');
  }
  const message = ExportMetricsServiceRequest.fromObject(parsed);
  const decoded = ExportMetricsServiceRequest.toObject(message, TO_OBJECT) as ExportRequestObject;
  markIntegerRefusals(parsed, decoded);
  return decoded;
}
