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

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A range of instants as the days it covers, in UTC, the way a reader finds them on a graph's axis: "10–14 Nov",
 * "28 Oct–3 Nov", "28 Dec 2026–3 Jan 2027", "14 Nov". An end at exactly midnight covers nothing of its day, so
 * [18 Oct, 1 Nov) reads "18–31 Oct". A range shorter than two days names its hours too: "14 Nov 06:00–12:00".
 */
export function dayRangeInWords(range: { start: Millis; end: Millis }): string {
  const start = new Date(range.start);
  if (range.end - range.start < 2 * DAY) return hourRange(start, new Date(range.end));
  const last = new Date(Math.max(range.start, range.end - 1));
  const sameYear = start.getUTCFullYear() === last.getUTCFullYear();
  const sameMonth = sameYear && start.getUTCMonth() === last.getUTCMonth();
  const year = (d: Date) => (sameYear ? '' : ` ${d.getUTCFullYear()}`);
  const lastText = `${last.getUTCDate()} ${MONTHS[last.getUTCMonth()]}${year(last)}`;
  if (sameMonth && start.getUTCDate() === last.getUTCDate()) return lastText;
  if (sameMonth) return `${start.getUTCDate()}–${lastText}`;
  return `${start.getUTCDate()} ${MONTHS[start.getUTCMonth()]}${year(start)}–${lastText}`;
}

function hourRange(start: Date, end: Date): string {
  const day = (d: Date) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  const hour = (d: Date) => d.toISOString().slice(11, 16);
  const sameDay = start.toISOString().slice(0, 10) === end.toISOString().slice(0, 10);
  const yearText = start.getUTCFullYear() === end.getUTCFullYear() ? '' : ` ${start.getUTCFullYear()}`;
  if (sameDay) return `${day(start)} ${hour(start)}–${hour(end)}`;
  return `${day(start)}${yearText} ${hour(start)}–${day(end)}${yearText ? ` ${end.getUTCFullYear()}` : ''} ${hour(end)}`;
}
