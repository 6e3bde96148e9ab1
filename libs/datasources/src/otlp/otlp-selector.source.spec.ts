import { describe, expect, it } from '@jest/globals';
import { DatasourceError } from '../metric-source';
import { selectorQuery } from '@app/domain';
import type { OtlpWindow } from './otlp-point-reader';
import { OtlpSelectorSource } from './otlp-selector.source';
import type { StoredSeries } from './otlp-statistics';
import { parseSelectorQuery } from './selector-query';

const S = 1_000;

describe('selectorQuery / parseSelectorQuery', () => {
  it('makes canonical JSON: fixed key order, sorted attributes, no empty attributes', () => {
    const a = selectorQuery({
      statistic: 'rate',
      metric: 'http.server.requests',
      attributes: { 'service.name': 'checkout', 'http.response.status_code': '500' },
      denominator: { statistic: 'rate', metric: 'http.server.requests', attributes: {} },
    } as never);
    expect(a).toBe(
      '{"metric":"http.server.requests","attributes":{"http.response.status_code":"500","service.name":"checkout"},"statistic":"rate",' +
        '"denominator":{"metric":"http.server.requests","statistic":"rate"}}',
    );
    const b = selectorQuery({
      metric: 'http.server.requests',
      attributes: { 'http.response.status_code': '500', 'service.name': 'checkout' },
      statistic: 'rate',
      denominator: { metric: 'http.server.requests', statistic: 'rate' },
    });
    expect(b).toBe(a);
    expect(parseSelectorQuery(a)).toEqual({
      metric: 'http.server.requests',
      attributes: { 'http.response.status_code': '500', 'service.name': 'checkout' },
      statistic: 'rate',
      denominator: { metric: 'http.server.requests', statistic: 'rate' },
    });
  });

  it.each([
    ['up{job="x"}', /not a selector/],
    ['[]', /selector: must be an object/],
    ['{"metric":"m","statistic":"median"}', /statistic: must be one of/],
    ['{"statistic":"value"}', /metric: must be an OpenTelemetry metric name/],
    ['{"metric":"m","statistic":"value","extra":1}', /selector.extra: unknown field/],
    ['{"metric":"m","statistic":"value","attributes":{"a":1}}', /attributes\.a: must be a string/],
    [
      '{"metric":"m","statistic":"value","denominator":{"metric":"n","statistic":"value","denominator":{}}}',
      /denominator.denominator: unknown field/,
    ],
  ])('refuses %s', (query, message) => {
    expect(() => parseSelectorQuery(query)).toThrow(message);
  });
});

function sourceWith(seriesByMetric: Record<string, StoredSeries[]>, windows: OtlpWindow[] = []): OtlpSelectorSource {
  return new OtlpSelectorSource(
    'otlp',
    {
      seriesInWindow: async (window) => {
        windows.push(window);
        return seriesByMetric[window.metric] ?? [];
      },
    },
    NO_NAMES,
  );
}

/** The names side of the store, unused by the range tests. */
const NO_NAMES = { metricNames: async () => [] };

/** A delta sum series (unless `extra` says otherwise) with a value at each [at, value]. */
const series = (points: Array<[number, number]>, extra: Partial<StoredSeries> = {}): StoredSeries => ({
  kind: 'sum',
  temporality: 'delta',
  monotonic: true,
  points: points.map(([at, value]) => ({
    at,
    startAt: null,
    value,
    bounds: null,
    counts: null,
    sum: null,
    count: null,
  })),
  ...extra,
});

describe('OtlpSelectorSource', () => {
  it('reads each term once over (start − lookback, end] with its attributes, and answers the ratio per step', async () => {
    const windows: OtlpWindow[] = [];
    const source = sourceWith(
      {
        errors: [
          series([
            [30 * S, 2],
            [60 * S, 1],
          ]),
        ],
        requests: [
          series([
            [30 * S, 10],
            [60 * S, 10],
          ]),
          series([[30 * S, 10]]),
        ],
      },
      windows,
    );
    const query = selectorQuery({
      metric: 'errors',
      attributes: { 'service.name': 'checkout' },
      statistic: 'rate',
      denominator: { metric: 'requests', statistic: 'rate' },
    });
    const answer = await source.range({ query, start: 60 * S, end: 90 * S, stepMs: 30 * S });
    expect(windows).toHaveLength(2);
    expect(windows[0]).toEqual({
      metric: 'errors',
      attributes: { 'service.name': 'checkout' },
      from: new Date(0),
      to: new Date(90 * S),
    });
    expect(windows[1]).toMatchObject({ metric: 'requests', attributes: {} });
    expect(answer!.labels).toEqual({ metric: 'errors' });
    // t=60s: 3/30; t=90s: 1/10.
    expect(answer!.samples.map((s) => s.at)).toEqual([60 * S, 90 * S]);
    expect(answer!.samples[0].value).toBeCloseTo(0.1, 12);
    expect(answer!.samples[1].value).toBeCloseTo(0.1, 12);
  });

  it('answers null when no series matches a term (no data)', async () => {
    const source = sourceWith({ errors: [series([[30 * S, 2]])] });
    expect(
      await source.range({
        query: selectorQuery({ metric: 'nothing', statistic: 'value' }),
        start: 0,
        end: S,
        stepMs: S,
      }),
    ).toBeNull();
    const ratio = selectorQuery({
      metric: 'errors',
      statistic: 'rate',
      denominator: { metric: 'nothing', statistic: 'rate' },
    });
    expect(await source.range({ query: ratio, start: 0, end: 60 * S, stepMs: S })).toBeNull();
  });

  it('refuses a query that is not a selector, and a statistic the metric cannot give, as bad_query', async () => {
    const source = sourceWith({
      depth: [series([[30 * S, 2]], { kind: 'gauge', temporality: 'unspecified', monotonic: false })],
    });
    await expect(source.validate('rate(x[5m])')).rejects.toMatchObject({ kind: 'bad_query', datasource: 'otlp' });
    await expect(source.validate(selectorQuery({ metric: 'depth', statistic: 'p99' }))).resolves.toBeUndefined();
    const err = await source
      .range({ query: selectorQuery({ metric: 'depth', statistic: 'p99' }), start: 0, end: 60 * S, stepMs: S })
      .catch((e) => e);
    expect(err).toBeInstanceOf(DatasourceError);
    expect(err).toMatchObject({ kind: 'bad_query', message: expect.stringMatching(/p99 needs a histogram/) });
  });

  it('reports a failing database as unreachable', async () => {
    const source = new OtlpSelectorSource(
      'otlp',
      {
        seriesInWindow: async () => {
          throw new Error('connection terminated');
        },
      },
      NO_NAMES,
    );
    await expect(
      source.range({ query: selectorQuery({ metric: 'm', statistic: 'value' }), start: 0, end: S, stepMs: S }),
    ).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringMatching(/connection terminated/),
    });
  });
});

describe('OtlpSelectorSource.metricNames', () => {
  it('asks the store for one name past the page, and says the page is truncated when it came', async () => {
    const asked: Array<[string, number]> = [];
    const source = new OtlpSelectorSource(
      'otlp',
      { seriesInWindow: async () => [] },
      {
        metricNames: async (prefix, limit) => {
          asked.push([prefix, limit]);
          return ['http.a', 'http.b', 'http.c'].slice(0, limit);
        },
      },
    );
    expect(await source.metricNames({ prefix: 'http.', limit: 2 })).toEqual({
      names: ['http.a', 'http.b'],
      truncated: true,
    });
    expect(await source.metricNames({ prefix: 'http.', limit: 3 })).toEqual({
      names: ['http.a', 'http.b', 'http.c'],
      truncated: false,
    });
    expect(asked).toEqual([
      ['http.', 3],
      ['http.', 4],
    ]);
  });
});
