import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Direction } from '@app/domain';
import { averageRanks, exactLowerTail, mannWhitneyPValue, normalLowerTail } from './mann-whitney';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Expected p-values by hand. U counts the (window, baseline) pairs where the window's value is the
 * worse one (larger, for decrease); p = P(U ≤ u) under the null hypothesis.
 * - Sizes 3 and 3: the C(6, 3) = 20 orderings give U = 0..9 with counts 1,1,2,3,3,3,3,2,1,1.
 * - Sizes 5 and 5: counts for U = 0..5 are the partitions of U into at most 5 parts ≤ 5:
 *   1,1,2,3,5,7 of C(10, 5) = 252, so P(U ≤ 4) = 12/252 and P(U ≤ 5) = 19/252 — the textbook
 *   one-sided 5 % critical value of U for n₁ = n₂ = 5 is 4 (12/252 = 0.0476 < 0.05 < 19/252 = 0.0754).
 * - Sizes 2 and 3: counts for U = 0..6 are 1,1,2,2,2,1,1 of C(5, 2) = 10.
 * - Sizes 1 and 4: U is uniform on 0..4.
 * Normal-approximation values are Φ((u + ½ − n₁n₂/2)/σ), Φ from tables (checked with Python's erfc).
 */
describe('mannWhitneyPValue', () => {
  it.each<[string, Direction, number[], number[], number]>([
    ['3 v 3, every window value better: U = 0 → 1/20', 'decrease', [1, 2, 3], [4, 5, 6], 0.05],
    ['3 v 3, U = 1 → 2/20', 'decrease', [1, 2, 4], [3, 5, 6], 0.1],
    ['3 v 3, interleaved, U = 3 → 7/20', 'decrease', [1, 3, 5], [2, 4, 6], 0.35],
    ['3 v 3, every window value worse: U = 9 → 1', 'decrease', [4, 5, 6], [1, 2, 3], 1],
    ['increase: larger is better, U = 0 → 1/20', 'increase', [4, 5, 6], [1, 2, 3], 0.05],
    ['increase: smaller window is no evidence → 1', 'increase', [1, 2, 3], [4, 5, 6], 1],
    ['5 v 5, U = 0 → 1/252', 'decrease', [1, 2, 3, 4, 5], [6, 7, 8, 9, 10], 1 / 252],
    ['5 v 5, U = 4 → 12/252, the 5 % critical value', 'decrease', [1, 2, 3, 4, 9], [5, 6, 7, 8, 10], 12 / 252],
    ['5 v 5, U = 5 → 19/252, not significant', 'decrease', [1, 2, 3, 4, 10], [5, 6, 7, 8, 9], 19 / 252],
    ['2 v 3, U = 2 → 4/10', 'decrease', [1, 4], [2, 3, 5], 0.4],
    ['1 v 4, U = 2 → 3/5', 'decrease', [2.5], [1, 2, 3, 4], 0.6],
    ['1 v 1, U = 0 → 1/2', 'decrease', [1], [2], 0.5],
    ['20 v 20 is still exact: 1/C(40, 20)', 'decrease', range(1, 20), range(21, 40), 7.254444551924844e-12],
  ])('exact: %s', (_, direction, window, baseline, expected) => {
    expect(mannWhitneyPValue(direction, window, baseline)).toBeCloseTo(expected, 12);
  });

  it.each<[string, Direction, number[], number[], number]>([
    // Ties: pooled [1,1,2,2,3,3] ranks 1.5,1.5,3.5,3.5,5.5,5.5; window rank sum 6.5 → U = 0.5.
    // σ² = 9/12 · (7 − 3·(2³ − 2)/(6·5)) = 4.8; z = (0.5 + 0.5 − 4.5)/√4.8 = −1.5975.
    ['3 v 3 with ties', 'decrease', [1, 1, 2], [2, 3, 3], 0.055074462092973515],
    // 21 v 20 leaves the exact range: U = 0, mean 210, σ² = 21·20·42/12 = 1470.
    ['21 v 20, all better', 'decrease', range(1, 21), range(22, 41), 2.325197543310183e-8],
    // 25 v 25: mean 312.5, σ² = 25·25·51/12 = 2656.25.
    ['25 v 25, all better', 'decrease', range(1, 25), range(26, 50), 7.078281124247817e-10],
    // Odd v even 1..42: window value 2i − 1 is worse than i − 1 baseline values, U = 210.
    [
      '21 v 21 interleaved',
      'decrease',
      range(1, 21).map((i) => 2 * i - 1),
      range(1, 21).map((i) => 2 * i),
      0.4006915941542464,
    ],
  ])('normal approximation: %s', (_, direction, window, baseline, expected) => {
    const p = mannWhitneyPValue(direction, window, baseline)!;
    expect(Math.abs(p - expected) / expected).toBeLessThan(1e-7);
  });

  it('every value tied: no evidence at all, p = 1', () => {
    expect(mannWhitneyPValue('decrease', [5, 5], [5, 5, 5])).toBe(1);
  });

  it.each<[number[], number[]]>([
    [[], [1, 2]],
    [[1, 2], []],
    [[], []],
  ])('is null without both samples (%j v %j)', (window, baseline) => {
    expect(mannWhitneyPValue('decrease', window, baseline)).toBeNull();
  });

  const values = fc.array(fc.integer({ min: -1_000, max: 1_000 }), { minLength: 1, maxLength: 30 });
  const direction = fc.constantFrom<Direction>('decrease', 'increase');

  it('is a probability', () => {
    fc.assert(
      fc.property(direction, values, values, (d, window, baseline) => {
        const p = mannWhitneyPValue(d, window, baseline)!;
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('mirroring the direction and negating every value gives the same p', () => {
    fc.assert(
      fc.property(values, values, (window, baseline) => {
        const negate = (xs: number[]) => xs.map((x) => -x);
        expect(mannWhitneyPValue('increase', negate(window), negate(baseline))).toBeCloseTo(
          mannWhitneyPValue('decrease', window, baseline)!,
          12,
        );
      }),
    );
  });

  it('a window far better than the baseline gives a tiny p (8+ values each)', () => {
    const many = fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 8, maxLength: 30 });
    fc.assert(
      fc.property(direction, many, many, (d, window, baseline) => {
        // Better by 10,000 in the metric's good direction.
        const shifted = window.map((x) => (d === 'decrease' ? x - 10_000 : x + 10_000));
        expect(mannWhitneyPValue(d, shifted, baseline)!).toBeLessThan(0.001);
      }),
    );
  });

  it('identical samples are no evidence: p ≥ 0.5', () => {
    fc.assert(
      fc.property(direction, values, (d, sample) => {
        expect(mannWhitneyPValue(d, sample, [...sample])!).toBeGreaterThanOrEqual(0.5);
      }),
    );
  });
});

describe('averageRanks', () => {
  it.each<[number[], number[], number[]]>([
    [[], [], []],
    [[7], [1], [1]],
    [
      [1, 2, 3],
      [1, 2, 3],
      [1, 1, 1],
    ],
    [
      [1, 2, 2, 3],
      [1, 2.5, 2.5, 4],
      [1, 2, 1],
    ],
    [[4, 4, 4], [2, 2, 2], [3]],
    [
      [1, 1, 5, 5, 5, 9],
      [1.5, 1.5, 4, 4, 4, 6],
      [2, 3, 1],
    ],
  ])('%j ranks as %j', (sorted, ranks, groups) => {
    expect(averageRanks(sorted)).toEqual({ ranks, tieGroupSizes: groups });
  });
});

describe('exactLowerTail', () => {
  it.each<[number, number]>([
    [-1, 0],
    [0, 1 / 20],
    [2.5, 4 / 20], // a half-integer U (impossible without ties) counts the orderings with U ≤ 2
    [4, 10 / 20],
    [9, 1],
    [12, 1],
  ])('3 v 3: P(U ≤ %d) = %d', (u, expected) => {
    expect(exactLowerTail(3, 3, u)).toBeCloseTo(expected, 12);
  });
});

describe('normalLowerTail', () => {
  it('at the mean only the continuity correction moves it above ½', () => {
    // u = mean = 2: z = 0.5/σ with σ² = 2·2·5/12 = 5/3, z = 0.3873, Φ(z) = 0.650732.
    expect(normalLowerTail(2, 2, 2, [1, 1, 1, 1])).toBeCloseTo(0.6507323, 6);
  });

  it('gives 1 for a single pooled value (no variance)', () => {
    expect(normalLowerTail(1, 0, 0, [1])).toBe(1);
  });
});
