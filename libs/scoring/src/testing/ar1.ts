import type { Millis, Sample } from '../scoring.types';

/**
 * Seeded noise for the statistics' property tests and the calibration bench: the same seed always
 * gives the same series, so a measured false-positive share can be reproduced exactly.
 */

/** A uniform PRNG on [0, 1) from a 32-bit seed (mulberry32: small, fast, good enough for simulation). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Standard normal draws from a uniform source (Box-Muller; the second value of each pair is kept for the next call). */
export function standardNormal(random: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    // 1 − u lies in (0, 1]: the logarithm stays finite.
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/**
 * AR(1) samples at `stepMs` over [start, end): x_t = mean + ρ(x_{t−1} − mean) + ε with ρ = exp(−step/correlationTime)
 * and ε of sd `sd`·√(1 − ρ²), so every value has marginal sd `sd` — the first one is drawn from that stationary
 * distribution, no burn-in needed. The optional `shift(at)` is added to each value (an effect, e.g. a fix).
 */
export function ar1Samples(o: {
  seed: number;
  start: Millis;
  end: Millis;
  stepMs: Millis;
  correlationTimeMs: Millis;
  mean: number;
  sd: number;
  shift?: (at: Millis) => number;
}): Sample[] {
  if (!(o.stepMs > 0)) throw new RangeError(`stepMs must be positive, got ${o.stepMs}`);
  const normal = standardNormal(seededRandom(o.seed));
  const rho = o.correlationTimeMs > 0 ? Math.exp(-o.stepMs / o.correlationTimeMs) : 0;
  const innovationSd = o.sd * Math.sqrt(1 - rho * rho);
  const samples: Sample[] = [];
  let deviation = o.sd * normal();
  for (let at = o.start; at < o.end; at += o.stepMs) {
    if (samples.length > 0) deviation = rho * deviation + innovationSd * normal();
    samples.push({ at, value: o.mean + deviation + (o.shift ? o.shift(at) : 0) });
  }
  return samples;
}
