import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachDatabase, expectStatus, HttpClient, ServiceProcess, type DatabaseChoice } from '@app/testing';
import { SUSTAINED_LATENCY_METRIC } from '@app/testing/scenario-seed';
import { DAY, HOUR, iso, MIDNIGHT, MINUTE } from '@app/testing/scenario-clock';
import { FaultyProxy } from '@app/testing/faulty-proxy';
import { generateSamples, prometheusForFile, relativeGrid, type ScenarioSeries } from '@app/testing/prometheus';

/*
 * The scorer against a datasource that misbehaves, through FaultyProxy: one that stalls past the
 * datasource's timeoutMs and one that answers garbage make `error` checks (never a verdict about
 * the fix, never evidence of stalling), and a recording proxy shows that identical fetches of one
 * pass reach Prometheus once.
 */

const ACTIONS = '/api/v1/actions';
const OPENED = MIDNIGHT - 40 * DAY;
const SHIPPED = MIDNIGHT - 21 * DAY;
const every5m = relativeGrid(MIDNIGHT, { fromAgoMs: 60 * DAY, stepMs: 5 * MINUTE });

const SERIES: ScenarioSeries[] = [
  {
    name: 'fault_latency_ms',
    labels: { service: 'shared' },
    samples: generateSamples(every5m, (t) => (t < SHIPPED ? 400 : 200)),
  },
  {
    name: 'fault_latency_ms',
    labels: { service: 'other' },
    samples: generateSamples(every5m, (t) => (t < SHIPPED ? 400 : 250)),
  },
];

const queryRanges = (proxy: FaultyProxy) => proxy.requests.filter((r) => r.path.startsWith('/api/v1/query_range'));

const prometheus = prometheusForFile({ series: SERIES, now: MIDNIGHT });

describeEachDatabase('scoring through a faulty datasource', (database: DatabaseChoice) => {
  let stalling: FaultyProxy;
  let garbage: FaultyProxy;
  let recording: FaultyProxy;
  let service: ServiceProcess;
  let editor: HttpClient;
  let scorer: HttpClient;

  beforeAll(async () => {
    stalling = await FaultyProxy.start({ mode: 'stall' });
    garbage = await FaultyProxy.start({ mode: 'garbage' });
    // A little delay keeps the two metrics' fetches in flight together, as in a busy pass.
    recording = await FaultyProxy.start({ mode: 'forward', target: prometheus.url, delayMs: 50 });
    const datasources = [
      { name: 'prometheus', type: 'prometheus', url: recording.url, timeoutMs: 5000 },
      // Every check here meets the timeout itself: its circuit (test/scoring-isolation) opens later than this file goes.
      { name: 'stalling', type: 'prometheus', url: stalling.url, timeoutMs: 300, circuitBreaker: { failures: 20 } },
      { name: 'garbage', type: 'prometheus', url: garbage.url, timeoutMs: 300 },
    ];
    service = await ServiceProcess.start({ database, datasources });
    ({ editor, scorer } = await service.clientsFor({ editor: 'sre', scorer: 'cron' }));
  }, 60_000);
  afterAll(async () => {
    await service?.destroy();
    await Promise.all([stalling?.close(), garbage?.close(), recording?.close()]);
  });

  /** An action open since OPENED (40 days without a status change) with one metric. */
  async function openAction(
    ownerTeam: string,
    metric: Record<string, unknown>,
  ): Promise<{ actionId: string; metricId: string }> {
    const created = await editor.post(ACTIONS, { title: 'Fix the checkout path', ownerTeam, openedAt: iso(OPENED) });
    expectStatus(created, 201);
    const added = await editor.post(`${ACTIONS}/${created.body.id}/metrics`, {
      ...SUSTAINED_LATENCY_METRIC,
      ...metric,
    });
    // The faulty datasources cannot judge the query: attaching goes ahead.
    expectStatus(added, 201);
    return { actionId: created.body.id, metricId: added.body.id };
  }

  async function run(actionIds: string[], at: number): Promise<any> {
    const res = await scorer.post('/api/v1/scoring/run', { actionIds, at: iso(at) });
    expectStatus(res, 200);
    return res.body;
  }

  async function expectErrorChecksOnly(ownerTeam: string, datasource: string, kind: string): Promise<string[]> {
    // Open for 40 days without a status change: stalled, were errors evidence of no progress.
    const { actionId } = await openAction(ownerTeam, { datasource, query: 'fault_latency_ms{service="shared"}' });
    for (const hours of [3, 2])
      expect(await run([actionId], MIDNIGHT - hours * HOUR)).toEqual({ scored: 1, skipped: 0, errors: 1 });
    // Two error checks are not yet a source_error.
    expect((await editor.get(`${ACTIONS}/${actionId}`)).body.flags).toEqual([]);
    await run([actionId], MIDNIGHT - HOUR);
    const checks = (await editor.get(`${ACTIONS}/${actionId}/evaluations?limit=10`)).body.items;
    expect(checks.map((c: any) => c.verdict)).toEqual(['error', 'error', 'error']);
    for (const check of checks) {
      expect(check).toMatchObject({ value: null, progress: null, pValue: null });
      expect(check.error).toMatch(new RegExp(`^${kind}: `));
    }
    const after = (await editor.get(`${ACTIONS}/${actionId}`)).body;
    expect(after).toMatchObject({ status: 'open', statusChangedAt: iso(OPENED), closedAt: null });
    expect(after.flags).toMatchObject([{ kind: 'source_error', raisedAt: iso(MIDNIGHT - HOUR) }]);
    expect(after.metrics[0]).toMatchObject({ baselineValue: null, metSince: null });
    // No error check ever raised a stall. (The one its dates alone gave it when it was created, until
    // the metric was attached, is history the checks dated before it decided again.)
    expect((await editor.get(`/api/v1/flags?kind=stalled&team=${ownerTeam}`)).body.items).toEqual([]);
    return checks.map((c: any) => c.error);
  }

  it('makes a datasource stalling past its timeoutMs error checks (timeout), then source_error, and never stalled', async () => {
    const before = stalling.requests.length;
    const started = Date.now();
    const errors = await expectErrorChecksOnly('stalling', 'stalling', 'timeout');
    expect(errors[0]).toMatch(/^timeout: .*no answer within 300 ms/);
    // Each check gave up after its retries of 300 ms, far sooner than a stalled socket would.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(stalling.requests.length).toBeGreaterThan(before);
  });

  it('makes a datasource answering garbage error checks (bad_response), then source_error, and never stalled', async () => {
    const errors = await expectErrorChecksOnly('garbage', 'garbage', 'bad_response');
    expect(errors[0]).toMatch(/not a Prometheus API response/);
  });

  it('makes identical fetches of one pass once', async () => {
    // Two actions with the same query, window, step and baseline range, and a third with another query.
    const a = await openAction('dedup', { datasource: 'prometheus', query: 'fault_latency_ms{service="shared"}' });
    const b = await openAction('dedup', { datasource: 'prometheus', query: 'fault_latency_ms{service="shared"}' });
    const c = await openAction('dedup', { datasource: 'prometheus', query: 'fault_latency_ms{service="other"}' });
    const before = queryRanges(recording).length;
    expect(await run([a.actionId, b.actionId, c.actionId], SHIPPED + DAY)).toEqual({
      scored: 3,
      skipped: 0,
      errors: 0,
    });
    const made = queryRanges(recording).slice(before);
    // Per distinct query: the window [T − 1d, T] and the baseline [OPENED − 7d, OPENED] (not frozen yet).
    expect(made).toHaveLength(4);
    const fetched = made.map((r) => {
      const form = new URLSearchParams(r.body);
      return `${form.get('query')} ${form.get('start')}..${form.get('end')} / ${form.get('step')}`;
    });
    expect(new Set(fetched).size).toBe(4);
    for (const id of [a.actionId, b.actionId]) {
      const [check] = (await editor.get(`${ACTIONS}/${id}/evaluations`)).body.items;
      expect(check).toMatchObject({ verdict: 'met', value: 200, baseline: 400, goal: 300 });
    }
    const [other] = (await editor.get(`${ACTIONS}/${c.actionId}/evaluations`)).body.items;
    expect(other).toMatchObject({ verdict: 'met', value: 250, baseline: 400, goal: 300 });

    // The next pass: the baselines are frozen now, so only the windows are fetched, once per query.
    const next = queryRanges(recording).length;
    await run([a.actionId, b.actionId, c.actionId], SHIPPED + DAY + HOUR);
    expect(queryRanges(recording).length - next).toBe(2);
  });
});
