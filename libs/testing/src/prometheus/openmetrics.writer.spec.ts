import { describe, expect, it } from '@jest/globals';
import { generateSamples, relativeGrid, toOpenMetrics } from './openmetrics.writer';

describe('toOpenMetrics', () => {
  it('groups each family under its TYPE line, writes seconds, and ends with # EOF', () => {
    const text = toOpenMetrics([
      {
        name: 'latency',
        labels: { service: 'a' },
        samples: [
          { at: 1_000, value: 1 },
          { at: 61_500, value: 2 },
        ],
      },
      { name: 'requests', type: 'counter', labels: { service: 'a' }, samples: [{ at: 1_000, value: 10 }] },
      { name: 'latency', labels: { service: 'b', env: 'prod' }, samples: [{ at: 1_000, value: 3 }] },
    ]);
    expect(text).toBe(
      [
        '# TYPE latency gauge',
        'latency{service="a"} 1 1',
        'latency{service="a"} 2 61.5',
        'latency{env="prod",service="b"} 3 1',
        '# TYPE requests counter',
        'requests_total{service="a"} 10 1',
        '# EOF',
        '',
      ].join('\n'),
    );
  });

  it('writes NaN and infinities the way Prometheus reads them, and escapes label values', () => {
    const text = toOpenMetrics([
      {
        name: 'ratio',
        labels: { path: 'a"b\\c\nd' },
        samples: [
          { at: 0, value: NaN },
          { at: 1_000, value: Infinity },
          { at: 2_000, value: -Infinity },
        ],
      },
    ]);
    expect(text.split('\n').slice(1, 4)).toEqual([
      'ratio{path="a\\"b\\\\c\\nd"} NaN 0',
      'ratio{path="a\\"b\\\\c\\nd"} +Inf 1',
      'ratio{path="a\\"b\\\\c\\nd"} -Inf 2',
    ]);
  });

  it.each([
    [
      'samples out of order',
      [
        {
          name: 'x',
          samples: [
            { at: 2, value: 1 },
            { at: 1, value: 1 },
          ],
        },
      ],
      /out of order/,
    ],
    [
      'a series twice',
      [
        { name: 'x', samples: [] },
        { name: 'x', samples: [] },
      ],
      /appears twice/,
    ],
    [
      'one name as two types',
      [
        { name: 'x', samples: [] },
        { name: 'x', type: 'counter' as const, labels: { a: 'b' }, samples: [] },
      ],
      /both gauge and counter/,
    ],
    ['a counter named with _total', [{ name: 'x_total', type: 'counter' as const, samples: [] }], /adds _total/],
    ['an invalid metric name', [{ name: 'x-y', samples: [] }], /invalid metric name/],
    ['a reserved label name', [{ name: 'x', labels: { __name__: 'y' }, samples: [] }], /invalid label name/],
  ])('refuses %s', (_case, series, message) => {
    expect(() => toOpenMetrics(series)).toThrow(message);
  });
});

describe('sample grids', () => {
  it('aligns a grid relative to now on multiples of the step', () => {
    expect(relativeGrid(1_000_123, { fromAgoMs: 600_000, stepMs: 300_000 })).toEqual({
      from: 300_000,
      to: 900_000,
      stepMs: 300_000,
    });
  });

  it('generates a value at every point, both ends included', () => {
    expect(generateSamples({ from: 0, to: 20, stepMs: 10 }, (t) => t * 2)).toEqual([
      { at: 0, value: 0 },
      { at: 10, value: 20 },
      { at: 20, value: 40 },
    ]);
  });
});
