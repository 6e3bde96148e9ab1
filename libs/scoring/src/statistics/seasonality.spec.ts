import { describe, expect, it } from '@jest/globals';
import type { Sample } from '../scoring.types';
import { ar1Samples } from '../testing/ar1';
import { deseasonalize, phaseBucket, seasonalProfile, seasonPeriodMs, type SeasonalPeriod } from './seasonality';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string): number => Date.parse(iso);
// Monday 5 October 2026, 00:00 UTC.
const MONDAY = at('2026-10-05T00:00:00Z');

describe('seasonPeriodMs', () => {
  it.each<[SeasonalPeriod, number]>([
    ['daily', DAY],
    ['weekly', 7 * DAY],
  ])('%s → %p ms', (seasonality, expected) => {
    expect(seasonPeriodMs(seasonality)).toBe(expected);
  });
});

describe('phaseBucket', () => {
  it.each<[string, string, SeasonalPeriod, string, number]>([
    ['UTC hour of day', '2026-10-05T13:45:00Z', 'daily', 'UTC', 13],
    ['UTC Monday 00:00 is the week’s first hour', '2026-10-05T00:00:00Z', 'weekly', 'UTC', 0],
    ['UTC Sunday 23:59 is the week’s last hour', '2026-10-04T23:59:59Z', 'weekly', 'UTC', 167],
    ['UTC Saturday 10:00', '2026-10-03T10:00:00Z', 'weekly', 'UTC', 5 * 24 + 10],
    ['before 1970: Monday 29 December 1969', '1969-12-29T00:30:00Z', 'weekly', 'UTC', 0],
    ['Berlin: Monday 00:00 CEST is Sunday 22:00 UTC', '2026-10-04T22:00:00Z', 'weekly', 'Europe/Berlin', 0],
    ['Berlin: one ms before is Sunday 23:xx local', '2026-10-04T21:59:59.999Z', 'weekly', 'Europe/Berlin', 167],
    ['Berlin, spring forward: 00:30 UTC is 01:30 CET', '2026-03-29T00:30:00Z', 'daily', 'Europe/Berlin', 1],
    [
      'Berlin, spring forward: 01:30 UTC is 03:30 CEST (02:xx skipped)',
      '2026-03-29T01:30:00Z',
      'daily',
      'Europe/Berlin',
      3,
    ],
    ['Berlin, spring forward, weekly: Sunday 03:30', '2026-03-29T01:30:00Z', 'weekly', 'Europe/Berlin', 6 * 24 + 3],
    ['New York, spring forward: 06:30 UTC is 01:30 EST', '2026-03-08T06:30:00Z', 'daily', 'America/New_York', 1],
    ['New York, spring forward: 07:30 UTC is 03:30 EDT', '2026-03-08T07:30:00Z', 'daily', 'America/New_York', 3],
    ['New York, fall back: 05:30 UTC is 01:30 EDT', '2026-11-01T05:30:00Z', 'weekly', 'America/New_York', 6 * 24 + 1],
    [
      'New York, fall back: 06:30 UTC is 01:30 EST, the same hour again',
      '2026-11-01T06:30:00Z',
      'weekly',
      'America/New_York',
      6 * 24 + 1,
    ],
    ['New York: Monday 00:00 EST is 05:00 UTC', '2026-11-02T05:00:00Z', 'weekly', 'America/New_York', 0],
  ])('%s', (_case, iso, seasonality, timeZone, expected) => {
    expect(phaseBucket(at(iso), seasonality, timeZone)).toBe(expected);
  });
});

/** Two weeks of hourly samples from Monday: `weekday` on Monday–Friday, `weekend` on Saturday and Sunday (UTC). */
function weekdayWeekend(start: number, days: number, weekday: number, weekend: number): Sample[] {
  return Array.from({ length: days * 24 }, (_, i) => {
    const time = start + i * HOUR;
    const dayOfWeek = Math.floor((time - MONDAY) / DAY) % 7;
    return { at: time, value: ((dayOfWeek % 7) + 7) % 7 >= 5 ? weekend : weekday };
  });
}

describe('seasonalProfile and deseasonalize', () => {
  const baseline = weekdayWeekend(MONDAY, 14, 10, 4);
  // 10 weekdays at 10 and 4 weekend days at 4: overall mean 116/14.
  const overall = 116 / 14;

  it('a weekday/weekend pattern: weekday hours +(10 − mean), weekend hours −(mean − 4)', () => {
    const profile = seasonalProfile(baseline, 'weekly', 'UTC');
    expect(profile).toHaveLength(168);
    profile.slice(0, 120).forEach((offset) => expect(offset).toBeCloseTo(10 - overall, 12));
    profile.slice(120).forEach((offset) => expect(offset).toBeCloseTo(4 - overall, 12));
  });

  it('the same pattern has no daily rhythm: every hour of day sees the same mix', () => {
    const profile = seasonalProfile(baseline, 'daily', 'UTC');
    expect(profile).toHaveLength(24);
    profile.forEach((offset) => expect(offset).toBeCloseTo(0, 12));
  });

  it('deseasonalize makes the pattern flat: a quiet weekend is judged as the weekly mix', () => {
    const profile = seasonalProfile(baseline, 'weekly', 'UTC');
    const weekendOnly = weekdayWeekend(MONDAY + 19 * DAY, 2, 10, 4); // Saturday and Sunday of the third week
    expect(weekendOnly.every((s) => s.value === 4)).toBe(true);
    for (const sample of [
      ...deseasonalize(baseline, profile, 'weekly', 'UTC'),
      ...deseasonalize(weekendOnly, profile, 'weekly', 'UTC'),
    ]) {
      expect(sample.value).toBeCloseTo(overall, 12);
    }
  });

  it('buckets in the metric’s time zone: local hour of day in Berlin', () => {
    // Hourly samples whose value is their Berlin hour, across the October DST change.
    const start = at('2026-10-20T00:00:00Z');
    const samples = Array.from({ length: 14 * 24 }, (_, i) => {
      const time = start + i * HOUR;
      return { at: time, value: phaseBucket(time, 'daily', 'Europe/Berlin') };
    });
    const profile = seasonalProfile(samples, 'daily', 'Europe/Berlin');
    const mean = samples.reduce((sum, s) => sum + s.value, 0) / samples.length;
    profile.forEach((offset, hour) => expect(offset).toBeCloseTo(hour - mean, 12));
    deseasonalize(samples, profile, 'daily', 'Europe/Berlin').forEach((s) => expect(s.value).toBeCloseTo(mean, 12));
  });

  it('a bucket with no sample is 0, and leaves its samples as they are', () => {
    // Office hours only: 09:00–16:59 UTC, value = hour.
    const samples = Array.from({ length: 7 * 8 }, (_, i) => ({
      at: MONDAY + Math.floor(i / 8) * DAY + (9 + (i % 8)) * HOUR,
      value: 9 + (i % 8),
    }));
    const profile = seasonalProfile(samples, 'daily', 'UTC');
    profile.forEach((offset, hour) => expect(offset).toBeCloseTo(hour >= 9 && hour <= 16 ? hour - 12.5 : 0, 12));
    const night = { at: MONDAY + 3 * HOUR, value: 42 };
    expect(deseasonalize([night], profile, 'daily', 'UTC')).toEqual([night]);
  });

  it('no samples: a flat profile', () => {
    expect(seasonalProfile([], 'weekly', 'UTC')).toEqual(new Array<number>(168).fill(0));
  });

  it('non-finite values do not shape the profile', () => {
    const samples = [
      { at: MONDAY, value: 1 },
      { at: MONDAY + HOUR, value: 3 },
      { at: MONDAY + 2 * HOUR, value: Number.NaN },
    ];
    const profile = seasonalProfile(samples, 'daily', 'UTC');
    expect(profile.slice(0, 3)).toEqual([-1, 1, 0]);
  });

  it.each<[string, string]>([
    ['UTC', 'daily'],
    ['Europe/Berlin', 'weekly'],
    ['America/New_York', 'weekly'],
  ])('the avg of the adjusted baseline equals the raw avg (%s, %s)', (timeZone, seasonality) => {
    // Irregular noise with a daily wave and a gap, so buckets hold different numbers of samples.
    const samples = ar1Samples({
      seed: 11,
      start: at('2026-03-01T00:00:00Z'),
      end: at('2026-03-22T00:00:00Z'),
      stepMs: 17 * 60_000,
      correlationTimeMs: 2 * HOUR,
      mean: 50,
      sd: 5,
      shift: (time) => 10 * Math.sin((2 * Math.PI * time) / DAY),
    }).filter((_, i) => i % 13 !== 0 && (i < 400 || i > 600));
    const period = seasonality as SeasonalPeriod;
    const adjusted = deseasonalize(samples, seasonalProfile(samples, period, timeZone), period, timeZone);
    const avg = (xs: Sample[]) => xs.reduce((sum, s) => sum + s.value, 0) / xs.length;
    expect(avg(adjusted)).toBeCloseTo(avg(samples), 9);
    // …and the adjustment did something: the spread shrank.
    const spread = (xs: Sample[]) => Math.max(...xs.map((s) => s.value)) - Math.min(...xs.map((s) => s.value));
    expect(spread(adjusted)).toBeLessThan(spread(samples));
  });

  it('refuses a profile of the wrong length', () => {
    expect(() => deseasonalize([{ at: MONDAY, value: 1 }], new Array<number>(24).fill(0), 'weekly', 'UTC')).toThrow(
      RangeError,
    );
  });
});
