import { describe, expect, it } from '@jest/globals';
import { ExportMetricsServiceResponse } from './decode/otlp-request.decoder';
import { otlpEncodingOf, isOtlpExportPath } from './otlp-encoding';
import { decodeStatus, encodeExportResponse, encodeStatus } from './otlp-response.encoder';

describe('encodeExportResponse', () => {
  it('is an empty message when everything was accepted', () => {
    expect(encodeExportResponse('protobuf', 0, '').length).toBe(0);
    expect(JSON.parse(encodeExportResponse('json', 0, '').toString())).toEqual({});
  });

  it('carries partialSuccess in either encoding', () => {
    const bytes = encodeExportResponse('protobuf', 3, 'three bad');
    const decoded = ExportMetricsServiceResponse.toObject(ExportMetricsServiceResponse.decode(bytes), {
      longs: String,
    });
    expect(decoded).toEqual({ partialSuccess: { rejectedDataPoints: '3', errorMessage: 'three bad' } });
    expect(JSON.parse(encodeExportResponse('json', 3, 'three bad').toString())).toEqual({
      partialSuccess: { rejectedDataPoints: '3', errorMessage: 'three bad' },
    });
  });
});

describe('encodeStatus', () => {
  it('encodes a google.rpc.Status with the matching gRPC code', () => {
    expect(decodeStatus(encodeStatus(400, 'bad'))).toEqual({ code: 3, message: 'bad' });
    expect(decodeStatus(encodeStatus(429, 'slow down')).code).toBe(8);
    expect(decodeStatus(encodeStatus(500, 'oops')).code).toBe(13);
  });
});

describe('otlpEncodingOf and isOtlpExportPath', () => {
  it.each([
    ['application/x-protobuf', 'protobuf'],
    ['Application/JSON; charset=utf-8', 'json'],
    ['text/plain', null],
    [undefined, null],
  ])('%s → %s', (type, expected) => {
    expect(otlpEncodingOf(type)).toBe(expected);
  });

  it('matches the export path with or without a query', () => {
    expect(isOtlpExportPath('/v1/metrics')).toBe(true);
    expect(isOtlpExportPath('/v1/metrics?x=1')).toBe(true);
    expect(isOtlpExportPath('/api/v1/metrics')).toBe(false);
  });
});
