import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { DatasourceConfig } from '@app/config';
import { DatasourceError, type MetricSource, PrometheusSource } from '@app/datasources';
import { closedPortUrl, FaultyProxy, type FaultyProxyOptions } from '@app/testing/faulty-proxy';
import { rejectionOf } from '@app/testing/rejection';
import { generateSamples, PrometheusFixture, relativeGrid, type ScenarioSeries } from '@app/testing/prometheus';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SCRAPE = 5 * MINUTE;
// The test's clock, on the sample grid, so range queries evaluate exactly at sample times.
const NOW = Math.floor(Date.now() / SCRAPE) * SCRAPE;
const GRID = relativeGrid(NOW, { fromAgoMs: 60 * DAY, stepMs: SCRAPE });
const FILLERS = 20;

const latency = (t: number) => 0.1 + ((t / SCRAPE) % 7) * 0.05;
// A ratio over zero traffic: every tenth sample is 0/0.
const errorRatio = (t: number) => ((t / SCRAPE) % 10 === 0 ? NaN : ((t / SCRAPE) % 10) / 100);
const counter = (perSecond: number) => (t: number) => ((t - GRID.from) / 1000) * perSecond;

const SCENARIO: ScenarioSeries[] = [
  { name: 'rt_latency_seconds', labels: { service: 'checkout' }, samples: generateSamples(GRID, latency) },
  { name: 'rt_error_ratio', labels: { service: 'checkout' }, samples: generateSamples(GRID, errorRatio) },
  { name: 'rt_requests', type: 'counter', labels: { service: 'a' }, samples: generateSamples(GRID, counter(1)) },
  { name: 'rt_requests', type: 'counter', labels: { service: 'b' }, samples: generateSamples(GRID, counter(2)) },
  ...Array.from({ length: FILLERS }, (_, i): ScenarioSeries => ({
    name: 'rt_filler',
    labels: { index: String(i) },
    samples: generateSamples(GRID, () => i),
  })),
];

function config(url: string, overrides: Partial<DatasourceConfig> = {}): DatasourceConfig {
  return {
    name: 'prom',
    type: 'prometheus',
    url,
    headers: {},
    timeoutMs: 5_000,
    maxConcurrency: 4,
    ...overrides,
    circuitBreaker: overrides.circuitBreaker ?? { failures: 5, coolDown: '30s' },
  };
}

const failure = (promise: Promise<unknown>): Promise<DatasourceError> => rejectionOf(promise, DatasourceError);

describe('PrometheusSource against a real Prometheus', () => {
  let prometheus: PrometheusFixture;
  let source: MetricSource;
  const proxies: FaultyProxy[] = [];

  async function proxy(options: FaultyProxyOptions): Promise<FaultyProxy> {
    const started = await FaultyProxy.start(options);
    proxies.push(started);
    return started;
  }

  beforeAll(async () => {
    prometheus = await PrometheusFixture.start({ series: SCENARIO, now: NOW });
    source = PrometheusSource.fromConfig(config(prometheus.url));
    // Reported, not only asserted: the backfill's speed is what keeps this suite usable.
    console.info(
      `prometheus fixture: 60 days × ${SCENARIO.length} series (${GRID.to / SCRAPE - GRID.from / SCRAPE + 1} samples each) ready in ${JSON.stringify(prometheus.timings)} ms`,
    );
  });

  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((p) => p.close()));
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  it('backfills 60 days of data fast', () => {
    expect(prometheus.timings.totalMs).toBeLessThan(15_000);
  });

  it('returns the generated samples over the whole 60 days at a 1-hour step', async () => {
    const series = await source.range({
      query: 'rt_latency_seconds{service="checkout"}',
      start: GRID.from,
      end: GRID.to,
      stepMs: HOUR,
    });
    const expected = generateSamples({ from: GRID.from, to: GRID.to, stepMs: HOUR }, latency);
    expect(expected).toHaveLength(60 * 24 + 1);
    expect(series?.labels).toEqual({ __name__: 'rt_latency_seconds', service: 'checkout' });
    expect(series?.samples).toEqual(expected);
  });

  it('evaluates at start + k·step, each point taking the latest sample at or before it', async () => {
    // A 1-minute step over 5-minute data: Prometheus's lookback repeats the last sample.
    const start = NOW - 30 * MINUTE;
    const series = await source.range({
      query: 'rt_latency_seconds{service="checkout"}',
      start,
      end: NOW,
      stepMs: MINUTE,
    });
    const expected = generateSamples({ from: start, to: NOW, stepMs: MINUTE }, (t) =>
      latency(Math.floor(t / SCRAPE) * SCRAPE),
    );
    expect(series?.samples).toEqual(expected);
    expect(new Set(series?.samples.slice(0, 5).map((s) => s.value)).size).toBe(1);
  });

  it('accepts a step that is not a whole number of seconds', async () => {
    const start = NOW - 3 * HOUR;
    const series = await source.range({
      query: 'rt_latency_seconds{service="checkout"}',
      start,
      end: NOW,
      stepMs: 7_500,
    });
    expect(series?.samples).toHaveLength(3 * 480 + 1);
    expect(series?.samples[1]).toEqual({ at: start + 7_500, value: latency(start) });
  });

  it('keeps NaN samples as NaN', async () => {
    const start = NOW - 2 * HOUR;
    const series = await source.range({ query: 'rt_error_ratio', start, end: NOW, stepMs: SCRAPE });
    const expected = generateSamples({ from: start, to: NOW, stepMs: SCRAPE }, errorRatio);
    expect(expected.filter((s) => Number.isNaN(s.value)).length).toBeGreaterThan(0);
    expect(series?.samples).toEqual(expected);
    expect(series?.samples.filter((s) => Number.isNaN(s.value))).toHaveLength(
      expected.filter((s) => Number.isNaN(s.value)).length,
    );
  });

  it('reads counters written as <name>_total', async () => {
    const series = await source.range({
      query: 'sum(rate(rt_requests_total[10m]))',
      start: NOW - HOUR,
      end: NOW,
      stepMs: SCRAPE,
    });
    expect(series?.labels).toEqual({});
    expect(series?.samples).toHaveLength(13);
    for (const sample of series!.samples) expect(sample.value).toBeCloseTo(3, 9);
  });

  it('returns a scalar expression as one series without labels', async () => {
    const series = await source.range({ query: '2 * 3', start: NOW - HOUR, end: NOW, stepMs: 30 * MINUTE });
    expect(series).toEqual({
      labels: {},
      samples: [NOW - HOUR, NOW - 30 * MINUTE, NOW].map((at) => ({ at, value: 6 })),
      warnings: [],
    });
  });

  it('returns null when no series matches', async () => {
    await expect(
      source.range({ query: 'rt_latency_seconds{service="nope"}', start: NOW - HOUR, end: NOW, stepMs: SCRAPE }),
    ).resolves.toBeNull();
  });

  it('refuses two series with too_many_series, naming both label sets', async () => {
    const error = await failure(
      source.range({ query: 'rt_requests_total', start: NOW - HOUR, end: NOW, stepMs: SCRAPE }),
    );
    expect(error.kind).toBe('too_many_series');
    expect(error.datasource).toBe('prom');
    expect(error.message).toContain('{service="a"}');
    expect(error.message).toContain('{service="b"}');
  });

  it('reports invalid PromQL as bad_query with Prometheus’s own message', async () => {
    const error = await failure(
      source.range({ query: 'sum(rate(rt_requests_total[5m])', start: NOW - HOUR, end: NOW, stepMs: SCRAPE }),
    );
    expect(error.kind).toBe('bad_query');
    expect(error.message).toContain('parse error');
  });

  it('reports the 11,000-points limit as bad_query', async () => {
    const error = await failure(
      source.range({ query: 'rt_latency_seconds', start: GRID.from, end: GRID.to, stepMs: MINUTE }),
    );
    expect(error.kind).toBe('bad_query');
    expect(error.message).toContain('exceeded maximum resolution of 11,000 points');
  });

  describe('validate', () => {
    it('accepts a good query, and one that matches nothing yet', async () => {
      await expect(
        source.validate('avg_over_time(rt_latency_seconds{service="checkout"}[1h])'),
      ).resolves.toBeUndefined();
      await expect(source.validate('rate(rt_not_there_yet_total[5m])')).resolves.toBeUndefined();
    });

    it('rejects a parse error with bad_query and Prometheus’s message', async () => {
      const error = await failure(source.validate('sum(rt_latency_seconds'));
      expect(error.kind).toBe('bad_query');
      expect(error.message).toContain('parse error');
    });

    it('rejects a range vector, which a range query cannot evaluate', async () => {
      const error = await failure(source.validate('rt_latency_seconds[5m]'));
      expect(error.kind).toBe('bad_query');
      expect(error.message).toContain('range vector');
    });
  });

  describe('failures', () => {
    const request = () => ({
      query: 'rt_latency_seconds{service="checkout"}',
      start: NOW - HOUR,
      end: NOW,
      stepMs: SCRAPE,
    });

    it('reports a closed port as unreachable', async () => {
      const error = await failure(PrometheusSource.fromConfig(config(await closedPortUrl())).range(request()));
      expect(error.kind).toBe('unreachable');
      expect(error.message).toContain('ECONNREFUSED');
    });

    it('times out a stalled backend after timeoutMs, without retrying', async () => {
      const stalled = await proxy({ mode: 'stall' });
      const started = Date.now();
      const error = await failure(
        PrometheusSource.fromConfig(config(stalled.url, { timeoutMs: 300 })).range(request()),
      );
      const elapsed = Date.now() - started;
      expect([error.kind, error.message]).toEqual(['timeout', 'no answer within 300 ms']);
      expect(stalled.requests).toHaveLength(1);
      // One 300 ms deadline and some slack.
      expect(elapsed).toBeGreaterThanOrEqual(300);
      expect(elapsed).toBeLessThan(1_000);
    });

    it('reports a 200 that is not JSON as bad_response, without retrying (URL path prefix kept)', async () => {
      const garbage = await proxy({ mode: 'garbage' });
      const error = await failure(PrometheusSource.fromConfig(config(`${garbage.url}/prometheus`)).range(request()));
      expect(error.kind).toBe('bad_response');
      expect(error.message).toContain('not JSON');
      expect(garbage.requests.map((r) => r.path)).toEqual(['/prometheus/api/v1/query_range']);
    });

    it('retries a 502 twice, then reports the datasource unreachable', async () => {
      const gateway = await proxy({ mode: 'bad-gateway' });
      const error = await failure(PrometheusSource.fromConfig(config(gateway.url)).range(request()));
      expect([error.kind, error.message]).toEqual(['unreachable', 'HTTP 502 Bad Gateway (3 attempts)']);
      expect(gateway.requests).toHaveLength(3);
    });

    it('gets the answer when a retry after 502s succeeds', async () => {
      const flaky = await proxy({ mode: 'bad-gateway', faultyRequests: 2, target: prometheus.url });
      const series = await PrometheusSource.fromConfig(config(flaky.url)).range(request());
      expect(series?.samples).toHaveLength(13);
      expect(flaky.requests).toHaveLength(3);
    });

    it('retries a reset connection', async () => {
      const flaky = await proxy({ mode: 'reset', faultyRequests: 1, target: prometheus.url });
      const series = await PrometheusSource.fromConfig(config(flaky.url)).range(request());
      expect(series?.samples).toHaveLength(13);
      expect(flaky.requests).toHaveLength(2);
    });

    it('does not retry a bad query', async () => {
      const recorder = await proxy({ mode: 'forward', target: prometheus.url });
      const error = await failure(
        PrometheusSource.fromConfig(config(recorder.url)).range({ ...request(), query: 'sum(' }),
      );
      expect(error.kind).toBe('bad_query');
      expect(recorder.requests).toHaveLength(1);
    });
  });

  it('sends the configured headers with a form-encoded POST', async () => {
    const recorder = await proxy({ mode: 'forward', target: prometheus.url });
    const headers = { Authorization: 'Bearer s3cret-token', 'X-Scope-OrgID': 'team-a' };
    const series = await PrometheusSource.fromConfig(config(recorder.url, { headers })).range({
      query: 'rt_latency_seconds',
      start: NOW - HOUR,
      end: NOW,
      stepMs: SCRAPE,
    });
    expect(series?.samples).toHaveLength(13);
    const [sent] = recorder.requests;
    expect([sent.method, sent.path]).toEqual(['POST', '/api/v1/query_range']);
    expect(sent.headers.authorization).toBe('Bearer s3cret-token');
    expect(sent.headers['x-scope-orgid']).toBe('team-a');
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(sent.body))).toEqual({
      query: 'rt_latency_seconds',
      start: String((NOW - HOUR) / 1000),
      end: String(NOW / 1000),
      step: '300',
    });
  });

  it('keeps at most maxConcurrency requests in flight', async () => {
    const slow = await proxy({ mode: 'forward', target: prometheus.url, delayMs: 100 });
    const limited = PrometheusSource.fromConfig(config(slow.url, { maxConcurrency: 2 }));
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        limited.range({ query: `rt_filler{index="${i}"}`, start: NOW - HOUR, end: NOW, stepMs: SCRAPE }),
      ),
    );
    expect(results.map((s) => s?.samples[0].value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(slow.requests).toHaveLength(8);
    expect(slow.maxInFlight).toBe(2);
  });
});
