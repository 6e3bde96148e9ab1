import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SUCCESSFUL_VERDICTS, type MetricTrack, type Verdict } from '../scoring.types';
import { NO_PRIOR_CHECKS, summariseChecks, TrackCursor, trackDepth, type CheckRecord } from './track-cursor';

const HOUR = 3_600_000;
const STALL = 10 * HOUR;
const VERDICTS: Verdict[] = ['met', 'improving', 'not_met', 'pending', 'no_data', 'error'];

/** The track by its definition, from every check at or before `at` (what the SQL of a live pass computes). */
function naiveTrack(checks: CheckRecord[], at: number, depth: number): MetricTrack {
  const upTo = checks.filter((c) => c.at <= at).reverse();
  const successful = upTo.filter((c) => SUCCESSFUL_VERDICTS.includes(c.verdict));
  const lastMiss = successful.find((c) => c.verdict !== 'met');
  const runStart = successful
    .filter((c) => c.verdict === 'met' && (lastMiss === undefined || c.at > lastMiss.at))
    .at(-1);
  const best = (list: CheckRecord[]) =>
    list.some((c) => c.progress !== null)
      ? Math.max(...list.filter((c) => c.progress !== null).map((c) => c.progress!))
      : null;
  return {
    metricId: 'm',
    name: 'latency',
    metSince: runStart?.at ?? null,
    recentVerdicts: upTo.slice(0, depth).map((c) => c.verdict),
    recentSuccessful: successful.slice(0, depth).map((c) => ({ ...c })),
    bestProgressRecent: best(successful.filter((c) => c.at > at - STALL)),
    bestProgressBefore: best(successful.filter((c) => c.at <= at - STALL)),
    latestProgress: successful[0]?.progress ?? null,
  };
}

const checksArb = fc
  .array(
    fc.record({
      hour: fc.integer({ min: 0, max: 60 }),
      verdict: fc.constantFrom(...VERDICTS),
      progress: fc.option(fc.constantFrom(0, 0.1, 0.3, 0.5, 0.9, 1), { nil: null }),
    }),
    { maxLength: 40 },
  )
  .map((raw) => {
    const byHour = new Map(raw.map((c) => [c.hour, c]));
    return [...byHour.values()]
      .sort((a, b) => a.hour - b.hour)
      .map((c): CheckRecord => ({
        at: c.hour * HOUR,
        verdict: c.verdict,
        progress: SUCCESSFUL_VERDICTS.includes(c.verdict) ? c.progress : null,
      }));
  });

describe('TrackCursor', () => {
  it('gives at every time the track its definition gives from all checks up to then', () => {
    fc.assert(
      fc.property(checksArb, fc.integer({ min: 1, max: 4 }), (checks, depth) => {
        const cursor = new TrackCursor('m', 'latency', NO_PRIOR_CHECKS, checks, STALL, depth);
        for (let hour = 0; hour <= 62; hour += 1)
          expect(cursor.trackAt(hour * HOUR)).toEqual(naiveTrack(checks, hour * HOUR, depth));
      }),
    );
  });

  it('continues from summarised prior checks as from the checks themselves', () => {
    fc.assert(
      fc.property(checksArb, fc.integer({ min: 0, max: 60 }), (checks, splitHour) => {
        // The prior ends at least a stall window before the first time asked.
        const split = splitHour * HOUR;
        const prior = summariseChecks(
          checks.filter((c) => c.at < split),
          3,
        );
        const cursor = new TrackCursor(
          'm',
          'latency',
          prior,
          checks.filter((c) => c.at >= split),
          STALL,
          3,
        );
        for (let at = split + STALL; at <= 72 * HOUR; at += HOUR)
          expect(cursor.trackAt(at)).toEqual(naiveTrack(checks, at, 3));
      }),
    );
  });

  it.each([
    [[], NO_PRIOR_CHECKS],
    [
      [
        { at: 0, verdict: 'not_met', progress: 0.5 },
        { at: HOUR, verdict: 'met', progress: 1 },
        { at: 2 * HOUR, verdict: 'error', progress: null },
      ],
      {
        metSince: HOUR,
        recentVerdicts: ['error', 'met', 'not_met'],
        recentSuccessful: [
          { at: HOUR, verdict: 'met', progress: 1 },
          { at: 0, verdict: 'not_met', progress: 0.5 },
        ],
        bestProgress: 1,
        latestProgress: 1,
      },
    ],
  ] as Array<[CheckRecord[], unknown]>)('summarises checks %#', (checks, expected) => {
    expect(summariseChecks(checks, 3)).toEqual(expected);
  });

  it.each([
    [1, 3],
    [2, 3],
    [3, 3],
    [5, 5],
  ])('keeps max(3, regressionChecks %p) = %p verdicts', (regressionChecks, depth) => {
    expect(trackDepth(regressionChecks)).toBe(depth);
  });
});
