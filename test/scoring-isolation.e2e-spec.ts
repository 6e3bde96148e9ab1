import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeEachDatabase, expectStatus, HttpClient, ServiceProcess, type DatabaseChoice } from '@app/testing';
import { SUSTAINED_LATENCY_METRIC } from '@app/testing/scenario-seed';
import { DAY, HOUR, iso, MIDNIGHT, MINUTE } from '@app/testing/scenario-clock';
import { closedPortUrl, FaultyProxy } from '@app/testing/faulty-proxy';
import { SilentServer } from '@app/testing/silent-server';
import { generateSamples, prometheusForFile, relativeGrid, type ScenarioSeries } from '@app/testing/prometheus';
import { parseExposition, valueOf } from '@app/testing/prometheus/exposition';

/*
 * One scoring pass over metrics of a healthy Prometheus next to datasources that fail in every
 * way a backend does: one that accepts connections and never answers, one nothing listens on, one
 * behind a proxy answering 502, one answering HTML, one slow but within its timeout. Each failing
 * datasource makes `error` checks for its own metrics only; the healthy and the slow ones are
 * scored; and the hanging one costs the pass about one timeout, not one per wave of calls. And a
 * datasource slow but within its timeout delays only its own metrics: the healthy ones are scored
 * while its calls wait (docs/operation.md, "Datasource calls").
 */

const ACTIONS = '/api/v1/actions';
const OPENED = MIDNIGHT - 40 * DAY;
const SHIPPED = MIDNIGHT - 21 * DAY;
const AT = SHIPPED + DAY;
const every5m = relativeGrid(MIDNIGHT, { fromAgoMs: 60 * DAY, stepMs: 5 * MINUTE });

const SERIES: ScenarioSeries[] = [
  {
    name: 'isolation_latency_ms',
    labels: { service: 'checkout' },
    samples: generateSamples(every5m, (t) => (t < SHIPPED ? 400 : 200)),
  },
];

const HEALTHY = 60;
const HANGING = 20;
const EACH_OTHER = 5;
/**
 * The hanging datasource's deadline and concurrency. Each of its metrics makes two calls (window
 * and baseline), 40 in all: waiting for every one takes 40 / 5 × 5 s = 40 s; with the breaker
 * (5 failures by default) the first wave of 5 timeouts opens it and the rest fail at once.
 */
const HANG_TIMEOUT_MS = 5_000;
const HANG_CONCURRENCY = 5;
/**
 * Far above one timeout plus the healthy work (10–12 s measured on two busy cores), far below the
 * 40 s of waiting for every call (45.7 s measured without the breaker and the lanes).
 */
const PASS_BOUND_MS = 25_000;

const prometheus = prometheusForFile({ series: SERIES, now: MIDNIGHT });

/** An action with one metric on `datasource`; a query of its own, so no two fetches are shared. */
async function openAction(editor: HttpClient, datasource: string, i: number): Promise<string> {
  const created = await editor.post(ACTIONS, {
    title: `Fix the checkout path (${datasource} ${i})`,
    ownerTeam: 'checkout',
    openedAt: iso(OPENED),
  });
  expectStatus(created, 201);
  const added = await editor.post(`${ACTIONS}/${created.body.id}/metrics`, {
    ...SUSTAINED_LATENCY_METRIC,
    datasource,
    query: `isolation_latency_ms{service="checkout"} + 0 * ${i}`,
  });
  expectStatus(added, 201);
  return created.body.id;
}

describeEachDatabase('a scoring pass next to failing datasources', (database: DatabaseChoice) => {
  let hanging: SilentServer;
  let broken: FaultyProxy;
  let garbage: FaultyProxy;
  let slow: FaultyProxy;
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  let scorer: HttpClient;
  const metricsOf = new Map<string, string[]>();

  beforeAll(async () => {
    hanging = await SilentServer.start();
    broken = await FaultyProxy.start({ mode: 'bad-gateway' });
    garbage = await FaultyProxy.start({ mode: 'garbage' });
    slow = await FaultyProxy.start({ mode: 'forward', target: prometheus.url, delayMs: 1_500 });
    const datasources = [
      { name: 'prometheus', type: 'prometheus', url: prometheus.url, timeoutMs: 5_000 },
      {
        name: 'hanging',
        type: 'prometheus',
        url: hanging.url,
        timeoutMs: HANG_TIMEOUT_MS,
        maxConcurrency: HANG_CONCURRENCY,
      },
      { name: 'refused', type: 'prometheus', url: await closedPortUrl(), timeoutMs: 2_000 },
      { name: 'broken', type: 'prometheus', url: broken.url, timeoutMs: 2_000 },
      { name: 'garbage', type: 'prometheus', url: garbage.url, timeoutMs: 2_000 },
      { name: 'slow', type: 'prometheus', url: slow.url, timeoutMs: 5_000 },
    ];
    service = await ServiceProcess.start({
      database,
      datasources,
      env: { REMEDIATION_SCHEDULER: 'off' },
    });
    ({ editor, viewer, scorer } = await service.clientsFor({ editor: 'sre', viewer: 'audit', scorer: 'cron' }));
    const counts: Record<string, number> = { prometheus: HEALTHY, hanging: HANGING };
    for (const name of ['refused', 'broken', 'garbage', 'slow']) counts[name] = EACH_OTHER;
    for (const [datasource, count] of Object.entries(counts)) {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) ids.push(await openAction(editor, datasource, i));
      metricsOf.set(datasource, ids);
    }
    // Attached while it still answered; from now on it holds every connection open, silent.
    hanging.hang();
  }, 180_000);
  afterAll(async () => {
    await service?.destroy();
    await Promise.all([hanging?.close(), broken?.close(), garbage?.close(), slow?.close()]);
  });

  async function checksOf(datasource: string): Promise<any[]> {
    const checks = [];
    for (const actionId of metricsOf.get(datasource) ?? []) {
      const res = await viewer.get(`${ACTIONS}/${actionId}/evaluations?limit=10`);
      expectStatus(res, 200);
      checks.push(...res.body.items);
    }
    return checks;
  }

  it('scores every healthy metric, makes each failing datasource error checks for its own metrics, and ends in about one timeout', async () => {
    const started = Date.now();
    const res = await scorer.post('/api/v1/scoring/run', { at: iso(AT) });
    const elapsed = Date.now() - started;
    expectStatus(res, 200);
    console.info(`pass next to a hanging datasource: ${elapsed} ms`);
    expect(elapsed).toBeLessThan(PASS_BOUND_MS);
    const failing = HANGING + 3 * EACH_OTHER;
    expect(res.body).toEqual({ scored: HEALTHY + EACH_OTHER + failing, skipped: 0, errors: failing });

    // The healthy Prometheus and the slow one (answering within its timeout): verdicts.
    for (const datasource of ['prometheus', 'slow']) {
      const checks = await checksOf(datasource);
      expect(checks).toHaveLength(datasource === 'prometheus' ? HEALTHY : EACH_OTHER);
      for (const check of checks)
        expect(check).toMatchObject({ verdict: 'met', value: 200, baseline: 400, goal: 300, error: null });
    }
    // Each failing datasource: `error` checks for its metrics, saying why.
    const expected: Record<string, RegExp> = {
      hanging: /^(timeout: no answer within 5000 ms|unreachable: circuit open since .+ after \d+ failures in a row)/,
      refused: /^unreachable: /,
      broken: /^unreachable: /,
      garbage: /^bad_response: .*not a Prometheus API response/,
    };
    for (const [datasource, error] of Object.entries(expected)) {
      const checks = await checksOf(datasource);
      expect(checks).toHaveLength(datasource === 'hanging' ? HANGING : EACH_OTHER);
      for (const check of checks) {
        expect(check).toMatchObject({ verdict: 'error', value: null, progress: null });
        expect(check.error).toMatch(error);
      }
    }
    // The hanging datasource's breaker opened after its first wave of timeouts: the rest failed fast.
    const hangingErrors = (await checksOf('hanging')).map((c) => c.error as string);
    expect(hangingErrors.filter((e) => e.startsWith('unreachable: circuit open')).length).toBeGreaterThan(HANGING / 2);
    expect(hangingErrors.find((e) => e.includes('circuit open'))).toMatch(/retrying at \d{4}-\d\d-\d\dT/);

    // The operator sees which circuits are open: on GET /api/v1/datasources and on /metrics.
    const listed = await viewer.get('/api/v1/datasources');
    expectStatus(listed, 200);
    const byName = new Map<string, any>(listed.body.map((ds: any) => [ds.name, ds]));
    expect(byName.get('hanging')).toMatchObject({
      circuitBreaker: { failures: 5, coolDown: '30s' },
      circuit: {
        state: 'open',
        openSince: expect.any(String),
        retryAt: expect.any(String),
        lastFailure: 'timeout: no answer within 5000 ms',
      },
    });
    expect(byName.get('hanging').circuit.failures).toBeGreaterThanOrEqual(5);
    expect(byName.get('prometheus').circuit).toEqual({
      state: 'closed',
      failures: 0,
      openSince: null,
      retryAt: null,
      lastFailure: null,
    });
    expect(byName.get('refused').circuit.state).toBe('open');
    expect(byName.get('garbage').circuit.state).toBe('closed');
    expect(byName.get('otlp').circuit).toBeNull();
    const scraped = parseExposition(await (await fetch(`${service.baseUrl}/metrics`)).text());
    const circuit = (datasource: string, state: string) =>
      valueOf(scraped, 'remediation_datasource_circuit_state', { datasource, state });
    expect([circuit('hanging', 'open'), circuit('hanging', 'closed'), circuit('prometheus', 'closed')]).toEqual([
      1, 0, 1,
    ]);
  }, 180_000);
});

/**
 * A slow datasource (every answer 3 s late, one call at a time… two) with 16 metrics, whose
 * metrics come first in the claim order (never scored), next to 34 healthy ones (all in one batch
 * of 50). Its 32 calls take 16 × 3 s = 48 s whatever happens. Were the pass's workers shared, its
 * 16 actions would hold all 8 until only 8 were left: the healthy ones would wait 27 s.
 */
const SLOW_METRICS = 16;
const QUICK_METRICS = 34;
const SLOW_DELAY_MS = 3_000;
/** Far above what scoring 34 metrics takes, far below the 27 s of waiting behind the slow ones. */
const HEALTHY_BOUND_MS = 12_000;

// The pools are the scorer's, not the database's: one database is enough for this 50-second pass.
describe('a scoring pass next to a slow datasource (PostgreSQL)', () => {
  const database: DatabaseChoice = 'postgres';
  let slow: FaultyProxy;
  let service: ServiceProcess;
  let editor: HttpClient;
  let scorer: HttpClient;
  const quick: string[] = [];
  const slowActions: string[] = [];

  beforeAll(async () => {
    slow = await FaultyProxy.start({ mode: 'forward', target: prometheus.url, delayMs: SLOW_DELAY_MS });
    const datasources = [
      { name: 'prometheus', type: 'prometheus', url: prometheus.url, timeoutMs: 5_000 },
      { name: 'slow', type: 'prometheus', url: slow.url, timeoutMs: 10_000, maxConcurrency: 2 },
    ];
    service = await ServiceProcess.start({ database, datasources, env: { REMEDIATION_SCHEDULER: 'off' } });
    ({ editor, scorer } = await service.clientsFor({ editor: 'sre', scorer: 'cron' }));
    for (let i = 0; i < QUICK_METRICS; i++) quick.push(await openAction(editor, 'prometheus', i));
    // Scored once already, so the never-scored slow metrics come first in the next pass's claims.
    const first = await scorer.post('/api/v1/scoring/run', { actionIds: quick, at: iso(AT - HOUR) });
    expectStatus(first, 200);
    expect(first.body).toMatchObject({ scored: QUICK_METRICS, errors: 0 });
    // Attached after: the slow datasource's check of each query is not waited for past 3 s.
    for (let i = 0; i < SLOW_METRICS; i++) slowActions.push(await openAction(editor, 'slow', i));
  }, 240_000);
  afterAll(async () => {
    await service?.destroy();
    await slow?.close();
  });

  async function metCount(datasource: string): Promise<number> {
    const res = await fetch(`${service.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    return (
      valueOf(parseExposition(await res.text()), 'remediation_evaluations_total', { verdict: 'met', datasource }) ?? 0
    );
  }

  it('scores the healthy metrics while the slow datasource is still answering, and the slow ones too', async () => {
    const before = await metCount('prometheus');
    const started = Date.now();
    const pass = scorer.post('/api/v1/scoring/run', { at: iso(AT) });
    let healthyAfter: number | null = null;
    while (Date.now() - started < 120_000) {
      if ((await metCount('prometheus')) - before >= QUICK_METRICS) {
        healthyAfter = Date.now() - started;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const res = await pass;
    const passTook = Date.now() - started;
    expectStatus(res, 200);
    console.info(
      `pass next to a slow datasource: ${passTook} ms, every healthy metric scored after ${healthyAfter} ms`,
    );
    expect(res.body).toEqual({ scored: QUICK_METRICS + SLOW_METRICS, skipped: 0, errors: 0 });
    expect(healthyAfter).not.toBeNull();
    expect(healthyAfter).toBeLessThan(HEALTHY_BOUND_MS);
    // The slow datasource's calls took what they take: the pass lasted until they were answered.
    expect(passTook).toBeGreaterThan(healthyAfter as number);
    for (const actionId of slowActions) {
      const [check] = (await editor.get(`${ACTIONS}/${actionId}/evaluations`)).body.items;
      expect(check).toMatchObject({ verdict: 'met', value: 200, baseline: 400 });
    }
  }, 240_000);
});
