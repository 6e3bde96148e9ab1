import { describe, expect, it } from '@jest/globals';
import { dayRangeInWords, decimal, isoDay, isoTime, spanInWords } from './time-words';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('time words', () => {
  it.each<[number, string]>([
    [0, '0 seconds'],
    [999, '0 seconds'],
    [SECOND, '1 second'],
    [59 * SECOND, '59 seconds'],
    [MINUTE, '1 minute'],
    [MINUTE + SECOND, '1 minute 1 second'],
    [90 * MINUTE, '1 hour 30 minutes'],
    [2 * HOUR, '2 hours'],
    [DAY - 1, '23 hours 59 minutes 59 seconds'],
    [DAY, '1 day'],
    [DAY + HOUR, '1 day 1 hour'],
    // Half of a 7-day evaluation window: never "3 days".
    [3.5 * DAY, '3 days 12 hours'],
    [3.5 * DAY - SECOND, '3 days 11 hours 59 minutes 59 seconds'],
    [12 * DAY + 5 * HOUR, '12 days 5 hours'],
    [2 * DAY + 30 * SECOND, '2 days 30 seconds'],
    [-3 * DAY, '3 days'],
  ])('%d ms is %s', (ms, words) => {
    expect(spanInWords(ms)).toBe(words);
  });

  it('never names two different spans alike down to the second', () => {
    const spans = [3.5 * DAY, 3.5 * DAY - SECOND, 3 * DAY, 3 * DAY + MINUTE, 84 * HOUR - MINUTE];
    expect(new Set(spans.map(spanInWords)).size).toBe(spans.length);
  });

  it('names days and instants in UTC', () => {
    expect(isoDay(Date.UTC(2026, 9, 1, 23, 59))).toBe('2026-10-01');
    expect(isoTime(Date.UTC(2026, 9, 1, 12))).toBe('2026-10-01T12:00:00.000Z');
  });

  it.each<[number, string]>([
    [0.1, '0.1'],
    [0.05, '0.05'],
    [1 / 3, '0.333'],
    [0.15000000000000002, '0.15'],
    [1, '1'],
    [0, '0'],
  ])('%d reads as %s', (value, text) => {
    expect(decimal(value)).toBe(text);
  });
});

describe('dayRangeInWords', () => {
  const at = (month: number, day: number, hour = 0, minute = 0, year = 2026) =>
    Date.UTC(year, month - 1, day, hour, minute);

  it.each<[string, number, number, string]>([
    ['days of one month', at(11, 10, 6), at(11, 14, 6), '10–14 Nov'],
    ['an end at midnight covers nothing of its day', at(10, 18), at(11, 1), '18–31 Oct'],
    ['across months', at(10, 28, 12), at(11, 3, 12), '28 Oct–3 Nov'],
    ['across years', at(12, 28), at(1, 3, 12, 0, 2027), '28 Dec 2026–3 Jan 2027'],
    ['two whole days', at(11, 14), at(11, 16), '14–15 Nov'],
    ['less than two days, within a day', at(11, 14, 6), at(11, 14, 12, 30), '14 Nov 06:00–12:30'],
    ['less than two days, across midnight', at(11, 13, 12), at(11, 14, 6), '13 Nov 12:00–14 Nov 06:00'],
    ['less than two days, across a year', at(12, 31, 18), at(1, 1, 6, 0, 2027), '31 Dec 2026 18:00–1 Jan 2027 06:00'],
    ['an empty range', at(11, 14, 6), at(11, 14, 6), '14 Nov 06:00–06:00'],
  ])('%s: %s', (_, start, end, words) => {
    expect(dayRangeInWords({ start, end })).toBe(words);
  });
});
