import { addDays, isoWeekday, localDateAt, startOfLocalDay } from './time-zone';

export type BurndownInterval = 'day' | 'week';

export const BURNDOWN_INTERVALS: readonly BurndownInterval[] = ['day', 'week'];

/** Ranges up to this long default to daily buckets, longer ones to weekly. */
export const DAILY_RANGE_LIMIT_MS = 92 * 86_400_000;

/** `interval=day` when the range is at most 92 days, else `week`. */
export function defaultInterval(from: number, to: number): BurndownInterval {
  return to - from <= DAILY_RANGE_LIMIT_MS ? 'day' : 'week';
}

/**
 * The starts of the local days (or ISO weeks, Monday first) in `timeZone` that overlap [from, to):
 * the first is the start of the bucket holding `from`, the last starts before `to`. A local day is
 * 23 or 25 hours across a daylight-saving change. Stops after `limit + 1` starts, so a caller can
 * refuse an over-long range without generating all of it.
 */
export function bucketStarts(
  from: number,
  to: number,
  interval: BurndownInterval,
  timeZone: string,
  limit: number,
): number[] {
  const step = interval === 'day' ? 1 : 7;
  let date = localDateAt(timeZone, from);
  if (interval === 'week') date = addDays(date, -isoWeekday(date));
  const starts: number[] = [];
  for (;;) {
    // A day the zone skipped (never a Monday so far) has no start and no bucket.
    const at = startOfLocalDay(timeZone, date);
    if (at !== null) {
      if (at >= to || starts.length > limit) return starts;
      starts.push(at);
    }
    date = addDays(date, step);
  }
}
