import { describe, expect, it } from '@jest/globals';
import {
  addDays,
  isoWeekday,
  isTimeZone,
  localDateAt,
  startOfLocalDay,
  zoneOffsetMs,
  type LocalDate,
} from './time-zone';

const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);
const d = (year: number, month: number, day: number): LocalDate => ({ year, month, day });

describe('isTimeZone', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'europe/berlin'])(
    '%s is a zone',
    (name) => {
      expect(isTimeZone(name)).toBe(true);
    },
  );

  it.each<[unknown]>([
    ['Mars/Base'],
    [''],
    ['+05:00'],
    ['-0500'],
    ['Europe/../etc'],
    ['Europe/Berlin '],
    [42],
    [null],
    [undefined],
    [['UTC']],
  ])('%p is not', (name) => {
    expect(isTimeZone(name)).toBe(false);
  });
});

describe('zoneOffsetMs', () => {
  it.each<[string, string, number]>([
    ['UTC', '2026-01-15T12:00:00Z', 0],
    ['Europe/Berlin', '2026-01-15T12:00:00Z', HOUR],
    ['Europe/Berlin', '2026-07-15T12:00:00Z', 2 * HOUR],
    ['America/New_York', '2026-01-15T12:00:00Z', -5 * HOUR],
    ['America/New_York', '2026-03-08T06:59:59.999Z', -5 * HOUR],
    ['America/New_York', '2026-03-08T07:00:00Z', -4 * HOUR],
    ['Asia/Kolkata', '2026-01-15T12:00:00.123Z', 5.5 * HOUR],
    ['UTC', '1969-12-31T23:59:58.500Z', 0],
  ])('%s at %s is %i', (zone, instant, offset) => {
    expect(zoneOffsetMs(zone, at(instant))).toBe(offset);
  });
});

describe('localDateAt', () => {
  it.each<[string, string, LocalDate]>([
    ['UTC', '2026-03-09T03:30:00Z', d(2026, 3, 9)],
    ['America/New_York', '2026-03-09T03:30:00Z', d(2026, 3, 8)],
    ['America/New_York', '2026-03-09T04:00:00Z', d(2026, 3, 9)],
    ['Europe/Berlin', '2026-12-31T23:00:00Z', d(2027, 1, 1)],
    ['Europe/Berlin', '2026-12-31T22:59:59Z', d(2026, 12, 31)],
  ])('%s at %s', (zone, instant, date) => {
    expect(localDateAt(zone, at(instant))).toEqual(date);
  });
});

describe('addDays', () => {
  it.each<[LocalDate, number, LocalDate]>([
    [d(2026, 1, 31), 1, d(2026, 2, 1)],
    [d(2026, 12, 28), 7, d(2027, 1, 4)],
    [d(2028, 2, 28), 1, d(2028, 2, 29)],
    [d(2026, 3, 1), -1, d(2026, 2, 28)],
    [d(2026, 3, 5), 0, d(2026, 3, 5)],
  ])('%p + %i', (date, days, result) => {
    expect(addDays(date, days)).toEqual(result);
  });
});

describe('isoWeekday', () => {
  it.each<[LocalDate, number]>([
    [d(2026, 11, 23), 0],
    [d(2026, 11, 24), 1],
    [d(2026, 11, 28), 5],
    [d(2026, 11, 29), 6],
    [d(2026, 1, 1), 3],
  ])('%p is %i', (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });
});

describe('startOfLocalDay', () => {
  // Each zone with the local days tried in it and the UTC instant each starts at (null: it never happened).
  const days: [string, [LocalDate, string | null][]][] = [
    ['UTC', [[d(2026, 3, 8), '2026-03-08T00:00:00.000Z']]],
    // New York springs forward at 02:00 on 8 March 2026: the day starts at EST midnight, the next at EDT.
    [
      'America/New_York',
      [
        [d(2026, 3, 8), '2026-03-08T05:00:00.000Z'],
        [d(2026, 3, 9), '2026-03-09T04:00:00.000Z'],
        [d(2026, 11, 1), '2026-11-01T04:00:00.000Z'],
        [d(2026, 11, 2), '2026-11-02T05:00:00.000Z'],
      ],
    ],
    [
      'Europe/Berlin',
      [
        [d(2026, 3, 29), '2026-03-28T23:00:00.000Z'],
        [d(2026, 3, 30), '2026-03-29T22:00:00.000Z'],
        [d(2026, 10, 25), '2026-10-24T22:00:00.000Z'],
        [d(2026, 10, 26), '2026-10-25T23:00:00.000Z'],
      ],
    ],
    [
      'America/Santiago',
      [
        // Santiago skips midnight when summer time starts (the day begins at 01:00 -03) ...
        [d(2026, 9, 6), '2026-09-06T04:00:00.000Z'],
        // ... and when it ends, 00:00 -03 becomes 23:00 -04 of the day before: the day begins at 00:00 -04.
        [d(2026, 4, 5), '2026-04-05T04:00:00.000Z'],
      ],
    ],
    ['Asia/Kolkata', [[d(2026, 1, 1), '2025-12-31T18:30:00.000Z']]],
    // Samoa crossed the date line: 30 December 2011 never happened there.
    [
      'Pacific/Apia',
      [
        [d(2011, 12, 29), '2011-12-29T10:00:00.000Z'],
        [d(2011, 12, 30), null],
        [d(2011, 12, 31), '2011-12-30T10:00:00.000Z'],
      ],
    ],
  ];
  it.each(days.flatMap(([zone, starts]) => starts.map(([date, iso]) => [zone, date, iso] as const)))(
    '%s %p starts at %s',
    (zone, date, iso) => {
      const start = startOfLocalDay(zone, date);
      expect(start === null ? null : new Date(start).toISOString()).toBe(iso);
    },
  );
});
