import { describe, expect, it } from '@jest/globals';
import { isInstant, parseInstant } from './instant';

describe('isInstant', () => {
  it.each([
    '2025-01-31T14:05:00Z',
    '2025-01-31T14:05:00.123Z',
    '2025-01-31T14:05:00.123456Z',
    '2025-01-31T14:05Z',
    '2025-01-31T14:05:00+01:00',
    '2025-01-31T14:05:00-0530',
    '2024-02-29T00:00:00Z',
  ])('accepts %s', (value) => {
    expect(isInstant(value)).toBe(true);
  });

  it.each([
    ['a time without a zone', '2025-01-31T14:05:00'],
    ['a calendar date without a time', '2025-01-31'],
    ['a calendar date with a zone but no time', '2025-01-31Z'],
    ['a day that does not exist', '2025-02-30T00:00:00Z'],
    ['a leap day in a common year', '2025-02-29T00:00:00Z'],
    ['hour 25', '2025-01-31T25:00:00Z'],
    ['a space as separator', '2025-01-31 14:05:00Z'],
    ['a week date', '2025-W05-1'],
    ['words', 'yesterday'],
    ['an empty string', ''],
    ['a number', 1738332300000],
    ['null', null],
  ])('refuses %s', (_name, value) => {
    expect(isInstant(value)).toBe(false);
  });

  it('parses to the instant meant, whatever the offset', () => {
    expect(parseInstant('2025-01-31T15:05:00+01:00').toISOString()).toBe('2025-01-31T14:05:00.000Z');
  });
});
