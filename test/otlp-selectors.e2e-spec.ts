import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { diag } from '@opentelemetry/api';
import {
  AggregationTemporalityPreference,
  OTLPMetricExporter as JsonExporter,
} from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import {
  DATABASES,
  describeEachDatabase,
  expectStatus,
  HttpClient,
  ServiceProcess,
  type DatabaseChoice,
} from '@app/testing';
import { collectSdkErrors, recordingExporter } from '@app/testing/otel-sdk';

/**
 * Selectors scored on the built-in `otlp` datasource, from data the real OpenTelemetry JS SDK
 * pushes. The SDK stamps points with the real clock, so the scenario runs in real time, once, fed to
 * a service per database at the same time: a baseline period, then the fix (implementedAt = FIX),
 * then a fixed period. A step's lookback is max(step, 1m), so each period is longer than a minute
 * plus its scored window.
 *
 * Two simulated services push the same traffic: `checkout-delta` through the JSON exporter with
 * delta temporality, `checkout-cumulative` through the protobuf exporter with cumulative.
 * Before the fix, every 5 s: 16 requests with status 200, 4 with 500, each taking 0.8 s. After it:
 * 29 with 200, 1 with 500, each taking 0.08 s.
 */

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const TICK_MS = 5_000;
const BASELINE_MS = 95_000;
const CHECK_AFTER_FIX_MS = 88_000;
const FIXED_MS = 90_000;
const SERVICES = ['checkout-delta', 'checkout-cumulative'] as const;
type ServiceName = (typeof SERVICES)[number];

const iso = (ms: number) => new Date(ms).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** The metric settings every selector here shares: short windows measured in seconds of real time. */
function common(fix: number) {
  return {
    datasource: 'otel',
    baselineWindow: '30s',
    baselineEnd: iso(fix),
    evaluationWindow: '20s',
    sustainFor: '0s',
    checkEvery: '1m',
  };
}

const requestsOf = (service: ServiceName, extra: Record<string, string> = {}) => ({
  metric: 'http.server.requests',
  attributes: { 'service.name': service, ...extra },
  statistic: 'rate',
});

/** One action per temporality, with the three selectors the fix should satisfy. */
function fixedMetrics(service: ServiceName, fix: number) {
  return [
    {
      name: 'error ratio',
      selector: { ...requestsOf(service, { 'http.response.status_code': '500' }), denominator: requestsOf(service) },
      direction: 'decrease',
      target: { relativePercent: 50 },
    },
    {
      name: 'p99 latency',
      selector: { metric: 'http.server.request.duration', attributes: { 'service.name': service }, statistic: 'p99' },
      direction: 'decrease',
      target: { relativePercent: 50 },
    },
    { name: 'throughput', selector: requestsOf(service), direction: 'increase', target: { relativePercent: 20 } },
  ].map((m) => ({ ...common(fix), ...m }));
}

/** An action whose metrics do not reach their goal: successful requests went up, and a metric nobody sends. */
function otherMetrics(fix: number) {
  return [
    {
      name: 'successful requests (wrong way)',
      selector: requestsOf('checkout-cumulative', { 'http.response.status_code': '200' }),
      direction: 'decrease',
      target: { relativePercent: 50 },
    },
    {
      name: 'never sent',
      selector: { metric: 'http.server.never.sent', statistic: 'value' },
      direction: 'decrease',
      target: { absolute: 1 },
    },
  ].map((m) => ({ ...common(fix), ...m }));
}

interface Setup {
  service: ServiceProcess;
  ingestKey: string;
  editor: HttpClient;
  scorer: HttpClient;
  viewer: HttpClient;
  actions: Record<ServiceName | 'other', string>;
}

/** Exports every batch to several exporters (a service per database); fails when any fails. */
function fanOut(exporters: PushMetricExporter[]): PushMetricExporter {
  return {
    export: (metrics, done) => {
      let left = exporters.length;
      let failed: Parameters<typeof done>[0] | null = null;
      for (const exporter of exporters) {
        exporter.export(metrics, (result) => {
          if (result.code !== 0) failed = result;
          if (--left === 0) done(failed ?? result);
        });
      }
    },
    forceFlush: async () => {
      await Promise.all(exporters.map((e) => e.forceFlush()));
    },
    shutdown: async () => {
      await Promise.all(exporters.map((e) => e.shutdown()));
    },
    selectAggregationTemporality: exporters[0].selectAggregationTemporality?.bind(exporters[0]),
    selectAggregation: exporters[0].selectAggregation?.bind(exporters[0]),
  };
}

const setups = new Map<DatabaseChoice, Setup>();
const sdkErrors: string[] = [];
const exportResults: number[] = [];
let FIX = 0;

async function prepare(database: DatabaseChoice, fix: number): Promise<Setup> {
  const service = await ServiceProcess.start({
    database,
    env: { REMEDIATION_DATASOURCES: JSON.stringify([{ name: 'otel', type: 'otlp' }]) },
  });
  const issue = (name: string, role: string) => service.issueKey(name, role);
  const editor = service.http.withKey(await issue('sre', 'editor'));
  const scorer = service.http.withKey(await issue('cron', 'scorer'));
  const viewer = service.http.withKey(await issue('dashboard', 'viewer'));
  const ingestKey = await issue('collector', 'ingest');
  const actions = {} as Setup['actions'];
  const create = async (title: string, metrics: object[]): Promise<string> => {
    const created = await editor.post('/api/v1/actions', {
      title,
      ownerTeam: 'payments',
      openedAt: iso(fix - 10 * 60_000),
    });
    expectStatus(created, 201);
    for (const metric of metrics)
      expectStatus(await editor.post(`/api/v1/actions/${created.body.id}/metrics`, metric), 201);
    expectStatus(await editor.patch(`/api/v1/actions/${created.body.id}`, { status: 'in_progress' }), 200);
    return created.body.id;
  };
  for (const name of SERVICES) actions[name] = await create(`Cap retries in ${name}`, fixedMetrics(name, fix));
  actions.other = await create('Something that did not help', otherMetrics(fix));
  return { service, ingestKey, editor, scorer, viewer, actions };
}

/** The simulated services push until `until`; the fix takes effect at FIX. */
async function simulate(until: number): Promise<void> {
  const providers = SERVICES.map((name) => {
    const exporters = [...setups.values()].map((s) => {
      const url = `${s.service.baseUrl}/v1/metrics`;
      const headers = { Authorization: `Bearer ${s.ingestKey}` };
      return name === 'checkout-delta'
        ? new JsonExporter({ url, headers, temporalityPreference: AggregationTemporalityPreference.DELTA })
        : new ProtoExporter({ url, headers, temporalityPreference: AggregationTemporalityPreference.CUMULATIVE });
    });
    const exporter = recordingExporter(fanOut(exporters), exportResults);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ 'service.name': name }),
      readers: [reader],
    });
    const meter = provider.getMeter('checkout-service', '1.0.0');
    const requests = meter.createCounter('http.server.requests', { unit: '{request}' });
    const duration = meter.createHistogram('http.server.request.duration', {
      unit: 's',
      advice: { explicitBucketBoundaries: SECONDS_BUCKETS },
    });
    return { provider, requests, duration };
  });
  for (let next = Date.now(); next < until; next += TICK_MS) {
    await sleep(next - Date.now());
    const fixed = Date.now() >= FIX;
    for (const { requests, duration } of providers) {
      requests.add(fixed ? 29 : 16, { 'http.response.status_code': 200 });
      requests.add(fixed ? 1 : 4, { 'http.response.status_code': 500 });
      for (let i = 0; i < (fixed ? 30 : 20); i++) duration.record(fixed ? 0.08 : 0.8, { 'http.route': '/pay' });
    }
    await Promise.all(providers.map((p) => p.provider.forceFlush()));
  }
  await Promise.all(providers.map((p) => p.provider.shutdown()));
}

beforeAll(
  async () => {
    collectSdkErrors(sdkErrors);
    // The fix ships BASELINE_MS after the traffic starts; set up (a few seconds) before that.
    FIX = Date.now() + BASELINE_MS + 10_000;
    const prepared = await Promise.all(DATABASES.map(async (db) => [db, await prepare(db, FIX)] as const));
    for (const [db, setup] of prepared) setups.set(db, setup);
    await sleep(FIX - BASELINE_MS - Date.now());
    const traffic = simulate(FIX + FIXED_MS);
    await sleep(FIX - Date.now());
    // The fix ships: every action is implemented as of FIX.
    for (const setup of setups.values()) {
      for (const id of Object.values(setup.actions)) {
        expectStatus(
          await setup.editor.patch(`/api/v1/actions/${id}`, { status: 'implemented', implementedAt: iso(FIX) }),
          200,
        );
      }
    }
    await traffic;
  },
  BASELINE_MS + FIXED_MS + 120_000,
);

afterAll(async () => {
  diag.disable();
  await Promise.all([...setups.values()].map((s) => s.service.destroy()));
});

describeEachDatabase('OpenTelemetry selectors on the otlp datasource', (database: DatabaseChoice) => {
  const T = () => FIX + CHECK_AFTER_FIX_MS;
  let setup: Setup;
  let passes: any[];

  async function evaluations(actionId: string): Promise<Map<string, any>> {
    const res = await setup.viewer.get(`/api/v1/actions/${actionId}`);
    expectStatus(res, 200);
    return new Map(res.body.metrics.map((m: any) => [m.name, m]));
  }

  beforeAll(async () => {
    setup = setups.get(database)!;
    passes = [];
    // The metric nobody sends is checked three times, a checkEvery (1m) apart and none in the future:
    // two earlier slots first, then T below, so its last 3 checks (as of T) are all no_data.
    for (const earlier of [T() - 120_000, T() - 60_000]) {
      expectStatus(
        await setup.scorer.post('/api/v1/scoring/run', { actionIds: [setup.actions.other], at: iso(earlier) }),
        200,
      );
    }
    for (const id of Object.values(setup.actions)) {
      const res = await setup.scorer.post('/api/v1/scoring/run', { actionIds: [id], at: iso(T()) });
      expectStatus(res, 200);
      passes.push(res.body);
    }
  });

  it('received every export from both SDK exporters without a refusal', () => {
    expect(exportResults.length).toBeGreaterThan(30);
    expect(exportResults.every((code) => code === 0)).toBe(true);
    expect(sdkErrors).toEqual([]);
    expect(passes.map((p) => p.errors)).toEqual([0, 0, 0]);
  });

  describe.each(SERVICES)('%s', (name) => {
    it('scores the error ratio, p99 latency and throughput as met and verifies the action', async () => {
      const metrics = await evaluations(setup.actions[name]);
      const errorRatio = metrics.get('error ratio');
      expect(errorRatio.latest).toMatchObject({ at: iso(T()), verdict: 'met', error: null });
      // 4 of 20 requests failed before the fix, 1 of 30 after: the same in every lookback.
      expect(errorRatio.baselineValue).toBeCloseTo(0.2, 6);
      expect(errorRatio.latest.value).toBeCloseTo(1 / 30, 6);
      expect(errorRatio.goal).toBeCloseTo(0.1, 6);

      const p99 = metrics.get('p99 latency');
      expect(p99.latest).toMatchObject({ verdict: 'met', error: null });
      // All in (0.5, 1] before, all in (0.05, 0.1] after: histogram_quantile interpolates 99% into the bucket.
      expect(p99.baselineValue).toBeCloseTo(0.995, 6);
      expect(p99.latest.value).toBeCloseTo(0.0995, 6);

      const throughput = metrics.get('throughput');
      expect(throughput.latest).toMatchObject({ verdict: 'met', error: null });
      // 20 requests per 5 s before, 30 after.
      expect(throughput.baselineValue).toBeGreaterThan(3);
      expect(throughput.baselineValue).toBeLessThanOrEqual(4.5);
      expect(throughput.latest.value).toBeGreaterThan(5.4);
      expect(throughput.latest.value).toBeLessThan(6.6);
      // 21 steps of 1 s over the 20 s window.
      expect(throughput.latest.samples).toBe(21);

      const res = await setup.viewer.get(`/api/v1/actions/${setup.actions[name]}`);
      expect(res.body).toMatchObject({ status: 'verified', verification: 'telemetry', closedAt: iso(T()) });
    });
  });

  it('scores a selector that moved the wrong way as not_met, and one naming a metric with no points as no_data', async () => {
    const metrics = await evaluations(setup.actions.other);
    const wrongWay = metrics.get('successful requests (wrong way)');
    expect(wrongWay.latest).toMatchObject({ verdict: 'not_met', error: null, progress: 0 });
    expect(wrongWay.latest.value).toBeGreaterThan(wrongWay.baselineValue);
    expect(metrics.get('never sent').latest).toMatchObject({ at: iso(T()), verdict: 'no_data', value: null });
    const res = await setup.viewer.get(`/api/v1/actions/${setup.actions.other}`);
    expect(res.body.status).toBe('implemented');
  });

  it('flags the action no_telemetry once the metric with no points was checked three times in a row', async () => {
    const checks = await setup.viewer.get(`/api/v1/actions/${setup.actions.other}`);
    expectStatus(checks, 200);
    expect(checks.body.flags.map((f: { kind: string }) => f.kind)).toContain('no_telemetry');
    const res = await setup.viewer.get('/api/v1/flags?active=true&kind=no_telemetry');
    expectStatus(res, 200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        actionId: setup.actions.other,
        kind: 'no_telemetry',
        raisedAt: iso(T()),
        clearedAt: null,
      }),
    ]);
  });

  it('previews a selector on the otlp datasource', async () => {
    const [, p99] = fixedMetrics('checkout-delta', FIX);
    const res = await setup.editor.post('/api/v1/metrics/preview', { ...p99, at: iso(T()), implementedAt: iso(FIX) });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ verdict: 'met', error: null });
    expect(res.body.value).toBeCloseTo(0.0995, 6);
    expect(res.body.points).toHaveLength(21);
  });
});
