import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  describeEachDatabase,
  expectStatus,
  HttpClient,
  itOnPostgres,
  runToExit,
  SCORER_ENTRY,
  ScoringApi,
  ServiceProcess,
  type DatabaseChoice,
  withClient,
} from '@app/testing';
import { createIncident, implementAction, SUSTAINED_LATENCY_METRIC as METRIC } from '@app/testing/scenario-seed';
import { DAY, HOUR, iso, MIDNIGHT } from '@app/testing/scenario-clock';
import { checkoutLatency, generateSamples, prometheusForFile, type ScenarioSeries } from '@app/testing/prometheus';

const ACTIONS = '/api/v1/actions';
const OPENED = MIDNIGHT - 20 * DAY;
const SHIPPED = MIDNIGHT - 10 * DAY;

const latency = (service: string, after: number): ScenarioSeries => checkoutLatency(service, SHIPPED, after);

const SERIES: ScenarioSeries[] = [
  latency('fixed', 200),
  latency('unfixed', 398),
  {
    ...latency('regressing', 200),
    // Fixed, then back to the old latency five and a quarter days after the fix shipped.
    samples: generateSamples({ from: MIDNIGHT - 30 * DAY, to: MIDNIGHT, stepMs: 5 * 60_000 }, (t) =>
      t >= SHIPPED && t < SHIPPED + 5 * DAY + 6 * HOUR ? 200 : 400,
    ),
  },
  { ...latency('a', 1), name: 'split_metric', labels: { shard: 'a' } },
  { ...latency('b', 1), name: 'split_metric', labels: { shard: 'b' } },
];
const prometheus = prometheusForFile({ series: SERIES, now: MIDNIGHT });

describeEachDatabase('scoring', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  let scorer: HttpClient;
  let postmortemId: string;

  beforeAll(async () => {
    const datasources = [
      { name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 },
      { name: 'down', type: 'prometheus', url: 'http://127.0.0.1:9', timeoutMs: 1000 },
      { name: 'otel', type: 'otlp' },
    ];
    service = await ServiceProcess.start({ database, datasources });
    ({ editor, viewer, scorer } = await service.clientsFor({ editor: 'sre', viewer: 'dashboard', scorer: 'cron' }));
    postmortemId = await createIncident(editor, 'Checkout latency', OPENED);
  }, 60_000);
  afterAll(async () => {
    await service?.destroy();
  });

  /** An action opened 20 days ago, shipped 10 days ago unless `shipped` is false, with one metric. */
  async function actionWith(
    metric: Record<string, unknown>,
    shipped = true,
  ): Promise<{ actionId: string; metricId: string }> {
    const created = await editor.post(ACTIONS, {
      title: 'Cap the checkout retry storm',
      ownerTeam: 'payments',
      openedAt: iso(OPENED),
      postmortemId,
    });
    expectStatus(created, 201);
    const actionId = created.body.id;
    if (shipped) await implementAction(editor, actionId, SHIPPED);
    const added = await editor.post(`${ACTIONS}/${actionId}/metrics`, { ...METRIC, ...metric });
    expectStatus(added, 201);
    return { actionId, metricId: added.body.id };
  }

  const api = (): ScoringApi => new ScoringApi(viewer, scorer);
  const run = (actionId: string, at: number): Promise<any> => api().run(actionId, at);
  const evaluations = (actionId: string): Promise<any[]> => api().evaluations(actionId);
  const action = (actionId: string): Promise<any> => api().action(actionId);

  async function flags(query: string): Promise<any[]> {
    const res = await viewer.get(`/api/v1/flags?${query}`);
    expectStatus(res, 200);
    expect(res.body.nextCursor).toBeNull();
    return res.body.items;
  }

  it('verifies a fix that worked once the goal held for sustainFor, at the check that proved it', async () => {
    const { actionId, metricId } = await actionWith({
      datasource: 'prom',
      query: 'checkout_latency_ms{service="fixed"}',
    });
    // Replays every 6 hours from a day after the fix: met from the first check, sustained 2 days later.
    const res = await editor.post(`${ACTIONS}/${actionId}/backfill`, {
      from: iso(SHIPPED + DAY),
      to: iso(SHIPPED + 4 * DAY),
      every: '6h',
    });
    expectStatus(res, 200);
    expect(res.body).toEqual({ slots: 13, scored: 13, skipped: 0, errors: 0, failed: 0, firstError: null });

    const verified = await action(actionId);
    expect(verified).toMatchObject({ status: 'verified', verification: 'telemetry', closedAt: iso(SHIPPED + 3 * DAY) });
    const [metric] = verified.metrics;
    expect(metric).toMatchObject({
      id: metricId,
      baselineValue: 400,
      goal: 300,
      progress: 1,
      metSince: iso(SHIPPED + DAY),
    });
    expect(metric.latest).toMatchObject({
      at: iso(SHIPPED + 4 * DAY),
      verdict: 'met',
      value: 200,
      baseline: 400,
      goal: 300,
      progress: 1,
    });

    const one = await viewer.get(`${ACTIONS}/${actionId}/metrics/${metricId}`);
    expect(one.body).toEqual(metric);

    const checks = await evaluations(actionId);
    expect(checks).toHaveLength(13);
    expect(checks.map((c) => c.at)).toEqual([...checks.map((c) => c.at)].sort().reverse());
    expect(new Set(checks.map((c) => c.verdict))).toEqual(new Set(['met']));
    expect(checks[0]).toEqual({
      id: expect.any(String),
      metricId,
      at: iso(SHIPPED + 4 * DAY),
      windowStart: iso(SHIPPED + 3 * DAY),
      windowEnd: iso(SHIPPED + 4 * DAY),
      value: 200,
      baseline: 400,
      goal: 300,
      progress: 1,
      verdict: 'met',
      pValue: null,
      effectiveSamples: null,
      samples: expect.any(Number),
      error: null,
      reason: expect.stringMatching(
        /^avg 200 over .+ \(\d+ samples\) vs goal ≤ 300 \(25% below the baseline 400, .+\): met\.$/,
      ),
      durationMs: expect.any(Number),
    });

    const trail = (await viewer.get(`${ACTIONS}/${actionId}/events?limit=200`)).body.items;
    expect(trail.at(-1)).toMatchObject({
      actor: 'scorer',
      type: 'status_changed',
      changes: { status: { from: 'implemented', to: 'verified' } },
    });

    // Replaying the same history again scores nothing twice.
    const again = await editor.post(`${ACTIONS}/${actionId}/backfill`, {
      from: iso(SHIPPED + DAY),
      to: iso(SHIPPED + 4 * DAY),
      every: '6h',
    });
    expect(again.body).toEqual({ slots: 13, scored: 0, skipped: 13, errors: 0, failed: 0, firstError: null });

    // The post-mortem's write-up shows the measured outcome.
    const report = await viewer.get(`/api/v1/postmortems/${postmortemId}/report`);
    expectStatus(report, 200);
    expect(report.text).toContain(
      `**met** — 400 → 200 vs goal 300 · progress 100 % (checked ${iso(SHIPPED + 4 * DAY).slice(0, 10)}`,
    );
  });

  it('flags a fix that did not move the telemetry as ineffective after verifyWithin, and leaves it implemented', async () => {
    const { actionId } = await actionWith({ datasource: 'prom', query: 'checkout_latency_ms{service="unfixed"}' });
    for (const day of [1, 2, 3, 4]) await run(actionId, SHIPPED + day * DAY);
    const checks = await evaluations(actionId);
    expect(checks.map((c) => c.verdict)).toEqual(['not_met', 'not_met', 'not_met', 'not_met']);
    expect(checks[0]).toMatchObject({ value: 398, baseline: 400, goal: 300 });
    expect(checks[0].progress).toBeCloseTo(0.02, 10);
    const after = await action(actionId);
    expect(after.status).toBe('implemented');
    expect(after.flags.map((f: { kind: string }) => f.kind)).toEqual(['ineffective']);
    const [flag] = await flags('active=true&kind=ineffective&team=payments');
    expect(flag).toMatchObject({
      actionId,
      kind: 'ineffective',
      raisedAt: iso(SHIPPED + 4 * DAY),
      clearedAt: null,
      reason: expect.any(String),
    });
  });

  it('keeps a verified action verified and flags it regressed after two successful checks off the goal', async () => {
    const { actionId } = await actionWith({ datasource: 'prom', query: 'checkout_latency_ms{service="regressing"}' });
    const res = await editor.post(`${ACTIONS}/${actionId}/backfill`, {
      from: iso(SHIPPED + DAY),
      to: iso(SHIPPED + 7 * DAY),
      every: '12h',
    });
    expectStatus(res, 200);
    const verdicts = (await evaluations(actionId))
      .reverse()
      .map((c) => `${(Date.parse(c.at) - SHIPPED) / HOUR}h ${c.verdict}`);
    // The window at 6d still holds a quarter day of the fix (improving); from 6.5d on it is all regression.
    expect(verdicts.slice(-5)).toEqual(['120h met', '132h met', '144h improving', '156h not_met', '168h not_met']);
    const after = await action(actionId);
    expect(after).toMatchObject({ status: 'verified', closedAt: iso(SHIPPED + 3 * DAY), verification: 'telemetry' });
    expect(after.flags).toMatchObject([{ kind: 'regressed', raisedAt: iso(SHIPPED + 156 * HOUR) }]);
  });

  it('says no_telemetry after three checks of a query naming a metric that does not exist', async () => {
    const { actionId } = await actionWith(
      { datasource: 'prom', query: 'checkout_latency_typo_ms{service="fixed"}' },
      false,
    );
    await run(actionId, MIDNIGHT - 3 * HOUR);
    await run(actionId, MIDNIGHT - 2 * HOUR);
    expect((await action(actionId)).flags).toEqual([]);
    await run(actionId, MIDNIGHT - HOUR);
    expect((await evaluations(actionId)).map((c) => c.verdict)).toEqual(['no_data', 'no_data', 'no_data']);
    expect((await action(actionId)).flags).toMatchObject([{ kind: 'no_telemetry', raisedAt: iso(MIDNIGHT - HOUR) }]);
  });

  it('makes a query returning two series an error check naming both', async () => {
    const { actionId } = await actionWith({ datasource: 'prom', query: 'split_metric' });
    const summary = await run(actionId, SHIPPED + DAY);
    expect(summary).toEqual({ scored: 1, skipped: 0, errors: 1 });
    const [check] = await evaluations(actionId);
    expect(check).toMatchObject({ verdict: 'error', value: null, progress: null });
    expect(check.error).toContain('shard="a"');
    expect(check.error).toContain('shard="b"');
  });

  it('turns an unreachable datasource into error checks and a source_error flag, never a verdict about the fix', async () => {
    // Open for 20 days without a status change: stalled, were errors evidence of no progress.
    const { actionId } = await actionWith({ datasource: 'down', query: 'checkout_latency_ms' }, false);
    for (const hours of [3, 2, 1]) await run(actionId, MIDNIGHT - hours * HOUR);
    const checks = await evaluations(actionId);
    expect(checks.map((c) => c.verdict)).toEqual(['error', 'error', 'error']);
    expect(checks[0].error).toMatch(/unreachable/);
    const after = await action(actionId);
    expect(after.status).toBe('open');
    expect(after.flags.map((f: { kind: string }) => f.kind)).toEqual(['source_error']);
    expect(await flags(`active=true&kind=stalled`)).toEqual([]);
  });

  it('flags an action without metrics as overdue and stalled on its dates alone, and clears the flags once it is closed', async () => {
    const before = Date.now();
    const created = await editor.post(ACTIONS, {
      title: 'Write the runbook',
      ownerTeam: 'docs',
      openedAt: iso(OPENED),
      dueAt: iso(OPENED + 5 * DAY),
    });
    expectStatus(created, 201);
    const actionId = created.body.id;
    // Judged as it is created.
    expect(created.body.flags.map((f: { kind: string }) => f.kind).sort()).toEqual(['overdue', 'stalled']);
    expect(created.body.flags.every((f: { raisedAt: string }) => Date.parse(f.raisedAt) >= before)).toBe(true);
    // A pass dated an hour before midnight decides from its own time on: the same two flags, once
    // each, raised at that time.
    expect(await run(actionId, MIDNIGHT - HOUR)).toEqual({ scored: 0, skipped: 0, errors: 0 });
    const raised = await flags('active=true&team=docs');
    expect(raised.map((f) => f.kind).sort()).toEqual(['overdue', 'stalled']);
    expect(raised.every((f) => f.actionId === actionId && f.raisedAt === iso(MIDNIGHT - HOUR))).toBe(true);
    // Closing it clears them in the same request; a pass after that changes nothing.
    const closed = await editor.patch(`${ACTIONS}/${actionId}`, { status: 'wont_fix' });
    expectStatus(closed, 200);
    expect(closed.body.flags).toEqual([]);
    const res = await scorer.post('/api/v1/scoring/run', { actionIds: [actionId] });
    expectStatus(res, 200);
    expect(await flags('active=true&team=docs')).toEqual([]);
    const cleared = await flags('active=false&team=docs');
    expect(cleared.map((f) => f.kind).sort()).toEqual(['overdue', 'stalled']);
    expect(cleared.every((f) => f.clearedAt !== null)).toBe(true);
    expect((await viewer.get('/api/v1/flags?kind=late')).status).toBe(400);
  });

  it('skips a slot already scored, and refuses what is not allowed', async () => {
    const { actionId } = await actionWith({ datasource: 'prom', query: 'checkout_latency_ms{service="fixed"}' });
    expect(await run(actionId, SHIPPED + DAY + 10 * 60_000)).toEqual({ scored: 1, skipped: 0, errors: 0 });
    // Same hour, so the same slot of a 1h metric.
    expect(await run(actionId, SHIPPED + DAY + 50 * 60_000)).toEqual({ scored: 0, skipped: 1, errors: 0 });
    expect((await viewer.post('/api/v1/scoring/run', {})).status).toBe(403);
    expect((await editor.post('/api/v1/scoring/run', {})).status).toBe(403);
    expect((await scorer.post('/api/v1/scoring/run', { unknown: 1 })).status).toBe(400);
    const tooMany = await editor.post(`${ACTIONS}/${actionId}/backfill`, {
      from: iso(SHIPPED),
      to: iso(MIDNIGHT),
      every: '1m',
    });
    expectStatus(tooMany, 400);
    expect(tooMany.body.message).toMatch(/5000/);
  });

  it('pages evaluations newest first', async () => {
    const { actionId } = await actionWith({ datasource: 'prom', query: 'checkout_latency_ms{service="fixed"}' });
    expectStatus(
      await editor.post(`${ACTIONS}/${actionId}/backfill`, {
        from: iso(SHIPPED + DAY),
        to: iso(SHIPPED + 2 * DAY),
        every: '6h',
      }),
      200,
    );
    const first = await viewer.get(`${ACTIONS}/${actionId}/evaluations?limit=3`);
    expectStatus(first, 200);
    expect(first.body.items.map((c: any) => c.at)).toEqual([
      iso(SHIPPED + 2 * DAY),
      iso(SHIPPED + 42 * HOUR),
      iso(SHIPPED + 36 * HOUR),
    ]);
    const second = await viewer.get(`${ACTIONS}/${actionId}/evaluations?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c: any) => c.at)).toEqual([iso(SHIPPED + 30 * HOUR), iso(SHIPPED + DAY)]);
    expect(second.body.nextCursor).toBeNull();
  });

  describe('attaching and previewing', () => {
    it('refuses a query the datasource rejects with its own message, and attaches to an unreachable one', async () => {
      const created = await editor.post(ACTIONS, { title: 'Tune the pool', ownerTeam: 'payments' });
      const bad = await editor.post(`${ACTIONS}/${created.body.id}/metrics`, {
        ...METRIC,
        datasource: 'prom',
        query: 'sum(rate(x[5m])',
      });
      expectStatus(bad, 400);
      expect(bad.body.message).toMatch(/^query: .*parse error/);
      expectStatus(
        await editor.post(`${ACTIONS}/${created.body.id}/metrics`, { ...METRIC, datasource: 'down', query: 'up' }),
        201,
      );
    });

    it('previews a definition without saving it', async () => {
      const res = await editor.post('/api/v1/metrics/preview', {
        ...METRIC,
        datasource: 'prom',
        query: 'checkout_latency_ms{service="fixed"}',
        baselineEnd: iso(SHIPPED - HOUR),
        implementedAt: iso(SHIPPED),
        at: iso(SHIPPED + 2 * DAY),
      });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({
        baseline: 400,
        value: 200,
        goal: 300,
        progress: 1,
        verdict: 'met',
        pValue: null,
        windowStart: iso(SHIPPED + DAY),
        windowEnd: iso(SHIPPED + 2 * DAY),
        error: null,
      });
      expect(res.body.points.length).toBeGreaterThan(100);
      expect(res.body.points[0]).toEqual({ at: iso(SHIPPED + DAY), value: 200 });
      expect(
        (await viewer.post('/api/v1/metrics/preview', { ...METRIC, datasource: 'prom', query: 'up' })).status,
      ).toBe(403);
      const selector = { metric: 'http.server.request.duration', statistic: 'p99' };
      // A selector on the built-in otlp datasource previews too: nothing was pushed, so no data.
      const otel = await editor.post('/api/v1/metrics/preview', { ...METRIC, datasource: 'otel', selector });
      expectStatus(otel, 200);
      expect(otel.body).toMatchObject({
        verdict: 'no_data',
        value: null,
        points: [],
        error: expect.stringMatching(/^no data in the window/),
      });
    });
  });

  itOnPostgres(database, "takes over a crashed scorer's expired lease and leaves a live one alone", async () => {
    const crashed = await actionWith({ datasource: 'prom', query: 'checkout_latency_ms{service="fixed"}' });
    const busy = await actionWith({ datasource: 'prom', query: 'checkout_latency_ms{service="fixed"}' });
    await withClient(service.database!.url, async (c) => {
      const lease = `UPDATE success_metrics SET lease_owner = 'another-scorer', lease_expires_at = now() + $2::interval WHERE id = $1`;
      await c.query(lease, [crashed.metricId, '-1 minute']);
      await c.query(lease, [busy.metricId, '5 minutes']);
    });
    expect(await run(crashed.actionId, SHIPPED + DAY)).toEqual({ scored: 1, skipped: 0, errors: 0 });
    expect(await run(busy.actionId, SHIPPED + DAY)).toEqual({ scored: 0, skipped: 0, errors: 0 });
    await withClient(service.database!.url, async (c) => {
      const rows = await c.query(
        'SELECT id, lease_owner, next_check_at FROM success_metrics WHERE id = ANY($1::uuid[])',
        [[crashed.metricId, busy.metricId]],
      );
      const byId = Object.fromEntries(rows.rows.map((r: any) => [r.id, r]));
      expect(byId[crashed.metricId]).toMatchObject({
        lease_owner: null,
        next_check_at: new Date(SHIPPED + DAY + HOUR),
      });
      expect(byId[busy.metricId]).toMatchObject({ lease_owner: 'another-scorer', next_check_at: null });
    });
  });

  itOnPostgres(database, 'scores every slot exactly once with two scorers running at once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++)
      ids.push((await actionWith({ datasource: 'prom', query: 'checkout_latency_ms{service="fixed"}' })).actionId);
    const env = {
      DATABASE_URL: service.database!.url,
      REMEDIATION_DATASOURCES: service.environment().REMEDIATION_DATASOURCES,
      REMEDIATION_DATA_DIR: service.dataDir,
      REMEDIATION_SCHEDULER: 'off',
      LOG_LEVEL: 'info',
    };
    const [a, b] = await Promise.all([
      runToExit(SCORER_ENTRY, ['--once'], env),
      runToExit(SCORER_ENTRY, ['--once'], env),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    await withClient(service.database!.url, async (c) => {
      const duplicates = await c.query(
        'SELECT metric_id, slot, count(*) FROM evaluations GROUP BY metric_id, slot HAVING count(*) > 1',
      );
      expect(duplicates.rows).toEqual([]);
      const scored = await c.query(
        "SELECT count(DISTINCT metric_id)::int AS n FROM evaluations WHERE action_id = ANY($1::uuid[]) AND at > now() - interval '5 minutes'",
        [ids],
      );
      expect(scored.rows[0].n).toBe(12);
      // Both scorers gave back what they claimed (the lease planted by the test before is not theirs).
      const leases = await c.query(
        `SELECT count(*)::int AS n FROM success_metrics WHERE lease_owner IS NOT NULL AND lease_owner <> 'another-scorer'`,
      );
      expect(leases.rows[0].n).toBe(0);
    });
    // A third pass finds nothing due: every metric's next check is in the next slot.
    const third = await runToExit(SCORER_ENTRY, ['--once'], env);
    expect(third.code).toBe(0);
    expect(third.output).toMatch(/one pass: 0 scored/);
  });
});
