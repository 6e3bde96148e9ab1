import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachDatabase, HttpClient, HttpResult, ServiceProcess, type DatabaseChoice } from '@app/testing';
import { generateSamples, PrometheusFixture, type ScenarioSeries } from '@app/testing/prometheus';

/**
 * Verdict parity (issue acceptance): a selector gives the same verdict on the built-in OTLP store
 * and on Prometheus for the same data. One deterministic dataset, sampled every minute on the same
 * grid, is written twice: as OTLP JSON export requests posted to the service's receiver, and as
 * OpenMetrics with the translated Prometheus names backfilled into a real Prometheus. The same
 * selectors are attached to two parallel actions, one per datasource, and scored at the same times.
 *
 * The data sits in the last six hours of the test's clock (within the receiver's retention, never in
 * the future): three hours before the fix, three after it.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const STEP = 5 * MINUTE;
// The newest sample: the last 5-minute multiple at least a minute old (slots and steps land on samples).
const END = Math.floor((Date.now() - MINUTE) / STEP) * STEP;
const FIX = END - 3 * HOUR;
const START = END - 6 * HOUR;
const OPENED = START;
const TIMES = generateSamples({ from: START, to: END, stepMs: MINUTE }, () => 0).map((s) => s.at);
const iso = (ms: number) => new Date(ms).toISOString();

// ---------------------------------------------------------------------------------------------
// The dataset, as functions of time.

/** A cumulative counter (from 0 at START) growing by `before` a minute until FIX, `after` from then on. */
const cumulative = (before: number, after: number) => (t: number) =>
  ((Math.min(t, FIX) - START) / MINUTE) * before + (Math.max(0, t - FIX) / MINUTE) * after;

/** Requests by status: an error ratio of 5% before the fix, 0.1% after it (6,000 requests a minute). */
const REQUESTS: Record<string, (t: number) => number> = {
  '500': cumulative(300, 6),
  '200': cumulative(5_700, 5_994),
};
/** 60 requests a minute: all in (0.5 s, 1 s] before the fix (0.75 s each), all in (0.1 s, 0.25 s] after (0.2 s each). */
const BOUNDS = [0.1, 0.25, 0.5, 1];
const SLOW = cumulative(60, 0);
const FAST = cumulative(0, 60);
const DURATION_SUM = cumulative(45, 12);
/** Per-bucket counts (OTLP), one more than BOUNDS: (−∞,0.1], (0.1,0.25], (0.25,0.5], (0.5,1], (1,+∞). */
const bucketCounts = (t: number) => [0, FAST(t), 0, SLOW(t), 0];
/** Queue depth per service: the fix did not drain checkout's queue; search's must not be counted. */
const QUEUE: Record<string, (t: number) => number> = {
  checkout: (t) => (t <= FIX ? 200 : 198),
  search: () => 1_000,
};

// ---------------------------------------------------------------------------------------------
// (a) OTLP JSON export requests.

const nanos = (ms: number) => String(BigInt(ms) * 1_000_000n);
const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });

function otlpRequest(times: number[]): object {
  const checkout = {
    resource: { attributes: [attr('service.name', 'checkout')] },
    scopeMetrics: [
      {
        scope: { name: 'parity-test', version: '1.0.0' },
        metrics: [
          {
            name: 'http.server.requests',
            unit: '{request}',
            sum: {
              aggregationTemporality: 2,
              isMonotonic: true,
              dataPoints: Object.entries(REQUESTS).flatMap(([code, value]) =>
                times.map((t) => ({
                  attributes: [attr('http.response.status_code', code)],
                  startTimeUnixNano: nanos(START),
                  timeUnixNano: nanos(t),
                  asDouble: value(t),
                })),
              ),
            },
          },
          {
            name: 'http.server.request.duration.seconds',
            histogram: {
              aggregationTemporality: 2,
              dataPoints: times.map((t) => ({
                attributes: [],
                startTimeUnixNano: nanos(START),
                timeUnixNano: nanos(t),
                count: String(SLOW(t) + FAST(t)),
                sum: DURATION_SUM(t),
                bucketCounts: bucketCounts(t).map(String),
                explicitBounds: BOUNDS,
              })),
            },
          },
        ],
      },
    ],
  };
  const queue = (service: string) => ({
    resource: { attributes: [attr('service.name', service)] },
    scopeMetrics: [
      {
        scope: { name: 'parity-test', version: '1.0.0' },
        metrics: [
          {
            name: 'checkout.queue.depth',
            gauge: { dataPoints: times.map((t) => ({ timeUnixNano: nanos(t), asDouble: QUEUE[service](t) })) },
          },
        ],
      },
    ],
  });
  return { resourceMetrics: [checkout, queue('checkout'), queue('search')] };
}

// ---------------------------------------------------------------------------------------------
// (b) The same data under the translated Prometheus names (a Collector's prometheus exporter with
// suffixes on, resource attributes as labels).

function prometheusSeries(): ScenarioSeries[] {
  const grid = { from: START, to: END, stepMs: MINUTE };
  const checkout = { service_name: 'checkout' };
  const cumulativeLe = (i: number) => (t: number) =>
    bucketCounts(t)
      .slice(0, i + 1)
      .reduce((a, b) => a + b, 0);
  return [
    ...Object.entries(REQUESTS).map(([code, value]): ScenarioSeries => ({
      name: 'http_server_requests',
      type: 'counter',
      labels: { ...checkout, http_response_status_code: code },
      samples: generateSamples(grid, value),
    })),
    ...[...BOUNDS.map(String), '+Inf'].map((le, i): ScenarioSeries => ({
      name: 'http_server_request_duration_seconds_bucket',
      labels: { ...checkout, le },
      samples: generateSamples(grid, cumulativeLe(i)),
    })),
    {
      name: 'http_server_request_duration_seconds_sum',
      labels: checkout,
      samples: generateSamples(grid, DURATION_SUM),
    },
    {
      name: 'http_server_request_duration_seconds_count',
      labels: checkout,
      samples: generateSamples(grid, (t) => SLOW(t) + FAST(t)),
    },
    ...Object.entries(QUEUE).map(([service, value]): ScenarioSeries => ({
      name: 'checkout_queue_depth',
      labels: { service_name: service },
      samples: generateSamples(grid, value),
    })),
  ];
}

// ---------------------------------------------------------------------------------------------
// The selectors, attached unchanged to an action on each datasource.

const requests = (extra: Record<string, string> = {}) => ({
  metric: 'http.server.requests',
  attributes: { 'service.name': 'checkout', ...extra },
  statistic: 'rate',
});

/** What the fix should satisfy: the error ratio and the p99 latency fell. */
const FIXED = [
  {
    name: 'error ratio',
    selector: { ...requests({ 'http.response.status_code': '500' }), denominator: requests() },
    direction: 'decrease',
    target: { absolute: 0.01 },
  },
  {
    name: 'p99 latency',
    selector: {
      metric: 'http.server.request.duration.seconds',
      attributes: { 'service.name': 'checkout' },
      statistic: 'p99',
    },
    direction: 'decrease',
    target: { relativePercent: 50 },
  },
];
/** What it should not: the queue did not drain, and successful requests went up, not down. */
const NOT_FIXED = [
  {
    name: 'queue depth',
    selector: { metric: 'checkout.queue.depth', attributes: { 'service.name': 'checkout' }, statistic: 'value' },
    direction: 'decrease',
    target: { relativePercent: 25 },
  },
  {
    name: 'successful requests',
    selector: requests({ 'http.response.status_code': '200' }),
    direction: 'decrease',
    target: { relativePercent: 50 },
  },
];
const COMMON = {
  baselineWindow: '2h',
  baselineEnd: iso(FIX),
  evaluationWindow: '1h',
  sustainFor: '30m',
  verifyWithin: '2h',
  checkEvery: '5m',
  step: '5m',
};
/** Scored at the same times on both: from an hour after the fix (a whole evaluation window of fixed data) to END. */
const SCORE_AT = [FIX + HOUR, FIX + 90 * MINUTE, FIX + 2 * HOUR, FIX + 150 * MINUTE, END];

/**
 * How close the numbers must be. The two sources align their windows differently: Prometheus'
 * rate() takes the samples inside a 5-minute range and extrapolates their increase to the range's
 * edges, while the OTLP store interpolates the counter at the range's start from the point before
 * it; a gauge is the newest sample within the lookback on both. On a counter whose slope changes
 * inside a range the two would differ by up to a minute's worth of slope change. Here the data is
 * piecewise linear on the same 1-minute grid and no scored range straddles the fix (the baseline's
 * last range ends at FIX, evaluations begin an hour after it), so both are exact and the values
 * agree to float rounding (measured: identical to 1e-12 relative). 1e-6 relative leaves room for
 * summation order and is far below the smallest difference a wrong statistic or window would make
 * here (p99 vs p95 inside the bucket: 2.4%; one minute of the other period in a 5-minute range: 20%
 * of a 98% rate change).
 */
const RELATIVE_TOLERANCE = 1e-6;

function expectClose(actual: number | null, expected: number | null, what: string): void {
  if (actual === null || expected === null) {
    expect({ what, actual }).toEqual({ what, actual: expected });
    return;
  }
  const scale = Math.max(Math.abs(expected), 1e-12);
  if (Math.abs(actual - expected) / scale > RELATIVE_TOLERANCE)
    throw new Error(`${what}: otlp ${actual} vs prometheus ${expected}`);
}

function expectStatus(res: HttpResult, status: number): void {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
}

type Datasource = 'prom' | 'otel';

describeEachDatabase('the same verdict on the OTLP store and on Prometheus', (database: DatabaseChoice) => {
  let prometheus: PrometheusFixture;
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  let scorer: HttpClient;
  const actions: Record<Datasource, { fixed: string; notFixed: string }> = {
    prom: { fixed: '', notFixed: '' },
    otel: { fixed: '', notFixed: '' },
  };

  beforeAll(async () => {
    prometheus = await PrometheusFixture.start({ series: prometheusSeries(), now: END });
    const datasources = [
      { name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 },
      { name: 'otel', type: 'otlp' },
    ];
    service = await ServiceProcess.start({ database, env: { REMEDIATION_DATASOURCES: JSON.stringify(datasources) } });
    const issue = (name: string, role: string) => service.issueKey(name, role);
    editor = service.http.withKey(await issue('sre', 'editor'));
    viewer = service.http.withKey(await issue('dashboard', 'viewer'));
    scorer = service.http.withKey(await issue('cron', 'scorer'));
    const ingestKey = await issue('collector', 'ingest');

    // The actions first, as a team would write them (the receiver keeps the metrics either way).
    const create = async (title: string, datasource: Datasource, metrics: object[]): Promise<string> => {
      const created = await editor.post('/api/v1/actions', { title, ownerTeam: 'payments', openedAt: iso(OPENED) });
      expectStatus(created, 201);
      const id = created.body.id;
      for (const metric of metrics)
        expectStatus(await editor.post(`/api/v1/actions/${id}/metrics`, { ...COMMON, ...metric, datasource }), 201);
      expectStatus(await editor.patch(`/api/v1/actions/${id}`, { status: 'in_progress' }), 200);
      expectStatus(
        await editor.patch(`/api/v1/actions/${id}`, { status: 'implemented', implementedAt: iso(FIX) }),
        200,
      );
      return id;
    };
    for (const datasource of ['prom', 'otel'] as const) {
      actions[datasource].fixed = await create(`Cap retries (${datasource})`, datasource, FIXED);
      actions[datasource].notFixed = await create(`Resize the pool (${datasource})`, datasource, NOT_FIXED);
    }

    // An export request per hour of data, as a Collector batching would send them.
    for (let from = START; from <= END; from += HOUR) {
      const res = await fetch(`${service.baseUrl}/v1/metrics`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ingestKey}` },
        body: JSON.stringify(otlpRequest(TIMES.filter((t) => t >= from && t < from + HOUR))),
      });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`OTLP export answered ${res.status}: ${body}`);
      // No partialSuccess: every point was accepted.
      expect(JSON.parse(body).partialSuccess?.rejectedDataPoints ?? '0').toBe('0');
    }
  }, 120_000);
  afterAll(async () => {
    await service?.destroy();
    await prometheus?.stop();
  });

  async function action(id: string): Promise<any> {
    const res = await viewer.get(`/api/v1/actions/${id}`);
    expectStatus(res, 200);
    return res.body;
  }

  async function evaluations(id: string): Promise<any[]> {
    const res = await viewer.get(`/api/v1/actions/${id}/evaluations?limit=200`);
    expectStatus(res, 200);
    return res.body.items;
  }

  /** The actions' state and their metrics' latest check, by metric name. */
  async function state(id: string) {
    const a = await action(id);
    const metrics = Object.fromEntries(
      a.metrics.map((m: any) => [
        m.name,
        {
          verdict: m.latest?.verdict ?? null,
          value: m.latest?.value ?? null,
          baseline: m.baselineValue ?? null,
          goal: m.goal ?? null,
          metSince: m.metSince ?? null,
        },
      ]),
    );
    return {
      status: a.status,
      verification: a.verification ?? null,
      closedAt: a.closedAt ?? null,
      flags: a.flags.map((f: { kind: string }) => f.kind),
      metrics,
    };
  }

  it('gives the same verdicts, with values agreeing, at every scoring time', async () => {
    const all = [actions.prom.fixed, actions.prom.notFixed, actions.otel.fixed, actions.otel.notFixed];
    for (const at of SCORE_AT) {
      const run = await scorer.post('/api/v1/scoring/run', { actionIds: all, at: iso(at) });
      expectStatus(run, 200);
      expect(run.body.errors).toBe(0);
      for (const kind of ['fixed', 'notFixed'] as const) {
        const prom = await state(actions.prom[kind]);
        const otel = await state(actions.otel[kind]);
        const when = `${kind} at ${iso(at)}`;
        expect({
          when,
          status: otel.status,
          verification: otel.verification,
          closedAt: otel.closedAt,
          flags: otel.flags,
        }).toEqual({
          when,
          status: prom.status,
          verification: prom.verification,
          closedAt: prom.closedAt,
          flags: prom.flags,
        });
        for (const [name, p] of Object.entries(prom.metrics) as [string, any][]) {
          const o = (otel.metrics as Record<string, any>)[name];
          expect({ when, name, verdict: o.verdict, metSince: o.metSince }).toEqual({
            when,
            name,
            verdict: p.verdict,
            metSince: p.metSince,
          });
          expectClose(o.value, p.value, `${when} ${name} value`);
          expectClose(o.baseline, p.baseline, `${when} ${name} baseline`);
          expectClose(o.goal, p.goal, `${when} ${name} goal`);
        }
      }
    }

    // And what the verdicts are: the fix verified by telemetry on both, the other not.
    for (const datasource of ['prom', 'otel'] as const) {
      const fixed = await state(actions[datasource].fixed);
      expect(fixed).toMatchObject({ status: 'verified', verification: 'telemetry' });
      expect(fixed.metrics['error ratio']).toMatchObject({ verdict: 'met', goal: 0.01 });
      expect(fixed.metrics['error ratio'].baseline).toBeCloseTo(0.05, 6);
      expect(fixed.metrics['error ratio'].value).toBeCloseTo(0.001, 6);
      // histogram_quantile interpolates inside the bucket: 0.5 + 0.5 × 0.99 before, 0.1 + 0.15 × 0.99 after.
      expect(fixed.metrics['p99 latency'].baseline).toBeCloseTo(0.995, 6);
      expect(fixed.metrics['p99 latency'].value).toBeCloseTo(0.2485, 6);
      const notFixed = await state(actions[datasource].notFixed);
      expect(notFixed.status).toBe('implemented');
      expect(notFixed.metrics['queue depth']).toMatchObject({
        verdict: 'not_met',
        value: 198,
        baseline: 200,
        goal: 150,
      });
      expect(notFixed.metrics['successful requests'].verdict).toBe('not_met');
      // Every check of the other action missed its goal, on both sources alike.
      expect(new Set((await evaluations(actions[datasource].notFixed)).map((c) => c.verdict))).toEqual(
        new Set(['not_met']),
      );
    }
  });
});
