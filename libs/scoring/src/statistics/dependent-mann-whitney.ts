import type { Direction } from '@app/domain';
import { windowU } from '../mann-whitney';
import { normalCdf } from '../normal-distribution';

/**
 * The one-sided Mann-Whitney p-value (docs/scoring.md, "Significance") when the values of each sample
 * are serially correlated — consecutive block means of one series — though the two samples are independent of
 * each other. U is counted exactly as in `mannWhitneyPValue`; only its null variance changes.
 *
 * U − n₁n₂/2 is, up to a small remainder, n₂·Σ(F(xᵢ) − ½) − n₁·Σ(F(yⱼ) − ½), and each F(value) − ½ has
 * variance 1/12. Correlation inside a sample inflates the variance of its sum by
 *   f(n) = 1 + 2·Σₖ (1 − k/n)·ρˢ(k),   ρˢ(k) = (6/π)·asin(ρ(k)/2)
 * (ρˢ the rank correlation of normal values with correlation ρ), so
 *   Var(U) = n₁n₂/12 · (n₂·f(n₁) + n₁·f(n₂) + 1)
 * — the textbook n₁n₂(N + 1)/12 when ρ = 0. Ties scale it as in the independent test. The p-value is
 * the normal approximation with a ½ continuity correction.
 */
export function dependentMannWhitneyPValue(
  direction: Direction,
  window: readonly number[],
  baseline: readonly number[],
  correlationAtLag: (lag: number) => number,
): number | null {
  const n1 = window.length;
  const n2 = baseline.length;
  if (n1 === 0 || n2 === 0) return null;
  const { u, tieGroupSizes } = windowU(direction, window, baseline);
  const total = n1 + n2;
  const tieTerm = tieGroupSizes.reduce((sum, t) => sum + t ** 3 - t, 0);
  // Both sides hold a value, so total ≥ 2.
  const tieFactor = 1 - tieTerm / (total * (total - 1) * (total + 1));
  const rankCorrelation = (lag: number) => (6 / Math.PI) * Math.asin(correlationAtLag(lag) / 2);
  const inflation = (n: number) => {
    let f = 1;
    for (let lag = 1; lag < n; lag++) f += 2 * (1 - lag / n) * rankCorrelation(lag);
    return f;
  };
  const variance = ((n1 * n2) / 12) * (n2 * inflation(n1) + n1 * inflation(n2) + 1) * tieFactor;
  // Every value tied: the samples cannot be told apart, so there is no evidence at all.
  if (!(variance > 0)) return 1;
  const p = normalCdf((u + 0.5 - (n1 * n2) / 2) / Math.sqrt(variance));
  return Math.min(Math.max(p, 0), 1);
}
