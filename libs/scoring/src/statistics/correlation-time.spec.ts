import { describe, expect, it } from '@jest/globals';
import type { Sample } from '../scoring.types';
import { ar1Samples } from '../testing/ar1';
import { correlationTimeMs, medianSpacingMs } from './correlation-time';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 9, 1);

const series = (values: number[], stepMs = 5 * MIN): Sample[] =>
  values.map((value, i) => ({ at: T0 + i * stepMs, value }));

describe('medianSpacingMs', () => {
  it.each<[string, number[], number]>([
    ['regular', [0, 5, 10, 15], 5],
    ['one missing scrape does not move it', [0, 5, 10, 20, 25], 5],
    ['even number of gaps: the mean of the middle two', [0, 1, 3, 6, 10], 2.5],
    ['one sample: no spacing', [0], 0],
  ])('%s', (_case, minutes, expectedMinutes) => {
    expect(medianSpacingMs(minutes.map((m) => ({ at: m * MIN, value: 1 })))).toBe(expectedMinutes * MIN);
  });
});

describe('correlationTimeMs', () => {
  it.each<[string, number[]]>([
    ['fewer than 3 samples', [1, 2]],
    ['a constant series has nothing to correlate', [4, 4, 4, 4, 4, 4]],
    ['alternating: lag 1 is negative', [1, -1, 1, -1, 1, -1, 1, -1]],
    ['non-finite values do not count: 2 finite left', [1, Number.NaN, 2, Number.POSITIVE_INFINITY]],
  ])('%s → 0', (_case, values) => {
    expect(correlationTimeMs(series(values))).toBe(0);
  });

  it('lag 1 already below 1/e but above 0: the decay through lag 1', () => {
    // Deviations ±½ in pairs: c₀ = ¼, c₁ = ¼ / 7, so r₁ = 1/7 and τ = spacing / ln 7.
    expect(correlationTimeMs(series([0, 0, 1, 1, 0, 0, 1, 1]))).toBeCloseTo((5 * MIN) / Math.log(7), 6);
  });

  it('a trend 1..8 crosses 1/e between lags 1 and 2, interpolated on log r', () => {
    // Deviations −3.5..3.5: c₀ = 42/8, c₁ = 26.25/7, c₂ = 11.5/6, so r₁ = 5/7 and r₂ = 23/63 (just below 1/e).
    const r1 = 5 / 7;
    const r2 = 23 / 63;
    const lags = 1 + Math.log(r1 * Math.E) / Math.log(r1 / r2); // ≈ 1.989
    expect(correlationTimeMs(series([1, 2, 3, 4, 5, 6, 7, 8]))).toBeCloseTo(lags * 5 * MIN, 6);
  });

  it('interpolates linearly when the autocorrelation crosses into negative values', () => {
    // 0,0,0,0,0,1,1: deviations −2/7 (×5) and 5/7 (×2); c₀ = 10/49, c₁ = 31/294, c₂ = −8/245,
    // so r₁ = 31/60 and r₂ = −0.16: the crossing is (r₁ − 1/e)/(r₁ − r₂) past lag 1.
    const r1 = 31 / 60;
    const r2 = -0.16;
    const lags = 1 + (r1 - Math.exp(-1)) / (r1 - r2); // ≈ 1.220
    expect(correlationTimeMs(series([0, 0, 0, 0, 0, 1, 1], 10 * MIN))).toBeCloseTo(lags * 10 * MIN, 6);
  });

  it.each<[number, number]>([
    [30 * MIN, 5 * MIN],
    [3 * HOUR, 5 * MIN],
    [3 * HOUR, 30 * MIN],
    [6 * HOUR, 30 * MIN],
    [12 * HOUR, HOUR],
  ])('a long AR(1) series with correlation time %p ms at step %p ms: within 15 %', (truth, stepMs) => {
    const samples = ar1Samples({
      seed: 7,
      start: T0,
      end: T0 + 200 * DAY,
      stepMs,
      correlationTimeMs: truth,
      mean: 5,
      sd: 2,
    });
    expect(Math.abs(correlationTimeMs(samples) / truth - 1)).toBeLessThan(0.15);
  });

  it('irregular gaps: lags are counted in samples at the median spacing', () => {
    const regular = ar1Samples({
      seed: 3,
      start: T0,
      end: T0 + 60 * DAY,
      stepMs: 10 * MIN,
      correlationTimeMs: 2 * HOUR,
      mean: 0,
      sd: 1,
    });
    // Every 7th gap doubled (a missed scrape): the median spacing stays 10 minutes, the values are the same.
    let at = T0;
    const irregular = regular.map((sample, i) => {
      if (i > 0) at += i % 7 === 0 ? 20 * MIN : 10 * MIN;
      return { at, value: sample.value };
    });
    expect(medianSpacingMs(irregular)).toBe(10 * MIN);
    expect(correlationTimeMs(irregular)).toBe(correlationTimeMs(regular));
  });
});
