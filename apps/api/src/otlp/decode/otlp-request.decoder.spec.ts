import { describe, expect, it } from '@jest/globals';
import { decodeJsonRequest, decodeProtobufRequest, ExportMetricsServiceRequest } from './otlp-request.decoder';

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
