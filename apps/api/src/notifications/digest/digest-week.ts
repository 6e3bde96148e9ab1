import { WEEKDAYS, type Weekday } from '@app/config';
import { addDays, isoWeekday, localDateAt, zoneOffsetMs, type LocalDate } from '@app/scoring';

export interface DigestSchedule {
  weekday: Weekday;
  /** HH:MM, local time in `timezone`. */
  time: string;
  timezone: string;
}

/** One scheduled digest: the week it belongs to (ISO week of its local date) and when it was due. */
export interface DigestSlot {
  week: string;
  scheduledAt: Date;
}

const DAY = 86_400_000;

/**
 * The latest scheduled digest at or before `now`. Its week key names the digest: one per team and
 * week key is what the database lets exist, so a replica, a restart or a second trigger in the same
 * week finds it sent already.
 */
export function latestDigestSlot(schedule: DigestSchedule, now: Date): DigestSlot {
  const [hour, minute] = schedule.time.split(':').map(Number);
  const today = localDateAt(schedule.timezone, now.getTime());
  let date = addDays(today, -((isoWeekday(today) - WEEKDAYS.indexOf(schedule.weekday) + 7) % 7));
  let at = zonedInstant(date, hour, minute, schedule.timezone);
  if (at > now.getTime()) {
    date = addDays(date, -7);
    at = zonedInstant(date, hour, minute, schedule.timezone);
  }
  return { week: isoWeekKey(utcMidnight(date)), scheduledAt: new Date(at) };
}

/** `YYYY-Www` of a calendar date given as its UTC midnight. */
export function isoWeekKey(dateUtcMidnight: number): string {
  // The ISO week's year is the year of its Thursday.
  const thursday = dateUtcMidnight + (3 - isoWeekday(localDateAt('UTC', dateUtcMidnight))) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function utcMidnight(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day);
}

/**
 * The instant a local wall-clock time happens in a zone. Across a DST change the first guess uses
 * the wrong offset; the second uses the offset in force at the answer. A time skipped by a spring
 * change lands an hour later, as clocks do.
 */
function zonedInstant(date: LocalDate, hour: number, minute: number, timeZone: string): number {
  const wall = utcMidnight(date) + hour * 3_600_000 + minute * 60_000;
  const guess = wall - zoneOffsetMs(timeZone, wall);
  return wall - zoneOffsetMs(timeZone, guess);
}
