/**
 * Local calendar arithmetic in an IANA time zone, through the platform's Intl (ICU) data, so the
 * clock and the zone rules are arguments and nothing here reads the host's own zone.
 */

/** A calendar date; month 1..12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;
// Offsets stay within ±14 h and transitions are months apart, so the offsets a day before and a day
// after a local midnight are the two that can apply at it.
const AROUND_MS = DAY_MS;

// A zone name, not a POSIX offset: "+05:00" would be read with opposite signs by different parsers.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `name` is an IANA time zone this platform knows (`UTC`, `Europe/Berlin`). */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== 'string' || !ZONE_NAME.test(name)) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The local wall-clock time at `at`, as if that wall clock were UTC (epoch ms, whole seconds). */
function wallClock(timeZone: string, at: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** The zone's offset from UTC at `at`, in ms (Berlin in winter: +3,600,000). */
export function zoneOffsetMs(timeZone: string, at: number): number {
  return wallClock(timeZone, at) - (at - (((at % 1000) + 1000) % 1000));
}

/** The local calendar date at `at`. */
export function localDateAt(timeZone: string, at: number): LocalDate {
  const wall = new Date(wallClock(timeZone, at));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** The date `days` days after `date` (negative: before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 for Monday … 6 for Sunday (ISO weeks start on Monday). */
export function isoWeekday(date: LocalDate): number {
  return (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;
}

function sameDate(a: LocalDate, b: LocalDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/**
 * The first instant of a local day: its midnight, or — where a transition skips midnight — the
 * transition itself (the day then starts at 01:00). Where midnight happens twice, the first one.
 * Null for a day the zone skipped altogether (Pacific/Apia, 30 December 2011).
 */
export function startOfLocalDay(timeZone: string, date: LocalDate): number | null {
  const midnight = Date.UTC(date.year, date.month - 1, date.day);
  const candidates = [
    midnight - zoneOffsetMs(timeZone, midnight - AROUND_MS),
    midnight - zoneOffsetMs(timeZone, midnight + AROUND_MS),
  ];
  const onThatDay = candidates.filter((at) => sameDate(localDateAt(timeZone, at), date));
  return onThatDay.length === 0 ? null : Math.min(...onThatDay);
}
