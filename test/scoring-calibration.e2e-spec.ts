import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectStatus, HttpClient, ScoringApi, ServiceProcess } from '@app/testing';
import { DAY, HOUR, iso, MIDNIGHT, MINUTE } from '@app/testing/scenario-clock';
import { ar1Samples, prometheusForFile, type ScenarioSeries } from '@app/testing/prometheus';

/*
 * Calibration of the significance test (docs/scoring.md, "Significance"): the figures a release is
 * judged by. Independent AR(1) series at 5-minute resolution with a 3-hour correlation time (mean
 * 0.5, sd 0.05), default windows (baseline 14d, evaluation 7d, sustain 7d), confidence 0.95 and a
 * goal 1% below the baseline, each on its own action, replayed every 6 hours for the 20 days after
 * the fix. Where nothing changed at most 5% of the actions may end verified; where the fix lowered
 * the series by one noise standard deviation at least 90% must.
 *
 * The seeds are fixed, so the counts are the same at every run; the bounds are the promise, not the
 * counts of today's seeds. PostgreSQL only: the statistics do not depend on the store, and 80
 * replays of 81 checks would double the run on the embedded database for nothing.
 */

const ACTIONS = '/api/v1/actions';
const SERIES_PER_CASE = 40;
/** Three weeks ago: the 20 days of checks after it end the day before today. */
const FIX = MIDNIGHT - 21 * DAY;
/** The action opened (no post-mortem: its baseline ends here) a day before the fix shipped. */
const OPENED = FIX - DAY;
const REPLAY_DAYS = 20;
const REPLAY_EVERY_HOURS = 6;
const SLOTS = (REPLAY_DAYS * 24) / REPLAY_EVERY_HOURS + 1;
/** Backfills in flight at once: enough to keep the 2 cores busy without queueing inside the service. */
const CONCURRENCY = 4;

const NOISE = { correlationTimeMs: 3 * HOUR, mean: 0.5, sd: 0.05 };
/** The 14-day baseline and every check after the fix, at Prometheus' 5-minute scrape resolution. */
const GRID = { from: OPENED - 15 * DAY, to: MIDNIGHT, stepMs: 5 * MINUTE };

type Case = 'flat' | 'improved';
const SEED_BASE: Record<Case, number> = { flat: 1_000, improved: 2_000 };
/** One noise standard deviation lower from the moment the fix shipped. */
const SHIFT: Record<Case, (at: number) => number> = {
  flat: () => 0,
  improved: (at) => (at >= FIX ? -NOISE.sd : 0),
};

const label = (i: number) => String(i).padStart(2, '0');

function seriesOf(kind: Case): ScenarioSeries[] {
  return Array.from({ length: SERIES_PER_CASE }, (_, i) => ({
    name: 'calibration_latency_seconds',
    labels: { case: kind, series: label(i) },
    samples: ar1Samples(GRID, { ...NOISE, seed: SEED_BASE[kind] + i, shift: SHIFT[kind] }),
  }));
}

const prometheus = prometheusForFile({ series: [...seriesOf('flat'), ...seriesOf('improved')], now: MIDNIGHT });

/** Runs `task` over `items` with at most `limit` in flight; results in the items' order. */
async function inPool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

describe('calibrated verdicts on autocorrelated noise [postgres]', () => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;

  beforeAll(async () => {
    const datasources = [{ name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 10_000 }];
    service = await ServiceProcess.start({ database: 'postgres', datasources });
    ({ editor, viewer } = await service.clientsFor({ editor: 'sre', viewer: 'dashboard' }));
  }, 60_000);
  afterAll(async () => {
    await service?.destroy();
  });

  /** A shipped action judged by one series with the default windows; replays its 20 days; its final state. */
  async function replayed(kind: Case, i: number): Promise<any> {
    const created = await editor.post(ACTIONS, {
      title: `Tune the ${kind} path ${label(i)}`,
      ownerTeam: `calibration-${kind}`,
      openedAt: iso(OPENED),
      status: 'implemented',
      implementedAt: iso(FIX),
    });
    expectStatus(created, 201);
    const actionId = created.body.id;
    const added = await editor.post(`${ACTIONS}/${actionId}/metrics`, {
      name: `${kind} latency ${label(i)}`,
      datasource: 'prom',
      query: `calibration_latency_seconds{case="${kind}",series="${label(i)}"}`,
      direction: 'decrease',
      target: { relativePercent: 1 },
      confidence: 0.95,
    });
    expectStatus(added, 201);
    // The defaults are what the figures are about.
    expect(added.body).toMatchObject({ baselineWindow: '14d', evaluationWindow: '7d', sustainFor: '7d' });
    const res = await editor.post(`${ACTIONS}/${actionId}/backfill`, {
      from: iso(FIX),
      to: iso(FIX + REPLAY_DAYS * DAY),
      every: `${REPLAY_EVERY_HOURS}h`,
    });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ slots: SLOTS, scored: SLOTS, errors: 0, failed: 0 });
    return new ScoringApi(viewer, editor).action(actionId);
  }

  async function verifiedCount(kind: Case): Promise<number> {
    const started = Date.now();
    const indexes = Array.from({ length: SERIES_PER_CASE }, (_, i) => i);
    const actions = await inPool(indexes, CONCURRENCY, (i) => replayed(kind, i));
    const verified = actions.filter((a) => a.status === 'verified');
    // Verified by the telemetry, at a replayed check at least sustainFor after the fix proved itself.
    for (const a of verified) {
      expect(a.verification).toBe('telemetry');
      expect(Date.parse(a.closedAt)).toBeGreaterThanOrEqual(FIX + (3.5 + 7) * DAY);
    }
    // The measurement itself, for whoever tunes the test: how many, and how long the replays took.
    console.info(
      `calibration: ${verified.length} of ${SERIES_PER_CASE} ${kind} series verified ` +
        `(${SERIES_PER_CASE * SLOTS} checks in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    return verified.length;
  }

  it('verifies at most 5% of the actions whose metric did not change', async () => {
    expect(await verifiedCount('flat')).toBeLessThanOrEqual(Math.floor(0.05 * SERIES_PER_CASE));
  }, 300_000);

  it('verifies at least 90% of the actions whose metric dropped by one noise standard deviation', async () => {
    expect(await verifiedCount('improved')).toBeGreaterThanOrEqual(Math.ceil(0.9 * SERIES_PER_CASE));
  }, 300_000);
});
