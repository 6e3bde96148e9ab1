import { describe, expect, it } from '@jest/globals';
import { jsonInteger, quoteLongIntegers, signedProblem, unsignedProblem } from './json-int64';

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

describe('jsonInteger', () => {
  it.each([
    ['42', 42n],
    ['-9223372036854775808', -(2n ** 63n)],
    ['18446744073709551617', 2n ** 64n + 1n],
    [7, 7n],
    [1e20, 10n ** 20n],
    ['12.5', null],
    [12.5, null],
    ['abc', null],
    ['0x10', null],
    [' 5', null],
    ['+5', null],
    ['1e3', null],
    ['', null],
    ['9'.repeat(33), null],
    [true, null],
    [{}, null],
  ])('%j → %s', (value, expected) => {
    expect(jsonInteger(value)).toBe(expected);
  });
});

describe('signedProblem', () => {
  it.each([
    [undefined, null],
    [null, null],
    ['9223372036854775807', null],
    ['-9223372036854775808', null],
    ['9223372036854775808', 'bad_integer'],
    ['-9223372036854775809', 'bad_integer'],
    ['18446744073709551617', 'bad_integer'],
    [1e20, 'bad_integer'],
    ['12.5', 'bad_integer'],
  ])('%j → %s', (value, expected) => {
    expect(signedProblem(value)).toBe(expected);
  });
});

describe('unsignedProblem', () => {
  it.each([
    [undefined, false, null],
    ['18446744073709551615', false, null],
    ['18446744073709551616', false, 'bad_integer'],
    ['-1', false, 'bad_integer'],
    ['-1', true, 'negative_count'],
    [-3, true, 'negative_count'],
    ['-18446744073709551617', true, 'negative_count'],
    ['1.5', true, 'bad_integer'],
  ])('%j (count: %s) → %s', (value, count, expected) => {
    expect(unsignedProblem(value, count)).toBe(expected);
  });
});
