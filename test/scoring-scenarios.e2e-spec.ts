import { afterAll, beforeAll, expect, it } from '@jest/globals';
import {
  describeEachDatabase,
  expectStatus,
  HttpClient,
  ScoringApi,
  ServiceProcess,
  type DatabaseChoice,
} from '@app/testing';
import { implementAction, SUSTAINED_LATENCY_METRIC } from '@app/testing/scenario-seed';
import { DAY, HOUR, iso, MIDNIGHT, MINUTE } from '@app/testing/scenario-clock';
import { generateSamples, prometheusForFile, relativeGrid, type ScenarioSeries } from '@app/testing/prometheus';
import { blockMeans, blockSignificance, correlationTimeMs, mannWhitneyPValue, testBlockMs } from '@app/scoring';

/*
 * Scoring scenarios against a real Prometheus holding 60 days of data before the test's clock:
 * significance on noisy data, `increase` metrics, a late-attached metric's replayed history, a
 * stalled action whose metric stays flat, and re-validation of a query changed by PATCH.
 * (Verification, ineffective `decrease`, regressed, no_telemetry, several series, an unreachable
 * datasource and the no-metric stall are in scoring-outcomes.e2e-spec.ts.)
 */

const ACTIONS = '/api/v1/actions';
const OPENED = MIDNIGHT - 40 * DAY;
/** Three weeks ago. */
const SHIPPED = MIDNIGHT - 21 * DAY;
const sixtyDays = (stepMs: number) => relativeGrid(MIDNIGHT, { fromAgoMs: 60 * DAY, stepMs });
const mod = (k: number, n: number) => ((k % n) + n) % n;

// --- noisy data, few samples: the goal is reached on average but not significantly ------------
// Sampled (and queried, step 6h) every 6 hours, so a 2-day range holds exactly 9 points.
// The baseline range [OPENED − 2d, OPENED] holds FEW_BASELINE (mean 100 ⇒ goal −10% = 90) and the
// window [SHIPPED, SHIPPED + 2d] holds FEW_WINDOW (mean 801 / 9 = 89 ≤ 90: met on value alone).
// No value is shared, so with 9 + 9 values the p-value is exact: U (pairs with the window value
// above the baseline one) = 0+8+2+6+4+1+7+3+0 = 31 against a null mean of 40.5 (sd ≈ 11.3): the
// window is lower by less than one standard deviation's worth, and P(U ≤ 31) = 10,606 of the
// C(18, 9) = 48,620 equally likely orderings ≈ 0.218 — nowhere near < 0.05 (exactLowerTailCount).
const FEW_BASELINE = [60, 140, 80, 120, 100, 70, 130, 90, 110];
const FEW_WINDOW = [55, 135, 75, 115, 95, 65, 125, 85, 51];
const FEW_STEP = 6 * HOUR;
function fewValue(t: number): number {
  return t < SHIPPED
    ? FEW_BASELINE[mod((t - (OPENED - 2 * DAY)) / FEW_STEP, 9)]
    : FEW_WINDOW[mod((t - SHIPPED) / FEW_STEP, 9)];
}

// --- noisy data, many samples: a clear shift -------------------------------------------------
// Every 15 minutes (193 points in 2 days), integer noise in [−40, 40] around 100 before the fix and
// around 70 after: the two ranges overlap a lot sample by sample, but 193 against 193 values with
// the centre moved by 30 (about 1.3 noise standard deviations of ≈ 23.7) is overwhelming evidence.
const MANY_STEP = 15 * MINUTE;
function noise(t: number): number {
  return ((Math.imul(t / MINUTE, 2654435761) >>> 0) % 81) - 40;
}
function manyValue(t: number): number {
  return (t < SHIPPED ? 100 : 70) + noise(t);
}

/** 400 before the fix, then down 30 a day until 200, then flat: a fix that takes a week to land. */
function lateValue(t: number): number {
  return t < SHIPPED ? 400 : Math.max(200, 400 - (30 * (t - SHIPPED)) / DAY);
}

/** 400 before the action opened, then stuck at 380 (progress 0.2 to a goal of 300), then 330 (0.7) from 3 days ago. */
function stallValue(t: number): number {
  return t < OPENED + 2 * DAY ? 400 : t < MIDNIGHT - 3 * DAY ? 380 : 330;
}

const every5m = sixtyDays(5 * MINUTE);
const SERIES: ScenarioSeries[] = [
  { name: 'noisy_latency_ms', labels: { case: 'few' }, samples: generateSamples(sixtyDays(FEW_STEP), fewValue) },
  { name: 'noisy_latency_ms', labels: { case: 'many' }, samples: generateSamples(sixtyDays(MANY_STEP), manyValue) },
  {
    name: 'orders_per_minute',
    labels: { service: 'boosted' },
    samples: generateSamples(every5m, (t) => (t < SHIPPED ? 100 : 150)),
  },
  {
    name: 'orders_per_minute',
    labels: { service: 'nudged' },
    samples: generateSamples(every5m, (t) => (t < SHIPPED ? 100 : 105)),
  },
  { name: 'late_latency_ms', samples: generateSamples(every5m, lateValue) },
  { name: 'stall_latency_ms', samples: generateSamples(every5m, stallValue) },
];

/** The values a range query at `stepMs` over [start, end] returns (the grid is aligned to the step). */
/**
 * The block test (docs/scoring.md, "Significance") on the few-samples case, from the library's own
 * steps: the baseline's correlation time and block length, then block means of both ranges.
 */
function fewBlockTest(): ReturnType<typeof blockSignificance> {
  const baselineRange = { start: OPENED - 2 * DAY, end: OPENED };
  const windowRange = { start: SHIPPED, end: SHIPPED + 2 * DAY };
  const samplesOf = (range: { start: number; end: number }) =>
    generateSamples({ from: range.start, to: range.end, stepMs: FEW_STEP }, fewValue);
  const baseline = samplesOf(baselineRange);
  const correlation = correlationTimeMs(baseline);
  const blockMs = testBlockMs(correlation, FEW_STEP, 2 * DAY);
  return blockSignificance(
    'decrease',
    blockMeans(samplesOf(windowRange), windowRange, blockMs),
    blockMeans(baseline, baselineRange, blockMs),
    { blockMs, correlationTimeMs: correlation },
  );
}

function valuesAt(start: number, end: number, stepMs: number, value: (t: number) => number): number[] {
  return generateSamples({ from: start, to: end, stepMs }, value).map((s) => s.value);
}
/**
 * An independent check of the library's exact test: the number of orderings of n window and m
 * baseline values (no ties) whose U (pairs with the window value above the baseline one) is ≤ u.
 * The largest value is either a window value (above all m baseline values: U − m remains) or not.
 */
function exactLowerTailCount(n: number, m: number, u: number): number {
  if (u < 0) return 0;
  if (n === 0 || m === 0) return 1;
  return exactLowerTailCount(n - 1, m, u - m) + exactLowerTailCount(n, m - 1, u);
}
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

const prometheus = prometheusForFile({ series: SERIES, now: MIDNIGHT });

describeEachDatabase('scoring scenarios', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let scorer: HttpClient;

  beforeAll(async () => {
    const datasources = [
      { name: 'prometheus', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 },
      { name: 'down', type: 'prometheus', url: 'http://127.0.0.1:9', timeoutMs: 1000 },
    ];
    service = await ServiceProcess.start({ database, datasources });
    ({ editor, scorer } = await service.clientsFor({ editor: 'sre', scorer: 'cron' }));
  }, 60_000);
  afterAll(async () => {
    await service?.destroy();
  });

  /** An action opened 40 days ago (no post-mortem: its baseline ends at openedAt), shipped 3 weeks ago unless `shipped` is false. */
  async function createAction(ownerTeam: string, shipped = true): Promise<string> {
    const created = await editor.post(ACTIONS, { title: 'Fix the checkout path', ownerTeam, openedAt: iso(OPENED) });
    expectStatus(created, 201);
    const actionId = created.body.id;
    if (shipped) await implementAction(editor, actionId, SHIPPED);
    return actionId;
  }

  async function attach(actionId: string, metric: Record<string, unknown>): Promise<string> {
    const added = await editor.post(`${ACTIONS}/${actionId}/metrics`, {
      datasource: 'prometheus',
      checkEvery: '1h',
      ...metric,
    });
    expectStatus(added, 201);
    return added.body.id;
  }

  const api = (): ScoringApi => new ScoringApi(editor, scorer);
  const run = (actionId: string, at: number): Promise<any> => api().run(actionId, at);
  const evaluations = (actionId: string): Promise<any[]> => api().evaluations(actionId);
  const action = (actionId: string): Promise<any> => api().action(actionId);

  const NOISY = {
    name: 'checkout latency',
    direction: 'decrease',
    target: { relativePercent: 10 },
    baselineWindow: '2d',
    baselineEnd: iso(OPENED),
    evaluationWindow: '2d',
    // Verify at the first met check: each case is judged by one check at SHIPPED + 2d.
    sustainFor: '0s',
    verifyWithin: '30d',
  };

  it('keeps a goal reached on noisy data unverified while it is not significant, and verifies the same data without confidence', async () => {
    const baseline = valuesAt(OPENED - 2 * DAY, OPENED, FEW_STEP, fewValue);
    const window = valuesAt(SHIPPED, SHIPPED + 2 * DAY, FEW_STEP, fewValue);
    // The data is what the comment above reasons about.
    expect(baseline).toEqual(FEW_BASELINE);
    expect(window).toEqual(FEW_WINDOW);
    expect(mean(window)).toBe(89);
    const u = window.reduce((sum, w) => sum + baseline.filter((b) => w > b).length, 0);
    expect(u).toBe(31);
    expect(exactLowerTailCount(9, 9, u)).toBe(10_606);
    const expectedP = mannWhitneyPValue('decrease', window, baseline)!;
    expect(expectedP).toBeCloseTo(10_606 / 48_620, 12);

    const query = 'noisy_latency_ms{case="few"}';
    const significant = await createAction('noisy-few');
    const metricId = await attach(significant, { ...NOISY, query, step: '6h', confidence: 0.95 });
    expect(await run(significant, SHIPPED + 2 * DAY)).toEqual({ scored: 1, skipped: 0, errors: 0 });
    const [check] = await evaluations(significant);
    expect(check).toMatchObject({ metricId, value: 89, baseline: 100, goal: 90, progress: 1, samples: 9, error: null });
    // At the goal (progress 1) but not significant: not met, so `improving` by its progress.
    expect(check.verdict).not.toBe('met');
    expect(check.verdict).toBe('improving');
    expect(check.pValue).toBeGreaterThanOrEqual(0.05);
    // The test compares block means of the length frozen with the baseline, not raw samples.
    const blockTest = fewBlockTest();
    expect(blockTest.effectiveSamples.window).toBeGreaterThanOrEqual(5);
    expect(check.effectiveSamples).toEqual(blockTest.effectiveSamples);
    expect(check.pValue).toBeCloseTo(blockTest.pValue!, 10);
    // Rank for rank the same data as the plain test on raw samples, which was no more convinced.
    expect(expectedP).toBeGreaterThanOrEqual(0.05);
    const after = await action(significant);
    expect(after.status).toBe('implemented');
    expect(after.metrics[0].metSince).toBeNull();

    const plain = await createAction('noisy-few');
    await attach(plain, { ...NOISY, query, step: '6h' });
    await run(plain, SHIPPED + 2 * DAY);
    const [plainCheck] = await evaluations(plain);
    expect(plainCheck).toMatchObject({ verdict: 'met', value: 89, baseline: 100, goal: 90, pValue: null });
    expect(await action(plain)).toMatchObject({
      status: 'verified',
      verification: 'telemetry',
      closedAt: iso(SHIPPED + 2 * DAY),
    });
  });

  it('verifies noisy data whose shift is significant with many samples', async () => {
    const baseline = valuesAt(OPENED - 2 * DAY, OPENED, MANY_STEP, manyValue);
    const window = valuesAt(SHIPPED, SHIPPED + 2 * DAY, MANY_STEP, manyValue);
    expect([baseline.length, window.length]).toEqual([193, 193]);
    // Noisy indeed: most window values lie inside the baseline's range.
    const [low, high] = [Math.min(...baseline), Math.max(...baseline)];
    expect(window.filter((v) => v >= low && v <= high).length).toBeGreaterThan(window.length / 2);
    const expectedP = mannWhitneyPValue('decrease', window, baseline)!;
    expect(expectedP).toBeLessThan(1e-6);
    expect(mean(window)).toBeLessThanOrEqual(mean(baseline) * 0.9);

    const actionId = await createAction('noisy-many');
    await attach(actionId, { ...NOISY, query: 'noisy_latency_ms{case="many"}', step: '15m', confidence: 0.95 });
    await run(actionId, SHIPPED + 2 * DAY);
    const [check] = await evaluations(actionId);
    expect(check).toMatchObject({ verdict: 'met', progress: 1, samples: 193 });
    expect(check.value).toBeCloseTo(mean(window), 9);
    expect(check.baseline).toBeCloseTo(mean(baseline), 9);
    expect(check.pValue).toBeCloseTo(expectedP, 12);
    expect(await action(actionId)).toMatchObject({
      status: 'verified',
      verification: 'telemetry',
      closedAt: iso(SHIPPED + 2 * DAY),
    });
  });

  const THROUGHPUT = {
    name: 'orders per minute',
    direction: 'increase',
    target: { relativePercent: 20 },
    baselineWindow: '7d',
    evaluationWindow: '1d',
    sustainFor: '2d',
    verifyWithin: '3d',
  };

  it('verifies an increase metric that rose by its relativePercent', async () => {
    const actionId = await createAction('throughput');
    const metricId = await attach(actionId, { ...THROUGHPUT, query: 'orders_per_minute{service="boosted"}' });
    const res = await editor.post(`${ACTIONS}/${actionId}/backfill`, {
      from: iso(SHIPPED + DAY),
      to: iso(SHIPPED + 4 * DAY),
      every: '1d',
    });
    expectStatus(res, 200);
    expect(res.body).toEqual({ slots: 4, scored: 4, skipped: 0, errors: 0, failed: 0, firstError: null });
    const checks = await evaluations(actionId);
    expect(checks.map((c) => c.verdict)).toEqual(['met', 'met', 'met', 'met']);
    // 100 → 150 against a goal of 100 × 1.2.
    expect(checks[0]).toMatchObject({ value: 150, baseline: 100, goal: 120, progress: 1 });
    const after = await action(actionId);
    expect(after).toMatchObject({
      status: 'verified',
      verification: 'telemetry',
      closedAt: iso(SHIPPED + 3 * DAY),
      flags: [],
    });
    expect(after.metrics[0]).toMatchObject({ id: metricId, metSince: iso(SHIPPED + DAY) });
  });

  it('flags an increase metric that did not rise enough as ineffective', async () => {
    const actionId = await createAction('throughput-nudged');
    await attach(actionId, { ...THROUGHPUT, query: 'orders_per_minute{service="nudged"}' });
    for (const day of [1, 2, 3, 4]) await run(actionId, SHIPPED + day * DAY);
    const checks = await evaluations(actionId);
    // 100 → 105 of the 20 needed: a quarter of the way, improving but never met.
    expect(checks.map((c) => c.verdict)).toEqual(['improving', 'improving', 'improving', 'improving']);
    expect(checks[0]).toMatchObject({ value: 105, baseline: 100, goal: 120 });
    expect(checks[0].progress).toBeCloseTo(0.25, 10);
    const after = await action(actionId);
    expect(after.status).toBe('implemented');
    expect(after.flags).toMatchObject([{ kind: 'ineffective', raisedAt: iso(SHIPPED + 4 * DAY) }]);
  });

  it('shows the whole trend of a metric attached weeks after the fix, and verifies at the replayed check that proved it', async () => {
    const actionId = await createAction('late');
    // Attached today to an action implemented three weeks ago.
    const metricId = await attach(actionId, {
      query: 'late_latency_ms',
      name: 'checkout latency',
      direction: 'decrease',
      target: { relativePercent: 25 },
      baselineWindow: '7d',
      evaluationWindow: '2d',
      sustainFor: '3d',
      verifyWithin: '14d',
    });
    const res = await editor.post(`${ACTIONS}/${actionId}/backfill`, {
      from: iso(SHIPPED),
      to: iso(Date.now()),
      every: '1d',
    });
    expectStatus(res, 200);
    // SHIPPED, SHIPPED + 1d, …, MIDNIGHT: 22 daily slots.
    expect(res.body).toEqual({ slots: 22, scored: 22, skipped: 0, errors: 0, failed: 0, firstError: null });
    const checks = (await evaluations(actionId)).reverse();
    expect(checks).toHaveLength(22);
    expect(checks.map((c) => c.at)).toEqual(Array.from({ length: 22 }, (_, day) => iso(SHIPPED + day * DAY)));
    expect(checks.every((c) => c.metricId === metricId)).toBe(true);
    // Day 0: the fix just shipped (pending). Days 1–4: the 2-day window (from the fix on) averages
    // about 385, 370, 340, 310 against a goal of 300 (baseline 400): improving. Day 5: the window
    // [3d, 5d] averages 280 — met — and stays met (the latency settles at 200).
    expect(checks.map((c) => c.verdict)).toEqual([
      'pending',
      'improving',
      'improving',
      'improving',
      'improving',
      ...Array(17).fill('met'),
    ]);
    const progress = checks.slice(1, 5).map((c) => c.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[0]).toBeCloseTo(0.15, 1);
    expect(progress[3]).toBeCloseTo(0.9, 1);
    expect(checks[5]).toMatchObject({ value: expect.any(Number), baseline: 400, goal: 300, progress: 1 });
    expect(checks[5].value).toBeCloseTo(280, 0);
    // Met since day 5, sustained 3 days at day 8: verified there, not at the end of the replay.
    const after = await action(actionId);
    expect(after).toMatchObject({
      status: 'verified',
      verification: 'telemetry',
      closedAt: iso(SHIPPED + 8 * DAY),
      flags: [],
    });
    expect(after.metrics[0]).toMatchObject({ metSince: iso(SHIPPED + 5 * DAY), baselineValue: 400 });
  });

  it('flags an action whose metric stays flat as stalled, and clears it when the progress jumps', async () => {
    // Open since OPENED (its statusChangedAt); scored while open, so its window is never cut at a fix.
    const actionId = await createAction('flat', false);
    await attach(actionId, { ...SUSTAINED_LATENCY_METRIC, query: 'stall_latency_ms', verifyWithin: '30d' });
    // Checks every 5 days from 5 days after opening to 5 days ago.
    for (let day = 5; day <= 35; day += 5)
      expect(await run(actionId, OPENED + day * DAY)).toEqual({ scored: 1, skipped: 0, errors: 0 });
    const checks = (await evaluations(actionId)).reverse();
    expect(checks.map((c) => c.verdict)).toEqual(Array(7).fill('improving'));
    expect(checks.every((c) => Math.abs(c.progress - 0.2) < 1e-9)).toBe(true);
    // At 15d the status is 15 days old, but progress 0.2 is a gain over nothing before; at 20d the
    // best of the last 14 days (0.2) is no better than the best before them (0.2 at 5d): stalled.
    let [stalled] = (await action(actionId)).flags;
    expect(stalled).toMatchObject({ kind: 'stalled', raisedAt: iso(OPENED + 20 * DAY), reason: expect.any(String) });
    expect(stalled.reason).toMatch(/^no progress gain ≥ 0\.1 in 14 days: metric .* best 0\.2 recently vs 0\.2 before$/);

    // Three days ago the latency dropped to 330: progress 0.7, a gain of 0.5 over 0.2.
    await run(actionId, MIDNIGHT - DAY);
    const [latest] = await evaluations(actionId);
    expect(latest).toMatchObject({ verdict: 'improving', value: 330 });
    expect(latest.progress).toBeCloseTo(0.7, 10);
    expect((await action(actionId)).flags).toEqual([]);
    const inactive = await editor.get(`/api/v1/flags?active=false&team=flat`);
    expectStatus(inactive, 200);
    // The stall judged on dates alone when the action was created (and cleared when the metric was
    // attached) is not among them: checks dated before it decide the action's history from their
    // time on, as if they had run in time, and in time the metric was there.
    expect(inactive.body.items).toHaveLength(1);
    [stalled] = inactive.body.items;
    expect(stalled).toMatchObject({
      actionId,
      kind: 'stalled',
      raisedAt: iso(OPENED + 20 * DAY),
      clearedAt: iso(MIDNIGHT - DAY),
    });
  });

  it('validates a query changed by PATCH against its datasource exactly as attaching does', async () => {
    const actionId = await createAction('patching', false);
    const metric = { name: 'latency', direction: 'decrease', target: { absolute: 300 } };
    const metricId = await attach(actionId, { ...metric, query: 'late_latency_ms' });
    const path = `${ACTIONS}/${actionId}/metrics/${metricId}`;

    const bad = await editor.patch(path, { query: 'sum(rate(late_latency_ms[5m])' });
    expectStatus(bad, 400);
    expect(bad.body.message).toMatch(/^query: .*parse error/);
    // An instant-only query (a range vector) is refused as on attach.
    const range = await editor.patch(path, { query: 'late_latency_ms[5m]' });
    expectStatus(range, 400);
    expect(range.body.message).toMatch(/^query: .*range vector/);
    expect((await editor.get(path)).body.query).toBe('late_latency_ms');

    const good = await editor.patch(path, { query: 'max(late_latency_ms)' });
    expectStatus(good, 200);
    expect(good.body.query).toBe('max(late_latency_ms)');

    // An unreachable datasource does not block: the query cannot be judged, so it is accepted.
    const moved = await editor.patch(path, { datasource: 'down', query: 'sum(rate(x[5m])' });
    expectStatus(moved, 200);
    // Other fields change without judging the stored query again.
    expectStatus(await editor.patch(path, { name: 'renamed' }), 200);
    // Moving that query to a datasource that can judge it judges it.
    const back = await editor.patch(path, { datasource: 'prometheus' });
    expectStatus(back, 400);
    expect(back.body.message).toMatch(/^query: .*parse error/);
    expect((await editor.get(path)).body).toMatchObject({ datasource: 'down', name: 'renamed' });
  });
});
