import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  describeEachDatabase,
  expectStatus,
  HttpClient,
  ScoringApi,
  ServiceProcess,
  type DatabaseChoice,
} from '@app/testing';
import { createIncident, implementAction } from '@app/testing/scenario-seed';
import { DAY, HOUR, iso, MIDNIGHT, MINUTE } from '@app/testing/scenario-clock';
import { generateSamples, PrometheusFixture, type ScenarioSeries } from '@app/testing/prometheus';

const ACTIONS = '/api/v1/actions';
const OPENED = MIDNIGHT - 20 * DAY;
const SHIPPED = MIDNIGHT - 10 * DAY;
const START = MIDNIGHT - 28 * DAY;

/** A scrape every minute, as a Prometheus scraping a Collector's `prometheus` exporter would store it. */
const GRID = { from: START, to: MIDNIGHT, stepMs: MINUTE };

/** A cumulative counter growing by `before` per minute until the fix shipped, `after` from then on. */
function cumulative(before: number, after: number): (t: number) => number {
  return (t) => ((Math.min(t, SHIPPED) - START) / MINUTE) * before + (Math.max(0, t - SHIPPED) / MINUTE) * after;
}

/**
 * The series an OTel-instrumented checkout service exports through a Collector's Prometheus
 * exporter (metric suffixes on, resource attributes as labels): a counter `http.server.requests`,
 * a histogram `http.server.request.duration` with unit `s`, a gauge `checkout.queue.depth`.
 */
function scenario(): ScenarioSeries[] {
  const checkout = { service_name: 'checkout' };
  const requests = (code: string, before: number, after: number): ScenarioSeries => ({
    name: 'http_server_requests',
    type: 'counter',
    labels: { ...checkout, http_response_status_code: code },
    samples: generateSamples(GRID, cumulative(before, after)),
  });
  // 60 requests a minute: all in (0.5s, 1s] before the fix, all in (0.1s, 0.25s] after it.
  const bucket = (le: string, before: number, after: number): ScenarioSeries => ({
    name: 'http_server_request_duration_seconds_bucket',
    labels: { ...checkout, le },
    samples: generateSamples(GRID, cumulative(before, after)),
  });
  const gauge = (service: string, before: number, after: number): ScenarioSeries => ({
    name: 'checkout_queue_depth',
    labels: { service_name: service },
    samples: generateSamples(GRID, (t) => (t < SHIPPED ? before : after)),
  });
  return [
    // An error ratio of 5% before the fix, 0.1% after it (6,000 requests a minute).
    requests('500', 300, 6),
    requests('200', 5_700, 5_994),
    bucket('0.1', 0, 0),
    bucket('0.25', 0, 60),
    bucket('0.5', 0, 60),
    bucket('1', 60, 60),
    bucket('+Inf', 60, 60),
    {
      name: 'http_server_request_duration_seconds_sum',
      labels: checkout,
      samples: generateSamples(GRID, cumulative(45, 12)),
    },
    {
      name: 'http_server_request_duration_seconds_count',
      labels: checkout,
      samples: generateSamples(GRID, cumulative(60, 60)),
    },
    // The fix did not drain the queue; another service's queue must not count.
    gauge('checkout', 200, 198),
    gauge('search', 1_000, 1_000),
  ];
}

const ERROR_RATIO = {
  metric: 'http.server.requests',
  attributes: { 'service.name': 'checkout', 'http.response.status_code': '500' },
  statistic: 'rate',
  denominator: { metric: 'http.server.requests', attributes: { 'service.name': 'checkout' }, statistic: 'rate' },
};
const ERROR_RATIO_PROMQL =
  '(sum(rate(http_server_requests_total{http_response_status_code="500", service_name="checkout"}[$__window]))) / ' +
  '(sum(rate(http_server_requests_total{service_name="checkout"}[$__window])))';
const P99 = {
  metric: 'http.server.request.duration.seconds',
  attributes: { 'service.name': 'checkout' },
  statistic: 'p99',
};
const P99_PROMQL =
  'histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{service_name="checkout"}[$__window])))';
const QUEUE = { metric: 'checkout.queue.depth', attributes: { 'service.name': 'checkout' }, statistic: 'value' };

/** Judged on a day of post-fix data at a 5-minute step (so every rate spans five scrapes). */
const METRIC = {
  datasource: 'prom',
  direction: 'decrease',
  baselineWindow: '7d',
  evaluationWindow: '1d',
  sustainFor: '2d',
  verifyWithin: '3d',
  checkEvery: '1h',
  step: '5m',
};

describeEachDatabase('OpenTelemetry selectors on a prometheus datasource', (database: DatabaseChoice) => {
  let prometheus: PrometheusFixture;
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  let scorer: HttpClient;
  let postmortemId: string;

  beforeAll(async () => {
    prometheus = await PrometheusFixture.start({ series: scenario(), now: MIDNIGHT });
    const datasources = [{ name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 }];
    service = await ServiceProcess.start({ database, datasources });
    ({ editor, viewer, scorer } = await service.clientsFor({ editor: 'sre', viewer: 'dashboard', scorer: 'cron' }));
    postmortemId = await createIncident(editor, 'Checkout errors', OPENED);
  }, 90_000);
  afterAll(async () => {
    await service?.destroy();
    await prometheus?.stop();
  });

  /** An action opened 20 days ago and shipped 10 days ago unless `shipped` is false. */
  async function newAction(shipped = true): Promise<string> {
    const created = await editor.post(ACTIONS, {
      title: 'Stop retrying declined cards',
      ownerTeam: 'payments',
      openedAt: iso(OPENED),
      postmortemId,
    });
    expectStatus(created, 201);
    const actionId = created.body.id;
    if (shipped) await implementAction(editor, actionId, SHIPPED);
    return actionId;
  }

  async function attach(actionId: string, metric: Record<string, unknown>): Promise<any> {
    const res = await editor.post(`${ACTIONS}/${actionId}/metrics`, { ...METRIC, ...metric });
    expectStatus(res, 201);
    return res.body;
  }

  const api = (): ScoringApi => new ScoringApi(viewer, scorer);
  const run = (actionId: string, at: number): Promise<any> => api().run(actionId, at);
  const evaluations = (actionId: string): Promise<any[]> => api().evaluations(actionId);
  const action = (actionId: string): Promise<any> => api().action(actionId);

  it('shows the translated PromQL of a selector, and none for a query', async () => {
    const actionId = await newAction(false);
    const metric = await attach(actionId, {
      name: 'checkout error ratio',
      selector: ERROR_RATIO,
      target: { absolute: 0.01 },
    });
    expect(metric).toMatchObject({ query: null, selector: ERROR_RATIO, translatedQuery: ERROR_RATIO_PROMQL });
    const promql = await attach(actionId, { name: 'raw', query: 'sum(checkout_queue_depth)', target: { absolute: 1 } });
    expect(promql.translatedQuery).toBeNull();
    const listed = (await action(actionId)).metrics;
    expect(listed.map((m: { translatedQuery: string | null }) => m.translatedQuery)).toEqual([
      ERROR_RATIO_PROMQL,
      null,
    ]);
    const one = await viewer.get(`${ACTIONS}/${actionId}/metrics/${metric.id}`);
    expect(one.body.translatedQuery).toBe(ERROR_RATIO_PROMQL);
  });

  it('refuses a selector whose attribute cannot become a label name', async () => {
    const actionId = await newAction(false);
    const res = await editor.post(`${ACTIONS}/${actionId}/metrics`, {
      ...METRIC,
      name: 'bad',
      selector: { metric: 'http.server.requests', attributes: { '..': 'x' }, statistic: 'rate' },
      target: { absolute: 1 },
    });
    expectStatus(res, 400);
    expect(res.body.message).toMatch(/^selector: attribute "\.\." has no characters a label name can keep/);
  });

  it('previews a selector with its translation', async () => {
    const res = await editor.post('/api/v1/metrics/preview', {
      ...METRIC,
      name: 'checkout error ratio',
      selector: ERROR_RATIO,
      target: { absolute: 0.01 },
      baselineEnd: iso(OPENED),
      implementedAt: iso(SHIPPED),
      at: iso(SHIPPED + 2 * DAY),
    });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ verdict: 'met', goal: 0.01, error: null, translatedQuery: ERROR_RATIO_PROMQL });
    expect(res.body.baseline).toBeCloseTo(0.05, 6);
    expect(res.body.value).toBeCloseTo(0.001, 6);
    expect(res.body.points).toHaveLength(289);
  });

  it('verifies a fix whose error ratio and p99 latency dropped, scored through the translated PromQL', async () => {
    const actionId = await newAction();
    const ratio = await attach(actionId, {
      name: 'checkout error ratio',
      selector: ERROR_RATIO,
      target: { absolute: 0.01 },
    });
    const p99 = await attach(actionId, {
      name: 'checkout p99 latency',
      selector: P99,
      target: { relativePercent: 50 },
    });
    expect(p99.translatedQuery).toBe(P99_PROMQL);

    const res = await editor.post(`${ACTIONS}/${actionId}/backfill`, {
      from: iso(SHIPPED + 2 * DAY),
      to: iso(SHIPPED + 5 * DAY),
      every: '6h',
    });
    expectStatus(res, 200);
    expect(res.body).toEqual({ slots: 13, scored: 26, skipped: 0, errors: 0, failed: 0, firstError: null });

    const after = await action(actionId);
    expect(after).toMatchObject({
      status: 'verified',
      verification: 'telemetry',
      closedAt: iso(SHIPPED + 4 * DAY),
      flags: [],
    });
    const byId = Object.fromEntries(after.metrics.map((m: { id: string }) => [m.id, m]));
    expect(byId[ratio.id]).toMatchObject({
      metSince: iso(SHIPPED + 2 * DAY),
      goal: 0.01,
      latest: { verdict: 'met', progress: 1 },
    });
    expect(byId[ratio.id].baselineValue).toBeCloseTo(0.05, 6);
    expect(byId[ratio.id].latest.value).toBeCloseTo(0.001, 6);
    // histogram_quantile interpolates linearly inside the bucket: 0.5 + 0.5 × 0.99 before, 0.1 + 0.15 × 0.99 after.
    expect(byId[p99.id].baselineValue).toBeCloseTo(0.995, 6);
    expect(byId[p99.id].goal).toBeCloseTo(0.4975, 6);
    expect(byId[p99.id].latest).toMatchObject({ verdict: 'met', progress: 1 });
    expect(byId[p99.id].latest.value).toBeCloseTo(0.2485, 6);
    expect(new Set((await evaluations(actionId)).map((c) => c.verdict))).toEqual(new Set(['met']));
  });

  it('flags a fix whose gauge did not move as ineffective', async () => {
    const actionId = await newAction();
    const metric = await attach(actionId, {
      name: 'checkout queue depth',
      selector: QUEUE,
      target: { relativePercent: 25 },
    });
    expect(metric.translatedQuery).toBe('sum(checkout_queue_depth{service_name="checkout"})');
    for (const day of [1, 2, 3, 4])
      expect(await run(actionId, SHIPPED + day * DAY)).toEqual({ scored: 1, skipped: 0, errors: 0 });
    const checks = await evaluations(actionId);
    expect(checks.map((c) => c.verdict)).toEqual(['not_met', 'not_met', 'not_met', 'not_met']);
    // Only checkout's queue: the search service's 1,000 is not summed in.
    expect(checks[0]).toMatchObject({ value: 198, baseline: 200, goal: 150 });
    const after = await action(actionId);
    expect(after.status).toBe('implemented');
    expect(after.flags).toMatchObject([{ kind: 'ineffective', raisedAt: iso(SHIPPED + 4 * DAY) }]);
  });

  it('says no_telemetry after three checks of a selector naming a metric that is not exported', async () => {
    const actionId = await newAction(false);
    const metric = await attach(actionId, {
      name: 'active requests',
      selector: {
        metric: 'http.server.active_requests',
        attributes: { 'service.name': 'checkout' },
        statistic: 'value',
      },
      target: { absolute: 10 },
    });
    expect(metric.translatedQuery).toBe('sum(http_server_active_requests{service_name="checkout"})');
    for (const hours of [3, 2]) await run(actionId, MIDNIGHT - hours * HOUR);
    expect((await action(actionId)).flags).toEqual([]);
    await run(actionId, MIDNIGHT - HOUR);
    expect((await evaluations(actionId)).map((c) => c.verdict)).toEqual(['no_data', 'no_data', 'no_data']);
    expect((await action(actionId)).flags).toMatchObject([{ kind: 'no_telemetry', raisedAt: iso(MIDNIGHT - HOUR) }]);
  });

  describe('the attach validation', () => {
    it('accepts every statistic the translator writes', async () => {
      const actionId = await newAction(false);
      for (const statistic of ['value', 'rate', 'increase', 'mean', 'p50', 'p90', 'p95', 'p99', 'count']) {
        const metric = await attach(actionId, {
          name: statistic,
          selector: { metric: 'http.server.request.duration.seconds', statistic },
          target: { absolute: 1 },
        });
        expect(metric.translatedQuery).toContain('http_server_request_duration_seconds');
      }
    });

    it('runs the translated PromQL past Prometheus and refuses what it rejects, naming the selector', async () => {
      const actionId = await newAction(false);
      const res = await editor.post(`${ACTIONS}/${actionId}/metrics`, {
        ...METRIC,
        name: 'renamed metric',
        selector: { metric: 'up', attributes: { __name__: 'other' }, statistic: 'value' },
        target: { absolute: 1 },
      });
      expectStatus(res, 400);
      expect(res.body.message).toMatch(/^selector: .*metric name must not be set twice/);
    });
  });
});
