import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeEachDatabase,
  expectStatus,
  HttpClient,
  ScoringApi,
  ServiceProcess,
  tempDir,
  type DatabaseChoice,
} from '@app/testing';
import { createIncident, implementAction, SUSTAINED_LATENCY_METRIC } from '@app/testing/scenario-seed';
import { DAY, HOUR, iso, MIDNIGHT } from '@app/testing/scenario-clock';
import { FaultyProxy } from '@app/testing/faulty-proxy';
import { generateSamples, PrometheusFixture, type ScenarioSeries } from '@app/testing/prometheus';

/**
 * The outcome of a metric depends on its checks in time order, never on the order they were
 * scored in; an outage during a replay does not rewrite the past; a check from before the fix never
 * verifies it. Run with the scheduler on, as users run the service: a metric is scored live within
 * a tick of being attached, so every backfill here comes after a live check.
 */
const ACTIONS = '/api/v1/actions';
const OPENED = MIDNIGHT - 20 * DAY;
const SHIPPED = MIDNIGHT - 10 * DAY;
/** The "early" series improved on its own, long before its fix shipped. */
const IMPROVED_ALONE = MIDNIGHT - 15 * DAY;

const GRID = { from: MIDNIGHT - 40 * DAY, to: MIDNIGHT, stepMs: 5 * 60_000 };
const SERIES: ScenarioSeries[] = [
  {
    name: 'checkout_latency_ms',
    labels: { service: 'fixed' },
    samples: generateSamples(GRID, (t) => (t < SHIPPED ? 400 : 200)),
  },
  {
    name: 'checkout_latency_ms',
    labels: { service: 'early' },
    samples: generateSamples(GRID, (t) => (t < IMPROVED_ALONE ? 400 : 200)),
  },
];

/** SUSTAINED_LATENCY_METRIC on the "fixed" series is met from SHIPPED + 12h and verified at SHIPPED + 60h. */
const VERIFIED_AT = SHIPPED + 60 * HOUR;

describeEachDatabase('scoring order', (database: DatabaseChoice) => {
  let prometheus: PrometheusFixture;
  let proxy: FaultyProxy;
  let service: ServiceProcess;
  let editor: HttpClient;
  let postmortemId: string;
  let configDir: string;

  beforeAll(async () => {
    prometheus = await PrometheusFixture.start({ series: SERIES, now: MIDNIGHT });
    // Down until the test says it recovered.
    proxy = await FaultyProxy.start({ mode: 'reset', target: prometheus.url });
    configDir = tempDir('rt-order-');
    const config = join(configDir, 'fast-tick.yaml');
    writeFileSync(config, 'scoring:\n  tickEvery: 1s\n');
    const datasources = [
      { name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 },
      // A short cool-down: the outage opens its circuit, and the test waits it out once the backend is back.
      { name: 'flaky', type: 'prometheus', url: proxy.url, timeoutMs: 2000, circuitBreaker: { coolDown: '1s' } },
    ];
    service = await ServiceProcess.start({
      database,
      datasources,
      env: { REMEDIATION_SCHEDULER: 'on', REMEDIATION_CONFIG: config },
    });
    editor = await service.clientFor('sre', 'editor');
    postmortemId = await createIncident(editor, 'Checkout latency', OPENED);
  }, 60_000);
  afterAll(async () => {
    await service?.destroy();
    await proxy?.close();
    await prometheus?.stop();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  /** An implemented action of its own team (flags are listed by team), with one metric the scheduler then scores live. */
  async function liveChecked(
    team: string,
    query: string,
    options: { datasource?: string; implementedAt?: number; dueAt?: number } = {},
  ): Promise<string> {
    const created = await editor.post(ACTIONS, {
      title: 'Cap the checkout retry storm',
      ownerTeam: team,
      openedAt: iso(OPENED),
      postmortemId,
      ...(options.dueAt === undefined ? {} : { dueAt: iso(options.dueAt) }),
    });
    expectStatus(created, 201);
    const id = created.body.id;
    await implementAction(editor, id, options.implementedAt ?? SHIPPED);
    expectStatus(
      await editor.post(`${ACTIONS}/${id}/metrics`, {
        ...SUSTAINED_LATENCY_METRIC,
        datasource: options.datasource ?? 'prom',
        query,
      }),
      201,
    );
    const deadline = Date.now() + 15_000;
    while ((await evaluations(id)).length === 0) {
      if (Date.now() > deadline) throw new Error(`the scheduler did not score action ${id} live`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return id;
  }

  async function backfill(id: string, from: number, to: number, every = '6h'): Promise<any> {
    const res = await editor.post(`${ACTIONS}/${id}/backfill`, { from: iso(from), to: iso(to), every });
    expectStatus(res, 200);
    return res.body;
  }

  // Only read with: the scheduler does the scoring here.
  const reader = (): ScoringApi => new ScoringApi(editor, editor);
  const evaluations = (id: string): Promise<any[]> => reader().evaluations(id);
  const action = (id: string): Promise<any> => reader().action(id);

  /** Every flag of the team's action, active or cleared, as (kind, raisedAt, clearedAt), oldest first. */
  async function flagHistory(
    team: string,
  ): Promise<Array<{ kind: string; raisedAt: string; clearedAt: string | null }>> {
    const res = await editor.get(`/api/v1/flags?team=${team}`);
    expectStatus(res, 200);
    const items: any[] = Array.isArray(res.body) ? res.body : res.body.items;
    return items
      .map(({ kind, raisedAt, clearedAt }) => ({ kind, raisedAt, clearedAt }))
      .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
  }

  it('gives a backfill after a live check the same verification and flags as the checks in time order', async () => {
    // Due a day after the fix shipped: overdue from the first check past it until the verification.
    const dueAt = SHIPPED + DAY;
    const expectedFlags = [{ kind: 'overdue', raisedAt: iso(SHIPPED + 30 * HOUR), clearedAt: iso(VERIFIED_AT) }];

    // The replay ends before today's first hour, which a live check scores in the hour after midnight.
    const replayEnd = MIDNIGHT - 6 * HOUR;
    const first = await liveChecked('order-a', 'checkout_latency_ms{service="fixed"}', { dueAt });
    expect(await backfill(first, SHIPPED - 2 * DAY, replayEnd)).toMatchObject({ slots: 48, scored: 48, skipped: 0 });

    // The same history scored in yet another order: the newer half first, then the older one.
    const second = await liveChecked('order-b', 'checkout_latency_ms{service="fixed"}', { dueAt });
    await backfill(second, SHIPPED + 2 * DAY, replayEnd);
    await backfill(second, SHIPPED - 2 * DAY, SHIPPED + 2 * DAY);

    for (const [id, team] of [
      [first, 'order-a'],
      [second, 'order-b'],
    ]) {
      const after = await action(id);
      expect(after).toMatchObject({
        status: 'verified',
        verification: 'telemetry',
        closedAt: iso(VERIFIED_AT),
        flags: [],
      });
      expect(after.metrics[0].metSince).toBe(iso(SHIPPED + 12 * HOUR));
      expect(await flagHistory(team)).toEqual(expectedFlags);
    }
    // One audit event for the backfill's net change, not a verification per replayed check.
    const trail = (await editor.get(`${ACTIONS}/${first}/events?limit=200`)).body.items;
    expect(trail.filter((e: any) => e.actor === 'scorer')).toMatchObject([
      {
        type: 'status_changed',
        changes: { status: { from: 'implemented', to: 'verified' }, closedAt: { from: null, to: iso(VERIFIED_AT) } },
      },
    ]);
  }, 120_000);

  it('writes nothing for the slots of a replay whose datasource is down, and verifies once it is back', async () => {
    const id = await liveChecked('outage', 'checkout_latency_ms{service="fixed"}', { datasource: 'flaky' });
    const down = await backfill(id, SHIPPED - 2 * DAY, MIDNIGHT);
    expect(down).toMatchObject({
      slots: 49,
      scored: 0,
      skipped: 0,
      failed: 49,
      firstError: { at: iso(SHIPPED - 2 * DAY), error: expect.stringMatching(/^unreachable: /) },
    });
    const replayed = (checks: any[]) => checks.filter((c) => Date.parse(c.at) <= MIDNIGHT);
    expect(replayed(await evaluations(id))).toEqual([]);
    // Today's live check may say what it sees today (ineffective, by now); nothing is dated in the past.
    const pastFlags = async () => (await flagHistory('outage')).filter((f) => Date.parse(f.raisedAt) <= MIDNIGHT);
    expect(await pastFlags()).toEqual([]);

    proxy.switchTo('forward');
    // The outage opened the datasource's circuit: after its cool-down, one trial call finds it back.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const back = await backfill(id, SHIPPED - 2 * DAY, MIDNIGHT);
    expect(back).toMatchObject({ slots: 49, scored: 49, skipped: 0, failed: 0, firstError: null });
    const history = replayed(await evaluations(id));
    expect(history).toHaveLength(49);
    expect(history.filter((c) => c.verdict === 'error')).toEqual([]);
    expect(await action(id)).toMatchObject({ status: 'verified', closedAt: iso(VERIFIED_AT) });
    expect(await pastFlags()).toEqual([]);
    expect((await flagHistory('outage')).filter((f) => f.kind === 'source_error')).toEqual([]);
  }, 120_000);

  it('never verifies an action by a check dated before its implementedAt', async () => {
    // Met since 15 days ago on its own; the fix shipped 33 hours ago, between two 6-hourly checks.
    const implementedAt = MIDNIGHT - 33 * HOUR;
    const id = await liveChecked('early', 'checkout_latency_ms{service="early"}', { implementedAt });
    await backfill(id, MIDNIGHT - 14 * DAY, MIDNIGHT);
    const after = await action(id);
    expect(after.status).toBe('verified');
    // The first check at or after the fix, not one of the met checks before it.
    expect(after.closedAt).toBe(iso(MIDNIGHT - 30 * HOUR));
  }, 120_000);
});
