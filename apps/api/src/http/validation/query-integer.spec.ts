import { describe, expect, it } from '@jest/globals';
import { toQueryInteger } from './query-integer.decorator';

describe('toQueryInteger', () => {
  it.each([
    ['16', 16],
    ['0', 0],
    ['-1', -1],
    ['007', 7],
  ])('reads %j as %d', (text, number) => {
    expect(toQueryInteger(text)).toBe(number);
  });

  it.each(['0x10', '1e1', '16.0', '+16', ' 16', '16 ', '0b10', '0o20', '', 'Infinity', '1'.repeat(16)])(
    'leaves %j as text for the validator to refuse',
    (text) => {
      expect(toQueryInteger(text)).toBe(text);
    },
  );

  it('leaves non-text (a repeated parameter) unchanged', () => {
    expect(toQueryInteger(['1', '2'])).toEqual(['1', '2']);
  });
});
