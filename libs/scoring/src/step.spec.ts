import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { defaultStepMs, effectiveStepMs, NICE_STEPS_MS } from './step';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('defaultStepMs', () => {
  // A range R at step s gives ⌊R/s⌋ + 1 points; ≤ 1,000 points ⇔ R < 1,000·s.
  it.each<[string, number, number]>([
    ['empty range', 0, SECOND],
    ['999s: 1,000 points at 1s', 999 * SECOND, SECOND],
    ['1,000s: 1,001 points at 1s, so 2s', 1_000 * SECOND, 2 * SECOND],
    ['30m: 1,800s → 2s gives 901 points', 30 * MINUTE, 2 * SECOND],
    ['1h: 3,600s → 5s gives 721 points', HOUR, 5 * SECOND],
    ['6h: 21,600s → 30s gives 721 points', 6 * HOUR, 30 * SECOND],
    ['1d: 86,400s → 2m gives 721 points', DAY, 2 * MINUTE],
    ['7d: 604,800s → 15m gives 673 points (10m would be 1,009)', 7 * DAY, 15 * MINUTE],
    ['14d → 30m gives 673 points', 14 * DAY, 30 * MINUTE],
    ['30d → 1h gives 721 points', 30 * DAY, HOUR],
    ['90d → 3h gives 721 points', 90 * DAY, 3 * HOUR],
    ['1 ms short of 1,000 steps of 15m', 1_000 * 15 * MINUTE - 1, 15 * MINUTE],
    ['exactly 1,000 steps of 15m needs 30m', 1_000 * 15 * MINUTE, 30 * MINUTE],
    ['365d → 12h gives 731 points', 365 * DAY, 12 * HOUR],
    ['999d → 1d gives 1,000 points', 999 * DAY, DAY],
    ['1,000d → 2d', 1_000 * DAY, 2 * DAY],
    ['2,500d → 3d', 2_500 * DAY, 3 * DAY],
  ])('%s', (_, range, step) => {
    expect(defaultStepMs(range)).toBe(step);
  });

  it.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY]])('rejects range %p', (range) => {
    expect(() => defaultStepMs(range)).toThrow(RangeError);
  });

  it('always gives at most 1,000 points, with whole seconds, and no smaller nice step would do', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 * 365 * DAY }), (range) => {
        const step = defaultStepMs(range);
        expect(Math.floor(range / step) + 1).toBeLessThanOrEqual(1_000);
        expect(step % SECOND).toBe(0);
        const smaller = NICE_STEPS_MS.filter((s) => s < step);
        for (const s of smaller) expect(Math.floor(range / s) + 1).toBeGreaterThan(1_000);
      }),
    );
  });
});

describe('effectiveStepMs', () => {
  it('keeps the metric’s own step', () => {
    expect(effectiveStepMs({ stepMs: 10 * SECOND }, 7 * DAY)).toBe(10 * SECOND);
  });

  it('falls back to the default for the range', () => {
    expect(effectiveStepMs({ stepMs: null }, 7 * DAY)).toBe(15 * MINUTE);
  });
});
