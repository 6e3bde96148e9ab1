import type { Sample } from '@app/scoring';
import { ar1Samples as ar1Noise } from '@app/scoring/testing/ar1';
import type { SampleGrid } from './openmetrics.writer';

export interface Ar1Noise {
  seed: number;
  /** The e-folding time of the autocorrelation: lag-1 correlation ρ = exp(−step / correlationTime). */
  correlationTimeMs: number;
  /** The process' mean and marginal standard deviation. */
  mean: number;
  sd: number;
  /** An effect added to the noise at each sample time (a fix, a weekly pattern); none by default. */
  shift?: (at: number) => number;
}

/**
 * The scoring library's seeded AR(1) noise on a scenario's grid (both ends included) — the
 * autocorrelated "nothing changed" that real latency series look like, for a backfilled Prometheus.
 * Values are rounded to 6 decimals (far below the noise), which keeps the backfill file small.
 */
export function ar1Samples(grid: SampleGrid, noise: Ar1Noise): Sample[] {
  const samples = ar1Noise({ ...noise, start: grid.from, end: grid.to + grid.stepMs, stepMs: grid.stepMs });
  return samples.map(({ at, value }) => ({ at, value: Math.round(value * 1e6) / 1e6 }));
}
