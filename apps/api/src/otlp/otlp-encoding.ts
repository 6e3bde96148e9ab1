export type OtlpEncoding = 'protobuf' | 'json';

/** The OTLP/HTTP encoding a Content-Type names, or null for anything else (415). */
export function otlpEncodingOf(contentType: string | undefined): OtlpEncoding | null {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType === 'application/x-protobuf') return 'protobuf';
  if (mediaType === 'application/json') return 'json';
  return null;
}

export const CONTENT_TYPE: Record<OtlpEncoding, string> = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
};

/** Whether this request is an OTLP export (its body is read by the receiver, not the JSON parser). */
export function isOtlpExportPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0];
  return path === '/v1/metrics' || path === '/v1/metrics/';
}
