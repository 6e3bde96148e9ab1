import { SEASON_PERIOD_MS, type Seasonality } from '@app/domain';
import { zoneOffsetMs } from '../burndown/time-zone';
import type { Millis, Sample } from '../scoring.types';

/**
 * Like-with-like comparison (docs/scoring.md, "Seasonality"). Traffic-driven metrics have a daily or weekly
 * rhythm: a window that covers only a quiet weekend would look like an improvement against a baseline of
 * whole weeks. The baseline's samples define a profile (each phase bucket's mean minus the overall mean);
 * subtracting a sample's bucket value removes the rhythm, so every window is judged as if it had the
 * baseline's mix of hours. Buckets are local hours in the metric's time zone, so "Monday 09:00" stays
 * Monday 09:00 across daylight-saving changes.
 */

export type { Seasonality } from '@app/domain';
export type SeasonalPeriod = Exclude<Seasonality, 'none'>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// 1 January 1970 was a Thursday: day 0 of the epoch is weekday 3 counted from Monday = 0.
const EPOCH_WEEKDAY = 3;

/** Period length: daily 1d, weekly 7d. */
export function seasonPeriodMs(seasonality: SeasonalPeriod): Millis {
  return SEASON_PERIOD_MS[seasonality];
}

/** How many phase buckets a profile has: 24 hours of a day, 168 hours of a week. */
export function bucketCount(seasonality: SeasonalPeriod): number {
  return seasonPeriodMs(seasonality) / HOUR_MS;
}

/** The phase bucket of an instant in a time zone: daily → local hour of day 0..23; weekly → local hour of week 0..167, Monday 00:00 = 0. */
export function phaseBucket(at: Millis, seasonality: SeasonalPeriod, timeZone: string): number {
  const local = at + zoneOffsetMs(timeZone, at);
  const day = Math.floor(local / DAY_MS);
  const hour = Math.floor((local - day * DAY_MS) / HOUR_MS);
  if (seasonality === 'daily') return hour;
  const weekday = (((day + EPOCH_WEEKDAY) % 7) + 7) % 7;
  return weekday * 24 + hour;
}

/**
 * Per bucket: the bucket's mean minus the overall mean of the samples (24 or 168 entries); a bucket without
 * a sample is 0 (nothing known about it, so it is left as it is). Non-finite values are ignored.
 */
export function seasonalProfile(samples: readonly Sample[], seasonality: SeasonalPeriod, timeZone: string): number[] {
  const buckets = bucketCount(seasonality);
  const sums = new Array<number>(buckets).fill(0);
  const counts = new Array<number>(buckets).fill(0);
  let total = 0;
  let count = 0;
  for (const { at, value } of samples) {
    if (!Number.isFinite(value)) continue;
    const bucket = phaseBucket(at, seasonality, timeZone);
    sums[bucket] += value;
    counts[bucket]++;
    total += value;
    count++;
  }
  const overall = count > 0 ? total / count : 0;
  return sums.map((sum, bucket) => (counts[bucket] > 0 ? sum / counts[bucket] - overall : 0));
}

/**
 * Each sample minus its bucket's profile value (like-with-like adjustment). On the baseline's own samples
 * this keeps their mean exactly: the profile's offsets, weighted by how many samples each bucket holds,
 * sum to zero.
 */
export function deseasonalize(
  samples: readonly Sample[],
  profile: readonly number[],
  seasonality: SeasonalPeriod,
  timeZone: string,
): Sample[] {
  const buckets = bucketCount(seasonality);
  if (profile.length !== buckets) {
    throw new RangeError(`a ${seasonality} profile has ${buckets} buckets, got ${profile.length}`);
  }
  return samples.map(({ at, value }) => ({ at, value: value - profile[phaseBucket(at, seasonality, timeZone)] }));
}
