import { afterAll, beforeAll, expect, it } from '@jest/globals';
import {
  describeEachDatabase,
  expectStatus,
  HttpClient,
  ScoringApi,
  ServiceProcess,
  type DatabaseChoice,
} from '@app/testing';
import { DAY, HOUR, iso, MIDNIGHT, MINUTE } from '@app/testing/scenario-clock';
import { ar1Samples, generateSamples, prometheusForFile, type ScenarioSeries } from '@app/testing/prometheus';
import { expectMentioned } from '@app/testing/numbers-in-text';

/*
 * Verdicts that explain themselves (docs/scoring.md, "Reasons") and the improvement that came
 * before the fix (docs/scoring.md, "Improved before the fix"): every evaluation says in words what
 * it measured against what; an action whose metric had already reached its goal before the fix
 * shipped carries an `improved_before_fix` flag naming the metric, the pre-fix value and the goal.
 */

const ACTIONS = '/api/v1/actions';
const OPENED = MIDNIGHT - 40 * DAY;
const FIX = MIDNIGHT - 20 * DAY;
const GRID = { from: OPENED - 15 * DAY, to: MIDNIGHT, stepMs: 5 * MINUTE };

/** 400 before the improvement, 250 from `at` on: a goal of 300 (25% below 400) is met from then. */
const improvedAt = (at: number) => (t: number) => (t < at ? 400 : 250);
/**
 * 400 before the fix; 350 for five days (improving, half way to 300); 410 for five more (worse than
 * the baseline: not met); 262.5 from then (met).
 */
const mixed = (t: number) => (t < FIX ? 400 : t < FIX + 5 * DAY ? 350 : t < FIX + 10 * DAY ? 410 : 262.5);

const NOISE = { correlationTimeMs: 3 * HOUR, mean: 0.5, sd: 0.05 };

const SERIES: ScenarioSeries[] = [
  { name: 'pay_latency_ms', labels: { case: 'early' }, samples: generateSamples(GRID, improvedAt(FIX - 15 * DAY)) },
  { name: 'pay_latency_ms', labels: { case: 'caused' }, samples: generateSamples(GRID, improvedAt(FIX)) },
  { name: 'pay_latency_ms', labels: { case: 'mixed' }, samples: generateSamples(GRID, mixed) },
  {
    name: 'pay_latency_seconds',
    labels: { case: 'noisy' },
    samples: ar1Samples(GRID, { ...NOISE, seed: 77, shift: (at) => (at >= FIX ? -NOISE.sd : 0) }),
  },
];
const prometheus = prometheusForFile({ series: SERIES, now: MIDNIGHT });

const LATENCY = {
  datasource: 'prom',
  direction: 'decrease',
  target: { relativePercent: 25 },
  baselineWindow: '7d',
  evaluationWindow: '2d',
  sustainFor: '2d',
  verifyWithin: '30d',
};

describeEachDatabase('verdicts that explain themselves', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  let scorer: HttpClient;

  beforeAll(async () => {
    const datasources = [{ name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 }];
    service = await ServiceProcess.start({ database, datasources });
    ({ editor, viewer, scorer } = await service.clientsFor({ editor: 'sre', viewer: 'dashboard', scorer: 'cron' }));
  }, 60_000);
  afterAll(async () => {
    await service?.destroy();
  });

  const api = (): ScoringApi => new ScoringApi(viewer, scorer);

  async function shippedAction(ownerTeam: string, metric: Record<string, unknown>): Promise<string> {
    const created = await editor.post(ACTIONS, {
      title: 'Batch the ledger writes',
      ownerTeam,
      openedAt: iso(OPENED),
      status: 'implemented',
      implementedAt: iso(FIX),
    });
    expectStatus(created, 201);
    const actionId = created.body.id;
    expectStatus(await editor.post(`${ACTIONS}/${actionId}/metrics`, metric), 201);
    return actionId;
  }

  async function replay(actionId: string, days: number): Promise<void> {
    const res = await editor.post(`${ACTIONS}/${actionId}/backfill`, {
      from: iso(FIX),
      to: iso(FIX + days * DAY),
      every: '1d',
    });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ slots: days + 1, scored: days + 1, errors: 0, failed: 0 });
  }

  async function flagsOf(team: string, active?: boolean): Promise<any[]> {
    const activeParam = active === undefined ? '' : `&active=${active}`;
    const res = await viewer.get(`/api/v1/flags?kind=improved_before_fix&team=${team}${activeParam}`);
    expectStatus(res, 200);
    return res.body.items;
  }

  it('flags an action whose metric had reached its goal 15 days before the fix shipped, and still verifies it', async () => {
    const name = 'payment latency (early)';
    const actionId = await shippedAction('ibf-early', { ...LATENCY, name, query: 'pay_latency_ms{case="early"}' });
    await replay(actionId, 6);

    const flags = await flagsOf('ibf-early', true);
    expect(flags).toHaveLength(1);
    const [flag] = flags;
    expect(flag).toMatchObject({ actionId, kind: 'improved_before_fix', clearedAt: null });
    // Judged at checks from the fix on, never before it.
    expect(Date.parse(flag.raisedAt)).toBeGreaterThanOrEqual(FIX);
    expect(Date.parse(flag.raisedAt)).toBeLessThanOrEqual(FIX + 6 * DAY);
    // The pre-fix window [fix − 2d, fix] averaged 250 against a goal of 300 (25% below 400).
    expect(flag.reason).toContain(name);
    expectMentioned(flag.reason, 250);
    expectMentioned(flag.reason, 300);

    // It blocks nothing: the goal held after the fix, so the action verified, and the flag stays on it.
    const action = await api().action(actionId);
    expect(action).toMatchObject({ status: 'verified', verification: 'telemetry', closedAt: iso(FIX + 3 * DAY) });
    expect(action.flags.map((f: any) => f.kind)).toContain('improved_before_fix');
  });

  it('does not flag a fix that caused its own improvement', async () => {
    const query = 'pay_latency_ms{case="caused"}';
    const actionId = await shippedAction('ibf-caused', { ...LATENCY, name: 'payment latency (caused)', query });
    await replay(actionId, 6);
    const action = await api().action(actionId);
    expect(action).toMatchObject({ status: 'verified', closedAt: iso(FIX + 3 * DAY) });
    expect(action.flags.map((f: any) => f.kind)).not.toContain('improved_before_fix');
    // Never raised, not even for a while.
    expect(await flagsOf('ibf-caused')).toEqual([]);
  });

  it('explains every verdict in one sentence with its value and goal; no test ran without confidence', async () => {
    const actionId = await shippedAction('reasons-mixed', {
      ...LATENCY,
      name: 'payment latency (mixed)',
      query: 'pay_latency_ms{case="mixed"}',
    });
    await replay(actionId, 14);
    const checks = (await api().evaluations(actionId)).reverse();
    expect(checks).toHaveLength(15);
    // The series walks through every verdict a check with data can have.
    expect(new Set(checks.map((c) => c.verdict))).toEqual(new Set(['pending', 'improving', 'not_met', 'met']));
    for (const check of checks) {
      expect(typeof check.reason).toBe('string');
      expect(check.reason.trim()).not.toBe('');
      expect(check).toMatchObject({ pValue: null, effectiveSamples: null });
      if (check.verdict === 'pending') continue;
      expect(check.goal).toBe(300);
      expectMentioned(check.reason, check.value);
      expectMentioned(check.reason, check.goal);
    }
    // The action's page shows the latest reason of each metric.
    const [metric] = (await api().action(actionId)).metrics;
    expect(metric.latest.reason).toBe(checks.at(-1).reason);
  });

  it('reports the p-value and the independent units of the test, with the baseline frozen, where confidence is set', async () => {
    const actionId = await shippedAction('reasons-noisy', {
      name: 'payment latency (noisy)',
      datasource: 'prom',
      query: 'pay_latency_seconds{case="noisy"}',
      direction: 'decrease',
      target: { relativePercent: 1 },
      confidence: 0.95,
    });
    await replay(actionId, 14);
    const checks = (await api().evaluations(actionId)).reverse();
    const judged = checks.filter((c) => ['met', 'improving', 'not_met'].includes(c.verdict));
    // Pending for half the 7-day window, judged from then on.
    expect(judged).toHaveLength(11);
    const baselineUnits = judged[0].effectiveSamples.baseline;
    // At least 5 blocks a side; the 14-day baseline at no more than 200 blocks.
    expect(Number.isInteger(baselineUnits)).toBe(true);
    expect(baselineUnits).toBeGreaterThanOrEqual(5);
    expect(baselineUnits).toBeLessThanOrEqual(200);
    for (const check of judged) {
      expect(check.reason.trim()).not.toBe('');
      expectMentioned(check.reason, check.value);
      expectMentioned(check.reason, check.goal);
      const { window, baseline } = check.effectiveSamples;
      // The baseline's blocks are chosen once and frozen with it.
      expect(baseline).toBe(baselineUnits);
      expect(Number.isInteger(window)).toBe(true);
      if (window >= 5) {
        expect(check.pValue).toBeGreaterThanOrEqual(0);
        expect(check.pValue).toBeLessThanOrEqual(1);
        expect(check.reason).toMatch(/p[- ]?value|\bp\s*[=<≤]/i);
        expect(check.reason).toContain(String(window));
      } else {
        // Too few independent units: no p-value, and the check cannot be met.
        expect(check.pValue).toBeNull();
        expect(check.verdict).not.toBe('met');
      }
    }
    // A full 7-day window always has enough blocks for the test (blocks of at least 4 × 3 hours).
    expect(judged.at(-1).effectiveSamples.window).toBeGreaterThanOrEqual(5);
    // The window's units grow with the window until it is 7 days long.
    const windows = judged.map((c) => c.effectiveSamples.window);
    expect(windows).toEqual([...windows].sort((a, b) => a - b));
  });

  it('says why a check has no data, and explains a preview as its check would', async () => {
    const actionId = await shippedAction('reasons-missing', {
      ...LATENCY,
      name: 'payment latency (missing)',
      query: 'pay_latency_ms{case="missing"}',
    });
    expect(await api().run(actionId, FIX + 3 * DAY)).toMatchObject({ scored: 1 });
    const [check] = await api().evaluations(actionId);
    expect(check.verdict).toBe('no_data');
    expect(check.reason.trim()).not.toBe('');

    const res = await editor.post('/api/v1/metrics/preview', {
      ...LATENCY,
      name: 'payment latency (mixed)',
      query: 'pay_latency_ms{case="mixed"}',
      actionId,
      at: iso(FIX + 3 * DAY),
    });
    expectStatus(res, 200);
    // The window [fix + 1d, fix + 3d] holds 350 throughout: half way from 400 to the goal 300.
    expect(res.body).toMatchObject({ verdict: 'improving', value: 350, goal: 300 });
    expectMentioned(res.body.reason, 350);
    expectMentioned(res.body.reason, 300);
  });
});
