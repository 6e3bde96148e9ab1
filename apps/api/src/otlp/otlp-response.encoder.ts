import { Field, Root, Type } from 'protobufjs';
import { ExportMetricsServiceResponse } from './decode/otlp-request.decoder';
import type { OtlpEncoding } from './otlp-encoding';

// google.rpc.Status as OTLP/HTTP error bodies carry it (details, an Any list, left empty).
const Status = new Type('Status').add(new Field('code', 1, 'int32')).add(new Field('message', 2, 'string'));
new Root().define('google.rpc').add(Status);

// The gRPC code matching each HTTP status the receiver answers with.
const GRPC_CODE: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 413: 3, 415: 3, 429: 8, 503: 14 };

/** An ExportMetricsServiceResponse: empty when everything was accepted, else a partialSuccess. */
export function encodeExportResponse(encoding: OtlpEncoding, rejected: number, errorMessage: string): Buffer {
  const partialSuccess = rejected > 0 ? { rejectedDataPoints: rejected, errorMessage } : undefined;
  if (encoding === 'json') {
    // proto3 JSON: int64 as a decimal string.
    const body = partialSuccess ? { partialSuccess: { rejectedDataPoints: String(rejected), errorMessage } } : {};
    return Buffer.from(JSON.stringify(body));
  }
  const message = ExportMetricsServiceResponse.create(partialSuccess ? { partialSuccess } : {});
  return Buffer.from(ExportMetricsServiceResponse.encode(message).finish());
}

/** A protobuf google.rpc.Status for an HTTP error status, as OTLP/HTTP protobuf clients expect. */
export function encodeStatus(httpStatus: number, message: string): Buffer {
  const code = GRPC_CODE[httpStatus] ?? (httpStatus >= 500 ? 13 : 2);
  return Buffer.from(Status.encode(Status.create({ code, message })).finish());
}

export function decodeStatus(bytes: Uint8Array): { code: number; message: string } {
  return Status.toObject(Status.decode(bytes), { defaults: true }) as { code: number; message: string };
}
