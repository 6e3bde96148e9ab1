import type { Millis } from '../scoring.types';

/**
 * How much block means still resemble each other (docs/scoring.md, "Significance"). Blocks of 4
 * correlation times are nearly, not fully, independent: for a series whose autocorrelation decays as
 * e^(−t/τ), the means of two blocks of length B that are `lag` blocks apart correlate by
 *   (1 − e^(−B/τ))² · e^(−(lag − 1)·B/τ) / (2·(B/τ − 1 + e^(−B/τ))),
 * ≈ 0.16 for adjacent blocks at B = 4τ and ≈ 0.003 two blocks apart. Left alone, that residual
 * correlation lets about 7% of no-change checks pass a 5% test; the significance test accounts for it.
 */
export function blockMeanCorrelation(blockMs: Millis, correlationTimeMs: Millis, lag: number): number {
  if (!(correlationTimeMs > 0) || !(blockMs > 0) || lag < 1) return 0;
  const r = blockMs / correlationTimeMs;
  const decay = Math.exp(-r);
  return ((1 - decay) ** 2 * Math.exp(-(lag - 1) * r)) / (2 * (r - 1 + decay));
}
