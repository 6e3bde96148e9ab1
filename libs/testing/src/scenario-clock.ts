/** Durations in ms, and the instant scoring scenarios hang their times on. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * Today's UTC midnight, read once per test file. Scenario times hang off it, so a metric's slots
 * (multiples of checkEvery from the epoch) and the burndown's UTC days fall on the times tests name.
 */
export const MIDNIGHT = Math.floor(Date.now() / DAY) * DAY;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
