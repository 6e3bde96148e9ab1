import type { Sample } from '@app/scoring';
import { generateSamples, type SampleGrid } from './openmetrics.writer';

/**
 * A seeded PRNG (mulberry32): the same seed gives the same stream on every machine, so a
 * statistical test's series, and what it measures on them, never change between runs.
 */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Standard normal draws from a seeded stream (Box–Muller; `1 − u` keeps the logarithm finite). */
export function seededNormal(seed: number): () => number {
  const uniform = seededUniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

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
 * AR(1) noise on a grid: x = mean + ρ(x_prev − mean) + ε with ε ~ N(0, sd²(1 − ρ²)), started from
 * the stationary distribution, so every sample has the marginal sd asked for — the autocorrelated
 * "nothing changed" that real latency series look like. Values are rounded to 6 decimals (far below
 * the noise), which keeps the backfill file small.
 */
export function ar1Samples(grid: SampleGrid, noise: Ar1Noise): Sample[] {
  const normal = seededNormal(noise.seed);
  const rho = Math.exp(-grid.stepMs / noise.correlationTimeMs);
  const innovationSd = noise.sd * Math.sqrt(1 - rho * rho);
  let deviation = noise.sd * normal();
  let first = true;
  return generateSamples(grid, (at) => {
    if (!first) deviation = rho * deviation + innovationSd * normal();
    first = false;
    const value = noise.mean + deviation + (noise.shift?.(at) ?? 0);
    return Math.round(value * 1e6) / 1e6;
  });
}
