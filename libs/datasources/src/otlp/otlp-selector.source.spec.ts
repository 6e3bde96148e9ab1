import { describe, expect, it } from '@jest/globals';
import { DatasourceError } from '../metric-source';
import { OtlpSelectorSource, rowsToSeries, TERM_POINTS_SQL } from './otlp-selector.source';
import { selectorQuery } from '@app/domain';
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
    ['{"metric":"m","statistic":"value","denominator":{"metric":"n","statistic":"value","denominator":{}}}', /denominator.denominator: unknown field/],
  ])('refuses %s', (query, message) => {
    expect(() => parseSelectorQuery(query)).toThrow(message);
  });
});

interface Call {
  sql: string;
  params: unknown[];
}

function sourceWith(rowsByMetric: Record<string, unknown[]>, calls: Call[] = []): OtlpSelectorSource {
  return new OtlpSelectorSource('otlp', async (sql, params) => {
    calls.push({ sql, params });
    return rowsByMetric[params[0] as string] ?? [];
  });
}

const row = (series: string, atMs: number, value: number, extra: Record<string, unknown> = {}) => ({
  series_id: series,
  kind: 'sum',
  temporality: 'delta',
  monotonic: true,
  at_ms: atMs,
  start_ms: null,
  value,
  bounds: null,
  counts: null,
  hist_sum: null,
  hist_count: null,
  ...extra,
});

describe('OtlpSelectorSource', () => {
  it('reads each term once over (start − lookback, end] with its attributes, and answers the ratio per step', async () => {
    const calls: Call[] = [];
    const source = sourceWith(
      {
        errors: [row('1', 30 * S, 2), row('1', 60 * S, 1)],
        requests: [row('2', 30 * S, 10), row('3', 30 * S, 10), row('2', 60 * S, 10)],
      },
      calls,
    );
    const query = selectorQuery({
      metric: 'errors',
      attributes: { 'service.name': 'checkout' },
      statistic: 'rate',
      denominator: { metric: 'requests', statistic: 'rate' },
    });
    const series = await source.range({ query, start: 60 * S, end: 90 * S, stepMs: 30 * S });
    expect(calls).toHaveLength(2);
    expect(calls[0]).toEqual({
      sql: TERM_POINTS_SQL,
      params: ['errors', '{"service.name":"checkout"}', new Date(0).toISOString(), new Date(90 * S).toISOString()],
    });
    expect(calls[1].params.slice(0, 2)).toEqual(['requests', '{}']);
    expect(series!.labels).toEqual({ metric: 'errors' });
    // t=60s: 3/30; t=90s: 1/10.
    expect(series!.samples.map((s) => s.at)).toEqual([60 * S, 90 * S]);
    expect(series!.samples[0].value).toBeCloseTo(0.1, 12);
    expect(series!.samples[1].value).toBeCloseTo(0.1, 12);
  });

  it('answers null when no series matches a term (no data)', async () => {
    const source = sourceWith({ errors: [row('1', 30 * S, 2)] });
    expect(await source.range({ query: selectorQuery({ metric: 'nothing', statistic: 'value' }), start: 0, end: S, stepMs: S })).toBeNull();
    const ratio = selectorQuery({ metric: 'errors', statistic: 'rate', denominator: { metric: 'nothing', statistic: 'rate' } });
    expect(await source.range({ query: ratio, start: 0, end: 60 * S, stepMs: S })).toBeNull();
  });

  it('refuses a query that is not a selector, and a statistic the metric cannot give, as bad_query', async () => {
    const source = sourceWith({ depth: [row('1', 30 * S, 2, { kind: 'gauge', temporality: 'unspecified', monotonic: false })] });
    await expect(source.validate('rate(x[5m])')).rejects.toMatchObject({ kind: 'bad_query', datasource: 'otlp' });
    await expect(source.validate(selectorQuery({ metric: 'depth', statistic: 'p99' }))).resolves.toBeUndefined();
    const err = await source.range({ query: selectorQuery({ metric: 'depth', statistic: 'p99' }), start: 0, end: 60 * S, stepMs: S }).catch((e) => e);
    expect(err).toBeInstanceOf(DatasourceError);
    expect(err).toMatchObject({ kind: 'bad_query', message: expect.stringMatching(/p99 needs a histogram/) });
  });

  it('reports a failing database as unreachable', async () => {
    const source = new OtlpSelectorSource('otlp', async () => {
      throw new Error('connection terminated');
    });
    await expect(source.range({ query: selectorQuery({ metric: 'm', statistic: 'value' }), start: 0, end: S, stepMs: S })).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringMatching(/connection terminated/),
    });
  });

  it('turns rows (numbers as strings, bigint arrays as text) into series ordered by time', () => {
    const series = rowsToSeries([
      row('7', 2_000, 0, {
        kind: 'histogram',
        temporality: 'cumulative',
        monotonic: false,
        value: null,
        at_ms: '2000',
        start_ms: '1000',
        bounds: ['0.1', '1'],
        counts: ['1', '2', '3'],
        hist_sum: '4.5',
        hist_count: '6',
      }),
      row('7', 1_500, 0, { kind: 'histogram', temporality: 'cumulative', value: null, bounds: [0.1, 1], counts: ['0', '0', '0'], hist_sum: 0, hist_count: '0' }),
    ] as never);
    expect(series).toHaveLength(1);
    expect(series[0]).toMatchObject({ kind: 'histogram', temporality: 'cumulative', monotonic: false });
    expect(series[0].points.map((p) => p.at)).toEqual([1_500, 2_000]);
    expect(series[0].points[1]).toEqual({ at: 2_000, startAt: 1_000, value: null, bounds: [0.1, 1], counts: [1, 2, 3], sum: 4.5, count: 6 });
  });
});
