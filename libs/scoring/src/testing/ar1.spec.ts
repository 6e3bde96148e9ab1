import { describe, expect, it } from '@jest/globals';
import { ar1Samples, seededRandom, standardNormal } from './ar1';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};

describe('seededRandom and standardNormal', () => {
  it('the same seed gives the same stream; another seed another', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
  });

  it('uniform on [0, 1): mean ½, variance 1/12', () => {
    const random = seededRandom(1);
    const draws = Array.from({ length: 100_000 }, () => random());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(mean(draws)).toBeCloseTo(0.5, 2);
    expect(sd(draws) ** 2).toBeCloseTo(1 / 12, 2);
  });

  it('standard normal: mean 0, sd 1, 95% within ±1.96', () => {
    const normal = standardNormal(seededRandom(2));
    const draws = Array.from({ length: 100_000 }, () => normal());
    expect(mean(draws)).toBeCloseTo(0, 1);
    expect(sd(draws)).toBeCloseTo(1, 1);
    expect(draws.filter((x) => Math.abs(x) < 1.96).length / draws.length).toBeCloseTo(0.95, 2);
  });
});

describe('ar1Samples', () => {
  const o = { seed: 5, start: 0, end: 400 * DAY, stepMs: 30 * MIN, correlationTimeMs: 3 * HOUR, mean: 10, sd: 2 };

  it('samples at every step of [start, end)', () => {
    const samples = ar1Samples({ ...o, end: 2 * HOUR });
    expect(samples.map((s) => s.at)).toEqual([0, 30 * MIN, 60 * MIN, 90 * MIN]);
  });

  it('is deterministic for a seed', () => {
    expect(ar1Samples({ ...o, end: DAY })).toEqual(ar1Samples({ ...o, end: DAY }));
  });

  it('has the asked mean, marginal sd and lag-1 correlation exp(−step/τ)', () => {
    const values = ar1Samples(o).map((s) => s.value);
    const m = mean(values);
    const lag1 =
      values.slice(1).reduce((sum, x, i) => sum + (x - m) * (values[i] - m), 0) /
      values.reduce((sum, x) => sum + (x - m) ** 2, 0);
    expect(m).toBeCloseTo(10, 1);
    expect(sd(values)).toBeCloseTo(2, 1);
    // 19,200 values: the lag-1 estimate's standard error is √((1 − ρ²)/n) ≈ 0.004.
    expect(Math.abs(lag1 - Math.exp(-1 / 6))).toBeLessThan(0.015);
  });

  it('adds the shift at its time', () => {
    const plain = ar1Samples({ ...o, end: DAY });
    const shifted = ar1Samples({ ...o, end: DAY, shift: (at) => (at >= 12 * HOUR ? -1 : 0) });
    shifted.forEach((s, i) => expect(s.value - plain[i].value).toBeCloseTo(s.at >= 12 * HOUR ? -1 : 0, 12));
  });

  it('a correlation time of 0 gives independent values', () => {
    const values = ar1Samples({ ...o, correlationTimeMs: 0, end: 100 * DAY }).map((s) => s.value);
    const m = mean(values);
    const lag1 =
      values.slice(1).reduce((sum, x, i) => sum + (x - m) * (values[i] - m), 0) /
      values.reduce((sum, x) => sum + (x - m) ** 2, 0);
    expect(Math.abs(lag1)).toBeLessThan(0.05);
  });

  it('refuses a step that is not positive', () => {
    expect(() => ar1Samples({ ...o, stepMs: 0 })).toThrow(RangeError);
  });
});
