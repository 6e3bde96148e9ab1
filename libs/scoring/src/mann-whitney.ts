import type { Direction } from '@app/domain';
import { normalCdf } from './normal-distribution';

/** Up to this many values in each sample (and no ties) the p-value is exact. */
export const EXACT_MAX_SAMPLE_SIZE = 20;

/**
 * One-sided Mann-Whitney U test (`confidence`, see docs/scoring.md, "Significance"): the p-value of the hypothesis that
 * the window's values are better than the baseline's — smaller for `decrease`, larger for `increase`. Null when either
 * sample is empty (nothing to compare).
 *
 * U is counted for the window as R − n₁(n₁+1)/2, R the sum of the window's ranks in the pooled
 * sample (ties get the average of their ranks), after negating every value for `increase` so that
 * "better" is always "smaller": a small U is evidence, and p = P(U ≤ u) under the null hypothesis.
 * - Both samples of at most 20 values and no ties: the exact null distribution of U, counted by
 *   dynamic programming.
 * - Otherwise the normal approximation with mean n₁n₂/2, the tie-corrected variance
 *   n₁n₂/12 · ((N + 1) − Σ(t³ − t) / (N(N − 1))) and a continuity correction of ½.
 */
export function mannWhitneyPValue(
  direction: Direction,
  window: readonly number[],
  baseline: readonly number[],
): number | null {
  const n1 = window.length;
  const n2 = baseline.length;
  if (n1 === 0 || n2 === 0) return null;
  const { u, tieGroupSizes } = windowU(direction, window, baseline);
  const hasTies = tieGroupSizes.some((size) => size > 1);
  const p =
    !hasTies && n1 <= EXACT_MAX_SAMPLE_SIZE && n2 <= EXACT_MAX_SAMPLE_SIZE
      ? exactLowerTail(n1, n2, u)
      : normalLowerTail(n1, n2, u, tieGroupSizes);
  return Math.min(Math.max(p, 0), 1);
}

/**
 * U counted for the window: R − n₁(n₁+1)/2, R the sum of the window's ranks in the pooled sample (ties
 * sharing the average rank), after negating every value for `increase` so that "better" is always
 * "smaller". With the sizes of the pooled sample's tie groups, for the variance.
 */
export function windowU(
  direction: Direction,
  window: readonly number[],
  baseline: readonly number[],
): { u: number; tieGroupSizes: number[] } {
  const sign = direction === 'decrease' ? 1 : -1;
  const pooled = [
    ...window.map((value) => ({ value: sign * value, fromWindow: true })),
    ...baseline.map((value) => ({ value: sign * value, fromWindow: false })),
  ].sort((a, b) => a.value - b.value);
  const { ranks, tieGroupSizes } = averageRanks(pooled.map((entry) => entry.value));
  const windowRankSum = pooled.reduce((sum, entry, i) => (entry.fromWindow ? sum + ranks[i] : sum), 0);
  return { u: windowRankSum - (window.length * (window.length + 1)) / 2, tieGroupSizes };
}

/** 1-based ranks of ascending values, ties sharing the average of the ranks they span. */
export function averageRanks(sorted: readonly number[]): { ranks: number[]; tieGroupSizes: number[] } {
  const ranks: number[] = new Array<number>(sorted.length);
  const tieGroupSizes: number[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[i]) j++;
    const average = (i + 1 + (j + 1)) / 2;
    for (let k = i; k <= j; k++) ranks[k] = average;
    tieGroupSizes.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, tieGroupSizes };
}

/**
 * P(U ≤ u) for samples of sizes m and n without ties. counts(m, n)[k] is the number of orderings of
 * the pooled sample with U = k; the largest value belongs either to the first sample (it beats all
 * n values of the second: U − n for the rest) or to the second, so
 * counts(m, n)[k] = counts(m − 1, n)[k − n] + counts(m, n − 1)[k]. Counts stay below C(40, 20) < 2⁵³,
 * exact in a double.
 */
export function exactLowerTail(m: number, n: number, u: number): number {
  const counts = uCounts(m, n);
  const total = counts.reduce((a, b) => a + b, 0);
  let atMost = 0;
  for (let k = 0; k <= Math.min(Math.floor(u), m * n); k++) atMost += counts[k];
  return atMost / total;
}

function uCounts(m: number, n: number): number[] {
  // table[i][j] = counts for sizes (i, j), filled row by row.
  const table: number[][][] = [];
  for (let i = 0; i <= m; i++) {
    table.push([]);
    for (let j = 0; j <= n; j++) {
      if (i === 0 || j === 0) {
        table[i].push([1]);
        continue;
      }
      const counts = new Array<number>(i * j + 1).fill(0);
      table[i - 1][j].forEach((c, k) => (counts[k + j] += c));
      table[i][j - 1].forEach((c, k) => (counts[k] += c));
      table[i].push(counts);
    }
  }
  return table[m][n];
}

/** P(U ≤ u) by the normal approximation, tie-corrected, with a continuity correction. */
export function normalLowerTail(n1: number, n2: number, u: number, tieGroupSizes: readonly number[]): number {
  const total = n1 + n2;
  const mean = (n1 * n2) / 2;
  const tieTerm = tieGroupSizes.reduce((sum, t) => sum + t ** 3 - t, 0);
  const variance = ((n1 * n2) / 12) * (total + 1 - (total > 1 ? tieTerm / (total * (total - 1)) : 0));
  // Every value tied: the samples cannot be told apart, so there is no evidence at all.
  if (!(variance > 0)) return 1;
  return normalCdf((u + 0.5 - mean) / Math.sqrt(variance));
}
