import { describe, expect, it } from '@jest/globals';
import { bucketStarts, defaultInterval, type BurndownInterval } from './burndown-buckets';

const DAY = 86_400_000;
const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number[]): string[] => ms.map((m) => new Date(m).toISOString());

describe('defaultInterval', () => {
  it.each<[number, BurndownInterval]>([
    [0, 'day'],
    [92 * DAY, 'day'],
    [92 * DAY + 1, 'week'],
    [365 * DAY, 'week'],
  ])('a range of %i ms is by %s', (length, interval) => {
    const from = at('2026-01-01T00:00:00Z');
    expect(defaultInterval(from, from + length)).toBe(interval);
  });
});

describe('bucketStarts', () => {
  it.each<[string, string, string, BurndownInterval, string, string[]]>([
    [
      'whole UTC days',
      '2026-03-02T00:00:00Z',
      '2026-03-05T00:00:00Z',
      'day',
      'UTC',
      ['2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z', '2026-03-04T00:00:00.000Z'],
    ],
    [
      'a start inside a day takes the whole day',
      '2026-03-02T15:00:00Z',
      '2026-03-03T00:00:01Z',
      'day',
      'UTC',
      ['2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'],
    ],
    [
      'a range inside one day',
      '2026-03-02T10:00:00Z',
      '2026-03-02T11:00:00Z',
      'day',
      'UTC',
      ['2026-03-02T00:00:00.000Z'],
    ],
    [
      'New York across spring forward: a 23-hour day',
      '2026-03-07T12:00:00Z',
      '2026-03-10T00:00:00Z',
      'day',
      'America/New_York',
      ['2026-03-07T05:00:00.000Z', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'],
    ],
    [
      'Berlin across the autumn change: a 25-hour day',
      '2026-10-24T22:00:00Z',
      '2026-10-27T00:00:00Z',
      'day',
      'Europe/Berlin',
      ['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', '2026-10-26T23:00:00.000Z'],
    ],
    [
      'a UTC instant that is still yesterday in New York',
      '2026-03-10T02:00:00Z',
      '2026-03-10T05:00:00Z',
      'day',
      'America/New_York',
      ['2026-03-09T04:00:00.000Z', '2026-03-10T04:00:00.000Z'],
    ],
    [
      'weeks start on Monday',
      '2026-11-26T10:00:00Z',
      '2026-12-08T00:00:00Z',
      'week',
      'UTC',
      ['2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z', '2026-12-07T00:00:00.000Z'],
    ],
    [
      'a Sunday belongs to the week before',
      '2026-11-29T23:00:00Z',
      '2026-11-30T00:00:00Z',
      'week',
      'UTC',
      ['2026-11-23T00:00:00.000Z'],
    ],
    [
      'Berlin weeks across spring forward',
      '2026-03-23T00:00:00Z',
      '2026-04-07T00:00:00Z',
      'week',
      'Europe/Berlin',
      ['2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z', '2026-04-05T22:00:00.000Z'],
    ],
    [
      'a skipped day has no bucket',
      '2011-12-29T12:00:00Z',
      '2011-12-31T12:00:00Z',
      'day',
      'Pacific/Apia',
      ['2011-12-29T10:00:00.000Z', '2011-12-30T10:00:00.000Z', '2011-12-31T10:00:00.000Z'],
    ],
  ])('%s', (_name, from, to, interval, zone, expected) => {
    expect(iso(bucketStarts(at(from), at(to), interval, zone, 1000))).toEqual(expected);
  });

  it('stops one past the limit, so an over-long range is refused without generating it', () => {
    const starts = bucketStarts(at('2000-01-01T00:00:00Z'), at('2030-01-01T00:00:00Z'), 'day', 'UTC', 10);
    expect(starts).toHaveLength(11);
    expect(new Date(starts[10]).toISOString()).toBe('2000-01-11T00:00:00.000Z');
  });

  it('a range of exactly the limit is allowed', () => {
    expect(bucketStarts(at('2026-01-01T00:00:00Z'), at('2026-01-11T00:00:00Z'), 'day', 'UTC', 10)).toHaveLength(10);
  });
});
