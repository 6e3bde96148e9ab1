import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  describeEachDatabase,
  expectStatus,
  HttpClient,
  ScoringApi,
  ServiceProcess,
  type DatabaseChoice,
} from '@app/testing';
import { DAY, HOUR, iso, MIDNIGHT, MINUTE } from '@app/testing/scenario-clock';
import { ar1Samples, prometheusForFile, type ScenarioSeries } from '@app/testing/prometheus';

/*
 * Seasonality (docs/scoring.md, "Seasonality"): a load that is 1.0 on weekdays and 0.6 at weekends,
 * in Berlin's local days, plus a little noise. A fix that does nothing ships on a Friday afternoon;
 * its 3-day window then covers mostly a quiet weekend. Compared like with like (weekly buckets in
 * Europe/Berlin) nothing is met; compared raw, the weekend reads as a 25% improvement — the trap.
 * The same pattern 20% lower from the fix on is a real improvement and verifies.
 */

const ACTIONS = '/api/v1/actions';
const ZONE = 'Europe/Berlin';

const weekdayNames = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, weekday: 'short' });
/** The local day of the week in Berlin (DST included): 0 = Monday … 6 = Sunday. */
function berlinWeekday(at: number): number {
  return ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(weekdayNames.format(at));
}
const isBerlinWeekend = (at: number) => berlinWeekday(at) >= 5;

/**
 * The latest Friday, 12:00 UTC (early afternoon in Berlin), that leaves a week of checks before today;
 * on the replay's 6-hour grid, so every check falls at a known distance from the fix.
 */
const FIX = (() => {
  for (let daysAgo = 8; ; daysAgo++) {
    const at = MIDNIGHT - daysAgo * DAY + 12 * HOUR;
    if (berlinWeekday(at) === 4) return at;
  }
})();
/** The action opened (its baseline of two whole weeks ends) the day before the fix. */
const OPENED = FIX - DAY;
const REPLAY = { from: iso(FIX), to: iso(FIX + 7 * DAY), every: '6h' };
const SLOTS = 29;

const level = (at: number) => (isBerlinWeekend(at) ? 0.6 : 1.0);
const GRID = { from: OPENED - 15 * DAY, to: MIDNIGHT, stepMs: 5 * MINUTE };
const noise = (seed: number, shift: (at: number) => number) =>
  ar1Samples(GRID, { seed, correlationTimeMs: HOUR, mean: 0, sd: 0.02, shift });

const SERIES: ScenarioSeries[] = [
  { name: 'checkout_load', labels: { fix: 'none' }, samples: noise(31, level) },
  { name: 'checkout_load', labels: { fix: 'real' }, samples: noise(32, (at) => level(at) * (at >= FIX ? 0.8 : 1)) },
];
const prometheus = prometheusForFile({ series: SERIES, now: MIDNIGHT });

const METRIC = {
  name: 'checkout load',
  datasource: 'prom',
  direction: 'decrease',
  target: { relativePercent: 10 },
  evaluationWindow: '3d',
  sustainFor: '2d',
  verifyWithin: '30d',
};
const WEEKLY = { seasonality: 'weekly', timeZone: ZONE };

describe('the seasonal scenario', () => {
  it('ships the fix on a Berlin Friday, so the first judged windows are mostly weekend', () => {
    expect(berlinWeekday(FIX)).toBe(4);
    expect(berlinWeekday(FIX + DAY)).toBe(5);
    // Half the 3-day window after the fix is the first check that judges: Sunday.
    expect(berlinWeekday(FIX + 36 * HOUR)).toBe(6);
  });
});

describeEachDatabase('seasonal success metrics', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;

  beforeAll(async () => {
    const datasources = [{ name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 }];
    service = await ServiceProcess.start({ database, datasources });
    ({ editor, viewer } = await service.clientsFor({ editor: 'sre', viewer: 'dashboard' }));
  }, 60_000);
  afterAll(async () => {
    await service?.destroy();
  });

  async function shippedAction(ownerTeam: string): Promise<string> {
    const created = await editor.post(ACTIONS, {
      title: 'Move the batch exports off the checkout database',
      ownerTeam,
      openedAt: iso(OPENED),
      status: 'implemented',
      implementedAt: iso(FIX),
    });
    expectStatus(created, 201);
    return created.body.id;
  }

  /** Attaches the metric, replays the week after the fix every 6 hours; the checks oldest first and the action. */
  async function replayed(ownerTeam: string, metric: Record<string, unknown>): Promise<{ checks: any[]; action: any }> {
    const actionId = await shippedAction(ownerTeam);
    const added = await editor.post(`${ACTIONS}/${actionId}/metrics`, { ...METRIC, ...metric });
    expectStatus(added, 201);
    const res = await editor.post(`${ACTIONS}/${actionId}/backfill`, REPLAY);
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ slots: SLOTS, scored: SLOTS, errors: 0, failed: 0 });
    const api = new ScoringApi(viewer, editor);
    return { checks: (await api.evaluations(actionId)).reverse(), action: await api.action(actionId) };
  }

  const judged = (checks: any[]) => checks.filter((c) => c.verdict !== 'pending');

  it('compares a weekly metric like with like: a fix that did nothing is never met over a quiet weekend', async () => {
    const { checks, action } = await replayed('seasonal-none', { ...WEEKLY, query: 'checkout_load{fix="none"}' });
    expect(action.metrics[0]).toMatchObject(WEEKLY);
    const scored = judged(checks);
    // From 1.5 days after the fix on, every check judges, weekend ones included.
    expect(scored).toHaveLength(SLOTS - 6);
    expect(scored.some((c) => isBerlinWeekend(Date.parse(c.at)))).toBe(true);
    expect(scored.filter((c) => c.verdict === 'met')).toEqual([]);
    for (const check of scored) {
      // The adjusted value sits at the (adjusted) baseline, far from the goal 10% below it; raw,
      // a weekend window would read about 0.65 against a baseline of about 0.89.
      expect(check.baseline).toBeGreaterThan(0.85);
      expect(check.baseline).toBeLessThan(0.92);
      expect(Math.abs(check.value - check.baseline)).toBeLessThan(0.03);
      expect(check.reason).toMatch(/adjust|season/i);
    }
    expect(action.status).toBe('implemented');
  });

  it('without seasonality the same fix reads met over the weekend (the trap the setting avoids)', async () => {
    const { checks } = await replayed('seasonal-trap', { query: 'checkout_load{fix="none"}' });
    const weekendMet = checks.filter((c) => c.verdict === 'met' && isBerlinWeekend(Date.parse(c.at)));
    expect(weekendMet.length).toBeGreaterThan(0);
    for (const check of weekendMet) expect(check.value).toBeLessThan(0.75);
  });

  it('verifies a real 20% drop of a weekly metric', async () => {
    const { checks, action } = await replayed('seasonal-real', { ...WEEKLY, query: 'checkout_load{fix="real"}' });
    const scored = judged(checks);
    expect(scored.map((c) => c.verdict)).toEqual(Array(SLOTS - 6).fill('met'));
    // Met from the first judged check, sustained 2 days.
    expect(action).toMatchObject({
      status: 'verified',
      verification: 'telemetry',
      closedAt: iso(FIX + 36 * HOUR + 2 * DAY),
    });
  });

  it("shows in the preview the weekly profile it adjusts by, in the metric's time zone", async () => {
    const actionId = await shippedAction('seasonal-preview');
    const res = await editor.post('/api/v1/metrics/preview', {
      ...METRIC,
      ...WEEKLY,
      query: 'checkout_load{fix="none"}',
      actionId,
      at: iso(FIX + 2 * DAY),
    });
    expectStatus(res, 200);
    const profile: number[] = res.body.seasonalProfile;
    expect(profile).toHaveLength(168);
    // Bucket 0 is Monday 00:00 in Berlin: Monday to Friday sit above the mean, the weekend below it.
    const weekday = profile.slice(0, 5 * 24);
    const weekend = profile.slice(5 * 24);
    for (const offset of weekday) expect(offset).toBeCloseTo((0.4 * 2) / 7, 1);
    for (const offset of weekend) expect(offset).toBeCloseTo((-0.4 * 5) / 7, 1);
    expect(res.body.reason).toMatch(/^weekly-adjusted avg /);
    // The week before the fix, adjusted, sits at the baseline: nothing improved before the fix.
    expect(Math.abs(res.body.preFixValue - res.body.baseline)).toBeLessThan(0.03);

    const plain = await editor.post('/api/v1/metrics/preview', {
      ...METRIC,
      query: 'checkout_load{fix="none"}',
      actionId,
      at: iso(FIX + 2 * DAY),
    });
    expectStatus(plain, 200);
    expect(plain.body).toMatchObject({ seasonalProfile: null, effectiveSamples: null, pValue: null });
  });

  it('refuses a weekly metric whose baseline is shorter than a week, and a time zone that does not exist', async () => {
    const actionId = await shippedAction('seasonal-validation');
    const attach = (body: Record<string, unknown>) =>
      editor.post(`${ACTIONS}/${actionId}/metrics`, { ...METRIC, query: 'checkout_load{fix="none"}', ...body });

    const short = await attach({ ...WEEKLY, baselineWindow: '3d' });
    expectStatus(short, 400);
    expect(JSON.stringify(short.body.message)).toMatch(/baselineWindow/);
    const shortDaily = await attach({ seasonality: 'daily', baselineWindow: '12h' });
    expectStatus(shortDaily, 400);
    expect(JSON.stringify(shortDaily.body.message)).toMatch(/baselineWindow/);

    const badZone = await attach({ ...WEEKLY, timeZone: 'Europe/Atlantis' });
    expectStatus(badZone, 400);
    const message = JSON.stringify(badZone.body.message);
    expect(message).toMatch(/timeZone/);
    expect(message).not.toMatch(/should not exist/);

    // The same definitions with a whole period and a real zone are accepted.
    const daily = await attach({ seasonality: 'daily', baselineWindow: '1d', timeZone: 'America/New_York' });
    expectStatus(daily, 201);
    expect(daily.body).toMatchObject({ seasonality: 'daily', timeZone: 'America/New_York', baselineWindow: '1d' });
    const defaults = await attach({});
    expectStatus(defaults, 201);
    expect(defaults.body).toMatchObject({ seasonality: 'none', timeZone: 'UTC' });
  });
});
