import { describe, expect, it } from '@jest/globals';
import { formatDuration, isDuration, MAX_DURATION_MS, parseDuration } from './duration';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseDuration', () => {
  it.each<[string, number]>([
    ['0ms', 0],
    ['1ms', 1],
    ['999ms', 999],
    ['1s', SECOND],
    ['90s', 90 * SECOND],
    ['30m', 30 * MINUTE],
    ['1m', MINUTE],
    ['6h', 6 * HOUR],
    ['14d', 14 * DAY],
    ['2w', 14 * DAY],
    ['0d', 0],
    ['007m', 7 * MINUTE],
    ['999999999ms', 999_999_999],
  ])('%s is %i ms', (text, ms) => {
    expect(isDuration(text)).toBe(true);
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    [''],
    ['14'],
    ['d'],
    ['1.5h'],
    ['-1h'],
    ['+1h'],
    ['1 h'],
    [' 1h'],
    ['1h '],
    ['1H'],
    ['1y'],
    ['1mo'],
    ['1h30m'],
    ['1e3ms'],
    ['1000000000ms'], // more than nine digits
  ])('rejects %j', (text) => {
    expect(isDuration(text)).toBe(false);
    expect(() => parseDuration(text)).toThrow(RangeError);
  });

  it.each([['5215w'], ['36501d'], ['999999999w']])('rejects %s as longer than 100 years', (text) => {
    expect(isDuration(text)).toBe(false);
    expect(() => parseDuration(text)).toThrow('at most 100 years');
  });

  it('accepts exactly 100 years', () => {
    expect(parseDuration('36500d')).toBe(MAX_DURATION_MS);
  });

  it('names the rejected text in the error', () => {
    expect(() => parseDuration('soon')).toThrow('"soon"');
  });
});

describe('formatDuration', () => {
  it.each<[number, string]>([
    [0, '0ms'],
    [1, '1ms'],
    [1_500, '1500ms'],
    [SECOND, '1s'],
    [90 * SECOND, '90s'],
    [MINUTE, '1m'],
    [90 * MINUTE, '90m'],
    [HOUR, '1h'],
    [36 * HOUR, '36h'],
    [DAY, '1d'],
    [6 * DAY, '6d'],
    [7 * DAY, '1w'],
    [14 * DAY, '2w'],
    [15 * DAY, '15d'],
    [DAY + 1, `${DAY + 1}ms`],
  ])('%i ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([[-1], [0.5], [Number.NaN], [Number.POSITIVE_INFINITY]])('rejects %p', (ms) => {
    expect(() => formatDuration(ms)).toThrow(RangeError);
  });

  it.each([['0ms'], ['1ms'], ['59s'], ['45m'], ['23h'], ['6d'], ['3w'], ['1234567ms']])(
    'round-trips %s through parse and format',
    (text) => {
      expect(formatDuration(parseDuration(text))).toBe(text);
    },
  );

  it('formats any parsed duration back to the same number of milliseconds', () => {
    for (const unit of ['ms', 's', 'm', 'h', 'd', 'w']) {
      for (const n of [1, 7, 24, 60, 1000, 5_000]) {
        const ms = parseDuration(`${n}${unit}`);
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }
    }
  });
});
