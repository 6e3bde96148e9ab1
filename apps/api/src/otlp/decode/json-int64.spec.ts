import { describe, expect, it } from '@jest/globals';
import { quoteLongIntegers } from './json-int64';

describe('quoteLongIntegers', () => {
  it.each([
    ['{"t":1700000000123456789}', '{"t":"1700000000123456789"}'],
    ['[-1700000000123456789, 1]', '["-1700000000123456789", 1]'],
    ['{"v":123456789012345}', '{"v":123456789012345}'], // 15 digits: exact as a double
    ['{"v":1234567890123456.5}', '{"v":1234567890123456.5}'], // not an integer: left alone
    ['{"v":12345678901234567e2}', '{"v":12345678901234567e2}'],
    ['{"s":"1700000000123456789"}', '{"s":"1700000000123456789"}'],
    ['{"s":"a \\" 1700000000123456789"}', '{"s":"a \\" 1700000000123456789"}'],
    ['{"a":"x","b":17000000001234567890}', '{"a":"x","b":"17000000001234567890"}'],
  ])('%s', (input, expected) => {
    expect(quoteLongIntegers(input)).toBe(expected);
  });

  it('keeps nanosecond timestamps exact through JSON.parse', () => {
    const parsed = JSON.parse(quoteLongIntegers('{"timeUnixNano":1764150000123456789}')) as { timeUnixNano: string };
    expect(parsed.timeUnixNano).toBe('1764150000123456789');
  });
});
