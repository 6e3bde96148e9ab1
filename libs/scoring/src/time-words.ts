import type { Millis } from './scoring.types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The UTC calendar day, e.g. 2026-10-01: how flags name a due date. */
export function isoDay(at: Millis): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The UTC instant, e.g. 2026-10-01T12:00:00.000Z: how windows are named in a check's error. */
export function isoTime(at: Millis): string {
  return new Date(at).toISOString();
}

const UNITS: ReadonlyArray<[size: number, unit: string]> = [
  [DAY, 'day'],
  [HOUR, 'hour'],
  [MINUTE, 'minute'],
  [1_000, 'second'],
];

/**
 * A length of time in exact words down to the second, e.g. "3 days 12 hours", "1 minute 30 seconds".
 * Exact because reasons compare spans ("shipped 3 days 11 hours ago, waits for 3 days 12 hours"):
 * rounding to one unit made half of 7 days read as "3 days". Only a part of a second is dropped.
 */
export function spanInWords(ms: Millis): string {
  let rest = Math.abs(ms);
  const parts: string[] = [];
  for (const [size, unit] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
  }
  return parts.length === 0 ? '0 seconds' : parts.join(' ');
}

/** A progress or gain for people: at most three decimals, no trailing zeros (0.1, 0.05, 0.333). */
export function decimal(value: number): string {
  return String(Number(value.toFixed(3)));
}
