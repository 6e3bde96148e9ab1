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

/** A length of time in the largest whole unit, e.g. "12 days", "1 hour", "30 seconds" (rounded down). */
export function spanInWords(ms: Millis): string {
  const magnitude = Math.abs(ms);
  const [size, unit] = magnitude >= DAY ? [DAY, 'day'] : magnitude >= HOUR ? [HOUR, 'hour'] : magnitude >= MINUTE ? [MINUTE, 'minute'] : [1_000, 'second'];
  const count = Math.floor(magnitude / size);
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** A progress or gain for people: at most three decimals, no trailing zeros (0.1, 0.05, 0.333). */
export function decimal(value: number): string {
  return String(Number(value.toFixed(3)));
}
