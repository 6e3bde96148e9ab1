import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { ScoringThresholds, Verdict } from '../scoring.types';
import { replayOutcome, type OutcomeReplayInput, type ReplayedAction, type ReplayedFlag } from './outcome-replay';
import { NO_PRIOR_CHECKS, summariseChecks, trackDepth, type CheckRecord } from './track-cursor';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const THRESHOLDS: ScoringThresholds = {
  improvingThreshold: 0.05,
  stallAfterMs: 2 * DAY,
  minProgressGain: 0.1,
  regressionChecks: 2,
  watchForMs: 3 * DAY,
};
const TIMINGS = { sustainFor: '1d', verifyWithin: '2d' };
/** Implemented at 0, due at 12h. */
const SHIPPED: ReplayedAction = {
  status: 'implemented',
  dueAt: 12 * HOUR,
  statusChangedAt: 0,
  implementedAt: 0,
  closedAt: null,
  verification: null,
};

const checksOf = (verdicts: Array<[number, Verdict]>): CheckRecord[] =>
  verdicts.map(([hour, verdict]) => ({
    at: hour * HOUR,
    verdict,
    progress: verdict === 'met' ? 1 : verdict === 'not_met' ? 0 : verdict === 'improving' ? 0.5 : null,
  }));

function input(overrides: Partial<OutcomeReplayInput>, checks: CheckRecord[]): OutcomeReplayInput {
  return {
    from: 0,
    times: [],
    action: SHIPPED,
    flags: [],
    metrics: [{ metricId: 'm1', name: 'm1', definition: TIMINGS, prior: NO_PRIOR_CHECKS, checks, preFix: null }],
    thresholds: THRESHOLDS,
    ...overrides,
  };
}

/** Met every 6h from 6h on: overdue from 18h (first check past the due time), verified at 30h (met since 6h + 1d). */
const MET_FROM_6H = checksOf([
  [0, 'not_met'],
  [6, 'met'],
  [12, 'met'],
  [18, 'met'],
  [24, 'met'],
  [30, 'met'],
  [36, 'met'],
]);

describe('replayOutcome', () => {
  it('decides the outcome at every check time in order: verification at its check, flags at theirs', () => {
    const replay = replayOutcome(input({}, MET_FROM_6H));
    expect(replay.action).toEqual({
      ...SHIPPED,
      status: 'verified',
      closedAt: 30 * HOUR,
      statusChangedAt: 30 * HOUR,
      verification: 'telemetry',
    });
    expect(replay.flags).toEqual([
      { id: null, kind: 'overdue', reason: expect.any(String), raisedAt: 18 * HOUR, clearedAt: 30 * HOUR },
    ]);
    expect(replay.metSince).toEqual([{ metricId: 'm1', metSince: 6 * HOUR }]);
  });

  it('undoes a verification by telemetry made since `from`, and the flags raised and cleared since', () => {
    // As a live pass at 40h left it: verified then, overdue raised at 38h, a stalled flag cleared at 39h.
    const action: ReplayedAction = {
      ...SHIPPED,
      status: 'verified',
      closedAt: 40 * HOUR,
      statusChangedAt: 40 * HOUR,
      verification: 'telemetry',
    };
    const flags: ReplayedFlag[] = [
      { id: 'late-overdue', kind: 'overdue', reason: 'late', raisedAt: 38 * HOUR, clearedAt: 40 * HOUR },
      { id: 'old-stalled', kind: 'stalled', reason: 'old', raisedAt: -HOUR, clearedAt: 39 * HOUR },
    ];
    const replay = replayOutcome(input({ action, flags, times: [40 * HOUR] }, MET_FROM_6H));
    expect(replay.action).toMatchObject({ status: 'verified', closedAt: 30 * HOUR });
    // The stalled flag raised before `from` is open again, and cleared at the first check (implemented 0h ago: not stalled).
    expect(replay.flags.map(({ id, kind, raisedAt, clearedAt }) => ({ id, kind, raisedAt, clearedAt }))).toEqual([
      { id: 'old-stalled', kind: 'stalled', raisedAt: -HOUR, clearedAt: 0 },
      { id: null, kind: 'overdue', raisedAt: 18 * HOUR, clearedAt: 30 * HOUR },
    ]);
  });

  it.each<[string, ReplayedAction]>([
    [
      'a manual verification',
      { ...SHIPPED, status: 'verified', closedAt: 10 * HOUR, statusChangedAt: 10 * HOUR, verification: 'manual' },
    ],
    [
      'a verification by telemetry before `from`',
      { ...SHIPPED, status: 'verified', closedAt: -HOUR, statusChangedAt: -HOUR, verification: 'telemetry' },
    ],
    ['a wont_fix', { ...SHIPPED, status: 'wont_fix', closedAt: 10 * HOUR, statusChangedAt: 10 * HOUR }],
  ])('leaves %s alone', (_, action) => {
    expect(replayOutcome(input({ action }, MET_FROM_6H)).action).toEqual(action);
  });

  it('withdraws a verification that the checks in time order no longer support', () => {
    const action: ReplayedAction = {
      ...SHIPPED,
      status: 'verified',
      closedAt: 30 * HOUR,
      statusChangedAt: 30 * HOUR,
      verification: 'telemetry',
    };
    const broken = checksOf([
      [6, 'met'],
      [12, 'not_met'],
      [18, 'met'],
      [24, 'met'],
      [30, 'met'],
    ]);
    expect(replayOutcome(input({ action, from: 12 * HOUR }, broken)).action).toEqual(SHIPPED);
  });

  it('never verifies at a check before the fix shipped, even when met for long before it', () => {
    const late: ReplayedAction = { ...SHIPPED, dueAt: null, implementedAt: 45 * HOUR, statusChangedAt: 45 * HOUR };
    const replay = replayOutcome(
      input(
        { action: late },
        checksOf([
          [0, 'met'],
          [12, 'met'],
          [24, 'met'],
          [36, 'met'],
          [42, 'met'],
          [48, 'pending'],
        ]),
      ),
    );
    expect(replay.action).toMatchObject({ status: 'verified', closedAt: 48 * HOUR });
  });

  it('decides at asked times without a check, and answers the prior streak when nothing is newer', () => {
    const prior = summariseChecks(checksOf([[-60, 'met']]), 3);
    const replay = replayOutcome(
      input(
        {
          from: 0,
          times: [13 * HOUR],
          metrics: [{ metricId: 'm1', name: 'm1', definition: TIMINGS, prior, checks: [], preFix: null }],
        },
        [],
      ),
    );
    // Met for long enough by the prior checks alone: verified at the asked time, so never overdue.
    expect(replay.action).toMatchObject({ status: 'verified', closedAt: 13 * HOUR });
    expect(replay.flags).toEqual([]);
    expect(replay.metSince).toEqual([{ metricId: 'm1', metSince: -60 * HOUR }]);
    expect(
      replayOutcome(
        input(
          {
            from: 5 * HOUR,
            metrics: [{ metricId: 'm1', name: 'm1', definition: TIMINGS, prior, checks: [], preFix: null }],
          },
          [],
        ),
      ).metSince,
    ).toEqual([{ metricId: 'm1', metSince: -60 * HOUR }]);
  });

  it('carries each metric’s pre-fix measurement: improved_before_fix is raised at the first check from the fix on', () => {
    const late: ReplayedAction = { ...SHIPPED, dueAt: null, implementedAt: 45 * HOUR, statusChangedAt: 45 * HOUR };
    const preFix = {
      value: 380,
      goal: 400,
      direction: 'decrease' as const,
      windowStart: -123 * HOUR,
      windowEnd: 45 * HOUR,
    };
    const checks = checksOf([
      [36, 'not_met'],
      [42, 'not_met'],
      [48, 'pending'],
      [54, 'pending'],
    ]);
    const replay = replayOutcome({
      ...input({ action: late }, checks),
      metrics: [{ metricId: 'm1', name: 'm1', definition: TIMINGS, prior: NO_PRIOR_CHECKS, checks, preFix }],
    });
    expect(replay.flags).toEqual([
      {
        id: null,
        kind: 'improved_before_fix',
        reason: 'metric "m1" was already 380 before the fix (26 Dec 1969–2 Jan 1970), meeting its goal ≤ 400',
        raisedAt: 48 * HOUR,
        clearedAt: null,
      },
    ]);
    expect(replayOutcome(input({ action: late }, checks)).flags).toEqual([]);
  });
});

/**
 * The scorer as a pure model: every scoring writes some checks (one live check, or a whole
 * backfill), then replays the outcome from the earliest of them, as OutcomeWriter does; the checks
 * older than a stall window before that come summarised, as the database gives them.
 */
interface World {
  checks: Map<string, CheckRecord[]>;
  action: ReplayedAction;
  /** Every flag ever raised. */
  flags: ReplayedFlag[];
  metSince: Array<{ metricId: string; metSince: number | null }>;
  nextFlagId: number;
}

type Scored = { metricId: string; check: CheckRecord };
const TIMINGS_OF: Record<string, OutcomeReplayInput['metrics'][number]['definition']> = {
  m1: TIMINGS,
  m2: { sustainFor: '2d', verifyWithin: '3d' },
};

function score(world: World, batch: Scored[]): World {
  const checks = new Map(world.checks);
  for (const { metricId, check } of batch)
    checks.set(
      metricId,
      [...(checks.get(metricId) ?? []), check].sort((a, b) => a.at - b.at),
    );
  const from = Math.min(...batch.map((s) => s.check.at));
  const priorEnd = from - THRESHOLDS.stallAfterMs;
  const replay = replayOutcome({
    from,
    times: batch.map((s) => s.check.at),
    action: world.action,
    flags: world.flags.filter((f) => f.clearedAt === null || f.clearedAt >= from),
    metrics: [...checks]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([metricId, list]) => ({
        metricId,
        name: metricId,
        definition: TIMINGS_OF[metricId],
        prior: summariseChecks(
          list.filter((c) => c.at < priorEnd),
          trackDepth(THRESHOLDS.regressionChecks),
        ),
        checks: list.filter((c) => c.at >= priorEnd),
        preFix: null,
      })),
    thresholds: THRESHOLDS,
  });
  let nextFlagId = world.nextFlagId;
  const kept = world.flags.filter((f) => f.clearedAt !== null && f.clearedAt < from);
  const replayed = replay.flags.map((f) => (f.id === null ? { ...f, id: `f${nextFlagId++}` } : f));
  return { checks, action: replay.action, flags: [...kept, ...replayed], metSince: replay.metSince, nextFlagId };
}

const comparable = (world: World) => ({
  action: world.action,
  flags: world.flags
    .map(({ kind, reason, raisedAt, clearedAt }) => ({ kind, reason, raisedAt, clearedAt }))
    .sort((a, b) => a.raisedAt - b.raisedAt || a.kind.localeCompare(b.kind)),
  metSince: [...world.metSince].sort((a, b) => a.metricId.localeCompare(b.metricId)),
});

const VERDICTS: Verdict[] = ['met', 'met', 'met', 'improving', 'not_met', 'pending', 'no_data', 'error'];
const PROGRESS: Record<Verdict, Array<number | null>> = {
  met: [1],
  improving: [0.2, 0.5, 0.8],
  not_met: [0, 0.02],
  pending: [null],
  no_data: [null],
  error: [null],
};

const slotsArb = fc
  .uniqueArray(
    fc.record({
      metricId: fc.constantFrom('m1', 'm2'),
      slot: fc.integer({ min: 0, max: 30 }),
      verdict: fc.constantFrom(...VERDICTS),
      pick: fc.nat(),
    }),
    { selector: (s) => `${s.metricId}@${s.slot}`, minLength: 1, maxLength: 30 },
  )
  .map((slots) =>
    slots.map(({ metricId, slot, verdict, pick }): Scored => ({
      metricId,
      check: { at: slot * 6 * HOUR, verdict, progress: PROGRESS[verdict][pick % PROGRESS[verdict].length] },
    })),
  );

const actionArb = fc.oneof(
  fc
    .record({
      implementedAt: fc.integer({ min: -2, max: 150 }),
      dueAt: fc.option(fc.integer({ min: 0, max: 150 }), { nil: null }),
    })
    .map(({ implementedAt, dueAt }): ReplayedAction => ({
      ...SHIPPED,
      implementedAt: implementedAt * HOUR,
      statusChangedAt: implementedAt * HOUR,
      dueAt: dueAt === null ? null : dueAt * HOUR,
    })),
  fc.integer({ min: -100, max: 100 }).map((changed): ReplayedAction => ({
    ...SHIPPED,
    status: 'in_progress',
    implementedAt: null,
    statusChangedAt: changed * HOUR,
  })),
);

/** The same checks in some order, cut into scorings: [a, b], [c], [d, e, f]... */
const orderArb = (slots: Scored[]) =>
  fc
    .tuple(
      fc.shuffledSubarray(slots, { minLength: slots.length, maxLength: slots.length }),
      fc.array(fc.boolean(), { minLength: slots.length, maxLength: slots.length }),
    )
    .map(([order, cuts]) => {
      const batches: Scored[][] = [];
      order.forEach((s, i) => (i === 0 || cuts[i] ? batches.push([s]) : batches[batches.length - 1].push(s)));
      return batches;
    });

describe('order independence', () => {
  it('gives the same metSince, verification and flags whatever the order and grouping the same checks are scored in', () => {
    fc.assert(
      fc.property(
        actionArb,
        slotsArb.chain((slots) => fc.tuple(fc.constant(slots), orderArb(slots))),
        (action, [slots, batches]) => {
          // Both metrics are attached from the start, whatever their first check.
          const start: World = {
            checks: new Map([
              ['m1', []],
              ['m2', []],
            ]),
            action,
            flags: [],
            metSince: [],
            nextFlagId: 0,
          };
          const inTimeOrder = [...slots]
            .sort((a, b) => a.check.at - b.check.at)
            .reduce((world, s) => score(world, [s]), start);
          const anyOrder = batches.reduce(score, start);
          expect(comparable(anyOrder)).toEqual(comparable(inTimeOrder));
        },
      ),
      { numRuns: 300 },
    );
  });
});
