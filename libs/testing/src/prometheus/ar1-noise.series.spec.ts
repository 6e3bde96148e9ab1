import { describe, expect, it } from '@jest/globals';
import { ar1Samples } from './ar1-noise.series';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function moments(values: number[]): { mean: number; sd: number; lag1: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const centred = values.map((v) => v - mean);
  const variance = centred.reduce((a, c) => a + c * c, 0) / values.length;
  let lagged = 0;
  for (let i = 1; i < centred.length; i++) lagged += centred[i] * centred[i - 1];
  return { mean, sd: Math.sqrt(variance), lag1: lagged / values.length / variance };
}

describe('seeded AR(1) noise', () => {
  it('has the asked mean, marginal sd and lag-1 correlation exp(−step / correlation time)', () => {
    // 2,000 correlation times: the estimates settle within a few percent.
    const grid = { from: 0, to: 6_000 * HOUR, stepMs: 5 * MINUTE };
    const samples = ar1Samples(grid, { seed: 3, correlationTimeMs: 3 * HOUR, mean: 0.5, sd: 0.05 });
    expect(samples).toHaveLength(72_001);
    expect(samples[1].at - samples[0].at).toBe(5 * MINUTE);
    const { mean, sd, lag1 } = moments(samples.map((s) => s.value));
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sd).toBeGreaterThan(0.046);
    expect(sd).toBeLessThan(0.054);
    expect(lag1).toBeCloseTo(Math.exp(-5 / 180), 2);
  });

  it('gives the same series for the same seed, another for another', () => {
    const grid = { from: 0, to: 2 * HOUR, stepMs: 5 * MINUTE };
    const noise = { seed: 7, correlationTimeMs: 3 * HOUR, mean: 0.5, sd: 0.05 };
    expect(ar1Samples(grid, noise)).toEqual(ar1Samples(grid, noise));
    expect(ar1Samples(grid, { ...noise, seed: 8 })).not.toEqual(ar1Samples(grid, noise));
  });

  it('adds the shift at its times and keeps the noise of the same seed', () => {
    const grid = { from: 0, to: 10 * HOUR, stepMs: 5 * MINUTE };
    const noise = { seed: 11, correlationTimeMs: 3 * HOUR, mean: 0.5, sd: 0.05 };
    const plain = ar1Samples(grid, noise);
    const shifted = ar1Samples(grid, { ...noise, shift: (at) => (at >= 5 * HOUR ? -0.05 : 0) });
    const differences = shifted.map((s, i) => Math.round((s.value - plain[i].value) * 1e5) / 1e5);
    expect(differences).toEqual(plain.map((s) => (s.at >= 5 * HOUR ? -0.05 : 0)));
  });
});
