export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

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
  const local = localParts(now.getTime(), schedule.timezone);
  // Local calendar dates as UTC midnights: plain day arithmetic, no zone in the way.
  const today = Date.UTC(local.year, local.month - 1, local.day);
  const back = (isoWeekday(today) - (WEEKDAYS.indexOf(schedule.weekday) + 1) + 7) % 7;
  let date = today - back * DAY;
  let at = zonedInstant(date, hour, minute, schedule.timezone);
  if (at > now.getTime()) {
    date -= 7 * DAY;
    at = zonedInstant(date, hour, minute, schedule.timezone);
  }
  return { week: isoWeekKey(date), scheduledAt: new Date(at) };
}

/** `YYYY-Www` of a calendar date given as its UTC midnight. */
export function isoWeekKey(dateUtcMidnight: number): string {
  // The ISO week's year is the year of its Thursday.
  const thursday = dateUtcMidnight + (4 - isoWeekday(dateUtcMidnight)) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** 1 = Monday … 7 = Sunday. */
function isoWeekday(dateUtcMidnight: number): number {
  return ((new Date(dateUtcMidnight).getUTCDay() + 6) % 7) + 1;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(ms: number, timeZone: string): LocalParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The zone's offset from UTC at an instant, in ms (local wall clock minus UTC). */
function offsetAt(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a local wall-clock time happens in a zone. Across a DST change the first guess uses
 * the wrong offset; the second uses the offset in force at the answer. A time skipped by a spring
 * change lands an hour later, as clocks do.
 */
function zonedInstant(dateUtcMidnight: number, hour: number, minute: number, timeZone: string): number {
  const wall = dateUtcMidnight + hour * 3_600_000 + minute * 60_000;
  const guess = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(guess, timeZone);
}
