import { describe, expect, it } from '@jest/globals';
import { flattenRequest } from './otlp-request.flattener';
import type { ExportRequestObject } from './otlp-request.decoder';

const T = '1764150000000000000';

const request: ExportRequestObject = {
  resourceMetrics: [
    {
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: 'checkout' } },
          { key: 'env', value: { stringValue: 'prod' } },
        ],
      },
      scopeMetrics: [
        {
          scope: { attributes: [{ key: 'env', value: { stringValue: 'scope' } }] },
          metrics: [
            {
              name: 'queue.depth',
              unit: '{item}',
              gauge: {
                dataPoints: [
                  { timeUnixNano: T, asDouble: 3.5, attributes: [{ key: 'queue', value: { stringValue: 'a' } }] },
                ],
              },
            },
            {
              name: 'requests',
              sum: { aggregationTemporality: 1, isMonotonic: true, dataPoints: [{ timeUnixNano: T, asInt: '7' }] },
            },
            {
              name: 'inflight',
              sum: {
                aggregationTemporality: 2,
                dataPoints: [
                  { timeUnixNano: T, asInt: '-2', attributes: [{ key: 'env', value: { stringValue: 'point' } }] },
                ],
              },
            },
            {
              name: 'latency',
              unit: 's',
              histogram: {
                aggregationTemporality: 2,
                dataPoints: [
                  { timeUnixNano: T, count: '4', sum: 1.5, bucketCounts: ['1', '3'], explicitBounds: [0.5] },
                ],
              },
            },
            {
              name: 'latency.only.sum',
              histogram: { aggregationTemporality: 2, dataPoints: [{ timeUnixNano: T, count: '4', sum: 1.5 }] },
            },
            { name: 'expo', exponentialHistogram: { dataPoints: [{}, {}] } },
            {
              name: 'ignored',
              gauge: {
                dataPoints: [
                  { timeUnixNano: T, asDouble: 1 },
                  { timeUnixNano: T, asDouble: 2 },
                ],
              },
            },
          ],
        },
      ],
    },
  ],
};

describe('flattenRequest', () => {
  const flat = flattenRequest(request, (name) => name !== 'ignored');

  it('counts every point, drops the metrics keep leaves out and sets aside unsupported kinds', () => {
    expect(flat).toMatchObject({ received: 9, dropped: 2, unsupported: 2 });
    expect(flat.points.map((p) => p.metric)).toEqual([
      'queue.depth',
      'requests',
      'inflight',
      'latency',
      'latency.only.sum',
    ]);
  });

  it('classifies kinds and temporalities, ints as numbers', () => {
    const [gauge, delta, cumulative] = flat.points;
    expect(gauge).toMatchObject({
      kind: 'gauge',
      temporality: 'unspecified',
      monotonic: false,
      value: 3.5,
      unit: '{item}',
      timeUnixNano: T,
      startTimeUnixNano: '0',
    });
    expect(delta).toMatchObject({ kind: 'sum', temporality: 'delta', monotonic: true, value: 7 });
    expect(cumulative).toMatchObject({ kind: 'sum', temporality: 'cumulative', monotonic: false, value: -2 });
  });

  it('merges resource, scope and point attributes', () => {
    expect(flat.points[0].attributes).toEqual({ 'service.name': 'checkout', env: 'scope', queue: 'a' });
    expect(flat.points[2].attributes).toEqual({ 'service.name': 'checkout', env: 'point' });
  });

  it('keeps histogram buckets, and reads a bucketless histogram as one bucket', () => {
    expect(flat.points[3]).toMatchObject({
      kind: 'histogram',
      value: null,
      histogram: { bounds: [0.5], counts: ['1', '3'], sum: 1.5, count: '4' },
    });
    expect(flat.points[4].histogram).toEqual({ bounds: [], counts: ['4'], sum: 1.5, count: '4' });
  });

  it('handles an empty request', () => {
    expect(flattenRequest({}, () => true)).toEqual({
      points: [],
      received: 0,
      dropped: 0,
      unsupported: 0,
      refused: new Map(),
    });
  });
});

describe('flattenRequest and the attribute limits', () => {
  const deep = (depth: number) => {
    let value: object = { stringValue: 'leaf' };
    for (let i = 0; i < depth; i++) value = { kvlistValue: { values: [{ key: 'k', value }] } };
    return value;
  };
  const gauge = (points: object[], resource: object[] = []): ExportRequestObject => ({
    resourceMetrics: [
      {
        resource: { attributes: resource },
        scopeMetrics: [{ metrics: [{ name: 'm', gauge: { dataPoints: points } }] }],
      },
    ],
  });
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: { stringValue: 'v' } }));

  it('refuses only the point past a limit, counted by reason, and keeps the others', () => {
    const flat = flattenRequest(
      gauge([
        { attributes: [{ key: 'deep', value: deep(24) }], timeUnixNano: T, asDouble: 1 },
        { attributes: many(200), timeUnixNano: T, asDouble: 2 },
        { attributes: [{ key: 'ok', value: deep(2) }], timeUnixNano: T, asDouble: 3 },
      ]),
      () => true,
    );
    expect(flat.received).toBe(3);
    expect(flat.points.map((p) => p.value)).toEqual([3]);
    expect(flat.points[0].attributes).toEqual({ ok: '{"k":{"k":"leaf"}}' });
    expect(flat.refused).toEqual(
      new Map([
        ['attributes_too_deep', 1],
        ['too_many_attributes', 1],
      ]),
    );
  });

  it('refuses every point of a resource past a limit, and points whose merged attributes are too many', () => {
    const refusedResource = flattenRequest(gauge([{ timeUnixNano: T, asDouble: 1 }], many(129)), () => true);
    expect(refusedResource.points).toEqual([]);
    expect(refusedResource.refused).toEqual(new Map([['too_many_attributes', 1]]));
    const merged = flattenRequest(
      gauge(
        [{ attributes: many(100), timeUnixNano: T, asDouble: 1 }],
        many(100).map((kv) => ({ ...kv, key: `r${kv.key}` })),
      ),
      () => true,
    );
    expect(merged.refused).toEqual(new Map([['too_many_attributes', 1]]));
  });
});

describe('flattenRequest and values that cannot be stored', () => {
  const request = (resource: object, scope: object, metrics: object[]): ExportRequestObject => ({
    resourceMetrics: [{ ...resource, scopeMetrics: [{ ...scope, metrics }] }],
  });
  const gauge = (name: string, points: object[], unit?: string) => ({ name, unit, gauge: { dataPoints: points } });
  const point = (key: string, value: string, extra: object = {}) => ({
    attributes: [{ key, value: { stringValue: value } }],
    timeUnixNano: T,
    asDouble: 1,
    ...extra,
  });

  it('refuses a point with NUL or a lone surrogate in an attribute, keeping a\\0b apart from ab', () => {
    const flat = flattenRequest(
      request({}, {}, [
        gauge('m', [
          point('case', 'a\u0000b'),
          point('case', 'ab'),
          point('case\ud800', 'x'),
          point('case', 'y\udc00'),
        ]),
      ]),
      () => true,
    );
    expect(flat.points.map((p) => p.attributes)).toEqual([{ case: 'ab' }]);
    expect(flat.refused).toEqual(
      new Map([
        ['nul_in_text', 1],
        ['invalid_unicode', 2],
      ]),
    );
  });

  it('refuses every point of a metric whose name or unit cannot be stored, unless keep drops it', () => {
    const flat = flattenRequest(
      request({}, {}, [
        gauge('bad\ud800', [point('a', '1'), point('a', '2')]),
        gauge('unit', [point('a', '1')], 'm\u0000s'),
        gauge('dropped\u0000', [point('a', '1')]),
        gauge('good', [point('a', '1')]),
      ]),
      (name) => !name.startsWith('dropped'),
    );
    expect(flat.points.map((p) => p.metric)).toEqual(['good']);
    expect(flat.dropped).toBe(1);
    expect(flat.refused).toEqual(
      new Map([
        ['invalid_unicode', 2],
        ['nul_in_text', 1],
      ]),
    );
  });

  it('refuses every point under a resource or scope that cannot be stored or that the decoder marked', () => {
    const twoPoints = [gauge('m', [point('a', '1'), point('a', '2')])];
    const byText = flattenRequest(
      request({ resource: { attributes: [{ key: 's', value: { stringValue: '\ud800' } }] } }, {}, twoPoints),
      () => true,
    );
    expect(byText.points).toEqual([]);
    expect(byText.refused).toEqual(new Map([['invalid_unicode', 2]]));
    const marked = flattenRequest(request({}, { refused: 'bad_integer' }, twoPoints), () => true);
    expect(marked.points).toEqual([]);
    expect(marked.refused).toEqual(new Map([['bad_integer', 2]]));
  });

  it('refuses a point the decoder marked, keeps its neighbours', () => {
    const flat = flattenRequest(
      request({}, {}, [gauge('m', [point('a', '1', { refused: 'bad_integer' }), point('a', '2')])]),
      () => true,
    );
    expect(flat.points.map((p) => p.attributes)).toEqual([{ a: '2' }]);
    expect(flat.refused).toEqual(new Map([['bad_integer', 1]]));
  });
});
