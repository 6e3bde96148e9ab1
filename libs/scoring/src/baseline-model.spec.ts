import { describe, expect, it } from '@jest/globals';
import { adjustSamples, measureBaselineModel, needsBaselineModel } from './baseline-model';
import type { MetricSpec, Sample } from './scoring.types';
import { blockMeans } from './statistics/block-means';
import { correlationTimeMs } from './statistics/correlation-time';
import { ar1Samples } from './testing/ar1';
import { testBlockMs } from './statistics/test-blocks';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const END = Date.UTC(2026, 9, 1);

type Seasonal = Pick<MetricSpec, 'baselineEnd' | 'baselineWindowMs' | 'seasonality' | 'timeZone'>;
const spec = (overrides: Partial<Seasonal> = {}): Seasonal => ({
  baselineEnd: END,
  baselineWindowMs: 14 * DAY,
  seasonality: 'none',
  timeZone: 'UTC',
  ...overrides,
});

/** Every 30 minutes over the 14 baseline days: a slow wave (a correlation time of hours) plus a daily rhythm. */
function baseline(daily: number): Sample[] {
  const out: Sample[] = [];
  for (let at = END - 14 * DAY + 15 * 60_000; at < END; at += 30 * 60_000) {
    const hour = new Date(at).getUTCHours();
    out.push({ at, value: 100 + 10 * Math.sin(at / (9 * HOUR)) + (hour < 12 ? daily : -daily) });
  }
  return out;
}

describe('needsBaselineModel', () => {
  it.each<[number | null, MetricSpec['seasonality'], boolean]>([
    [null, 'none', false],
    [0.95, 'none', true],
    [null, 'daily', true],
    [null, 'weekly', true],
    [0.9, 'weekly', true],
  ])('confidence %p, seasonality %s → %s', (confidence, seasonality, needed) => {
    expect(needsBaselineModel({ confidence, seasonality })).toBe(needed);
  });
});

describe('measureBaselineModel', () => {
  it('blocks of at least 4 correlation times, from the samples as fetched, tiling the baseline range', () => {
    const samples = baseline(0);
    const model = measureBaselineModel(samples, spec());
    const correlation = correlationTimeMs(samples);
    expect(correlation).toBeGreaterThan(HOUR);
    expect(model.correlationTimeMs).toBe(correlation);
    expect(model.blockMs).toBe(testBlockMs(correlation, 30 * 60_000, 14 * DAY));
    expect(model.blockMs).toBeGreaterThanOrEqual(4 * correlation);
    expect(model.blockMeans).toEqual(blockMeans(samples, { start: END - 14 * DAY, end: END }, model.blockMs));
    expect(model.profile).toBeNull();
  });

  it('with seasonality: a profile, and block means of the adjusted samples', () => {
    const samples = baseline(20);
    const model = measureBaselineModel(samples, spec({ seasonality: 'daily' }));
    expect(model.profile).toHaveLength(24);
    // The rhythm is ±20 around the wave: the profile finds it to within the wave's leftovers.
    expect(model.profile![3]).toBeCloseTo(20, 0);
    expect(model.profile![15]).toBeCloseTo(-20, 0);
    const adjusted = adjustSamples(samples, spec({ seasonality: 'daily' }), model.profile)!;
    expect(model.blockMeans).toEqual(blockMeans(adjusted, { start: END - 14 * DAY, end: END }, model.blockMs));
    // The correlation time is read after adjusting: the daily rhythm is not a correlation of hours.
    expect(model.correlationTimeMs).toBe(correlationTimeMs(adjusted));
  });

  it('reads a weekly rhythm as a rhythm, not as a correlation of most of a day', () => {
    const weekend = (at: number) => ([0, 6].includes(new Date(at).getUTCDay()) ? -0.4 : 0);
    const noise = { seed: 5, start: END - 14 * DAY, end: END, correlationTimeMs: 3 * HOUR, mean: 1, sd: 0.05 };
    const samples = ar1Samples({ ...noise, stepMs: 30 * 60_000, shift: weekend });
    expect(correlationTimeMs(samples)).toBeGreaterThan(12 * HOUR);
    const model = measureBaselineModel(samples, spec({ seasonality: 'weekly' }));
    expect(model.correlationTimeMs).toBeLessThan(6 * HOUR);
    expect(model.blockMeans.length).toBeGreaterThanOrEqual(20);
  });

  it('a weekly profile has an offset per hour of the week', () => {
    expect(measureBaselineModel(baseline(5), spec({ seasonality: 'weekly' })).profile).toHaveLength(168);
  });
});

describe('adjustSamples', () => {
  const samples: Sample[] = [
    { at: END + 3 * HOUR, value: 10 },
    { at: END + 15 * HOUR, value: 10 },
  ];
  const profile = Array.from({ length: 24 }, (_, hour) => hour);

  it('leaves a non-seasonal metric’s samples as they are', () => {
    expect(adjustSamples(samples, spec(), null)).toEqual(samples);
  });

  it('subtracts each sample’s hour offset', () => {
    expect(adjustSamples(samples, spec({ seasonality: 'daily' }), profile)).toEqual([
      { at: END + 3 * HOUR, value: 7 },
      { at: END + 15 * HOUR, value: -5 },
    ]);
  });

  it('cannot adjust a seasonal metric without a profile', () => {
    expect(adjustSamples(samples, spec({ seasonality: 'daily' }), null)).toBeNull();
  });
});
