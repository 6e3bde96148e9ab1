import { describe, expect, it } from '@jest/globals';
import { decodeJsonRequest, decodeProtobufRequest, ExportMetricsServiceRequest } from './otlp-request.decoder';
import { textProblem } from './text-rules';

const NANOS = '1764150000123456789';

const REQUEST = {
  resourceMetrics: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
      scopeMetrics: [
        {
          scope: { name: 'test' },
          metrics: [
            {
              name: 'requests',
              unit: '1',
              sum: {
                aggregationTemporality: 2,
                isMonotonic: true,
                dataPoints: [
                  { timeUnixNano: NANOS, startTimeUnixNano: '1764149000000000000', asInt: '9007199254740993' },
                ],
              },
            },
            {
              name: 'latency',
              unit: 's',
              histogram: {
                aggregationTemporality: 1,
                dataPoints: [
                  {
                    timeUnixNano: NANOS,
                    count: '3',
                    sum: 0.6,
                    bucketCounts: ['1', '2', '0'],
                    explicitBounds: [0.1, 0.5],
                  },
                ],
              },
            },
          ],
        },
      ],
    },
  ],
};

describe('decodeProtobufRequest', () => {
  const bytes = ExportMetricsServiceRequest.encode(ExportMetricsServiceRequest.fromObject(REQUEST)).finish();

  it('decodes 64-bit fields as exact decimal strings and enums as numbers', () => {
    const decoded = decodeProtobufRequest(bytes);
    const [sum, histogram] = decoded.resourceMetrics![0].scopeMetrics![0].metrics!;
    expect(sum.sum!.dataPoints![0]).toMatchObject({ timeUnixNano: NANOS, asInt: '9007199254740993' });
    expect(sum.sum!.aggregationTemporality).toBe(2);
    expect(histogram.histogram!.dataPoints![0]).toMatchObject({
      count: '3',
      bucketCounts: ['1', '2', '0'],
      explicitBounds: [0.1, 0.5],
    });
  });

  it('reads invalid UTF-8 (an encoded surrogate, stray bytes) as U+FFFD, never as a lone surrogate', () => {
    const request = structuredClone(REQUEST);
    request.resourceMetrics[0].resource.attributes[0].value.stringValue = 'ZZZ|YYY';
    const encoded = Buffer.from(
      ExportMetricsServiceRequest.encode(ExportMetricsServiceRequest.fromObject(request)).finish(),
    );
    const at = encoded.indexOf('ZZZ|YYY');
    encoded.set([0xed, 0xa0, 0x80], at); // U+D800 as if it were a code point
    encoded.set([0xff, 0xfe, 0xc0], at + 4);
    const value = decodeProtobufRequest(encoded).resourceMetrics![0].resource!.attributes![0].value!.stringValue!;
    expect(value).toMatch(/^\ufffd+\|\ufffd+$/);
    expect(textProblem(value)).toBeNull();
  });

  it('throws on a truncated message', () => {
    expect(() => decodeProtobufRequest(bytes.subarray(0, bytes.length - 7))).toThrow();
  });

  it('throws on bytes that are not a message', () => {
    expect(() => decodeProtobufRequest(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]))).toThrow();
  });
});

describe('decodeJsonRequest', () => {
  it('reads the OTLP JSON mapping into the same shape as protobuf', () => {
    const bytes = ExportMetricsServiceRequest.encode(ExportMetricsServiceRequest.fromObject(REQUEST)).finish();
    expect(decodeJsonRequest(JSON.stringify(REQUEST))).toEqual(decodeProtobufRequest(bytes));
  });

  it('accepts int64 fields sent as JSON numbers without losing precision', () => {
    const text = JSON.stringify(REQUEST).replace(`"${NANOS}"`, NANOS).replace('"3"', '3');
    const decoded = decodeJsonRequest(text);
    const point = decoded.resourceMetrics![0].scopeMetrics![0].metrics![0].sum!.dataPoints![0];
    expect(point.timeUnixNano).toBe(NANOS);
    expect(decoded.resourceMetrics![0].scopeMetrics![0].metrics![1].histogram!.dataPoints![0].count).toBe('3');
  });

  it('reads "NaN" doubles as NaN', () => {
    const text = JSON.stringify({
      resourceMetrics: [
        {
          scopeMetrics: [
            { metrics: [{ name: 'g', gauge: { dataPoints: [{ timeUnixNano: NANOS, asDouble: 'NaN' }] } }] },
          ],
        },
      ],
    });
    expect(
      decodeJsonRequest(text).resourceMetrics![0].scopeMetrics![0].metrics![0].gauge!.dataPoints![0].asDouble,
    ).toBeNaN();
  });

  describe('64-bit integers that are not whole numbers in range', () => {
    const gauge = (point: string, resourceAttrs = '', scopeAttrs = '') =>
      `{"resourceMetrics":[{"resource":{"attributes":[${resourceAttrs}]},"scopeMetrics":[{"scope":{"attributes":[${scopeAttrs}]},` +
      `"metrics":[{"name":"g","gauge":{"dataPoints":[${point},{"timeUnixNano":"1","asInt":"5"}]}}]}]}]}`;
    const decode = (text: string) => decodeJsonRequest(text).resourceMetrics![0];
    const points = (text: string) => decode(text).scopeMetrics![0].metrics![0].gauge!.dataPoints!;

    it.each([
      ['"asInt":"18446744073709551617"'],
      ['"asInt":"9223372036854775808"'],
      ['"asInt":100000000000000000000'],
      ['"asInt":1e20'],
      ['"asInt":12.5'],
      ['"asInt":"abc"'],
      ['"asInt":1,"timeUnixNano":"-1"'],
      ['"asInt":1,"startTimeUnixNano":"18446744073709551616"'],
      ['"asInt":1,"attributes":[{"key":"n","value":{"intValue":"-9223372036854775809"}}]'],
      ['"asInt":1,"attributes":[{"key":"n","value":{"arrayValue":{"values":[{"intValue":"1e3"}]}}}]'],
    ])('marks the point with %s, and only it', (fields) => {
      const [bad, good] = points(gauge(`{${fields}}`));
      expect(bad.refused).toBe('bad_integer');
      expect(good.refused).toBeUndefined();
    });

    it('marks negative histogram counts apart', () => {
      const text =
        '{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"h","histogram":{"dataPoints":[' +
        '{"count":"1","bucketCounts":["2","-1"],"explicitBounds":[1]},{"count":"-1"},{"count":"3","bucketCounts":["1","2"],"explicitBounds":[1]}]}}]}]}]}';
      const marks = decode(text).scopeMetrics![0].metrics![0].histogram!.dataPoints!.map((p) => p.refused);
      expect(marks).toEqual(['negative_count', 'negative_count', undefined]);
    });

    it('marks a resource or a scope whose int attribute is past 64 bits', () => {
      const bad = '{"key":"n","value":{"intValue":"18446744073709551617"}}';
      expect(decode(gauge('{"asInt":1}', bad)).refused).toBe('bad_integer');
      expect(decode(gauge('{"asInt":1}', '', bad)).scopeMetrics![0].refused).toBe('bad_integer');
      expect(decode(gauge('{"asInt":"-9223372036854775808"}')).refused).toBeUndefined();
    });
  });

  it.each([
    ['not json'],
    ['[]'],
    ['"text"'],
    ['{"resourceMetrics": 5}'],
    ['{"resourceMetrics": [{"scopeMetrics": "x"}]}'],
  ])('throws on %s', (text) => {
    expect(() => decodeJsonRequest(text)).toThrow();
  });
});
