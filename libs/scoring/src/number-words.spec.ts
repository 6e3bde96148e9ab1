import { describe, expect, it } from '@jest/globals';
import { numberInWords, numbersInWords } from './number-words';

describe('numberInWords', () => {
  it.each<[number, string]>([
    [0.8, '0.8'],
    [0.62134, '0.621'],
    [0.5556, '0.556'],
    [512.34, '512'],
    [1234.5, '1230'],
    [12_345_678, '12300000'],
    [0.000123456, '0.000123'],
    [-42.42, '-42.4'],
    [-0, '0'],
    [0, '0'],
    [1, '1'],
  ])('%d reads as %s', (value, text) => {
    expect(numberInWords(value)).toBe(text);
  });

  it('takes the digits asked for', () => {
    expect(numberInWords(0.0123, 1)).toBe('0.01');
    expect(numberInWords(2 / 3, 5)).toBe('0.66667');
  });
});

describe('numbersInWords', () => {
  it('keeps three significant digits while they tell the numbers apart', () => {
    expect(numbersInWords([0.62, 0.56, 0.8])).toEqual(['0.62', '0.56', '0.8']);
  });

  it('adds digits until numbers that differ read differently, all to the same precision', () => {
    // 1 % below a baseline of 512: 506.88, and a value of 507.1 just short of it.
    expect(numbersInWords([507.1, 506.88, 512])).toEqual(['507.1', '506.9', '512']);
    expect(numbersInWords([100.0004, 100])).toEqual(['100.0004', '100']);
  });

  it('lets equal numbers read alike', () => {
    expect(numbersInWords([400, 400, 500])).toEqual(['400', '400', '500']);
  });

  it('stops at the precision of a double', () => {
    const a = 0.1 + 0.2;
    expect(numbersInWords([a, 0.3])).toEqual(['0.30000000000000004', '0.3']);
  });
});
