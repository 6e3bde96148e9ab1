import { describe, expect, it } from '@jest/globals';
import { mentionsNumber } from './numbers-in-text';

describe('mentionsNumber (the reading of numbers in reasons)', () => {
  it.each([
    ['avg 0.62 s over 10–14 Nov vs goal ≤ 0.56', 0.6234, true],
    ['avg 0.62 s', 0.6261, false],
    ['avg 0.5 s', 0.4937, false],
    ['goal ≤ 0.50', 0.495, false],
    ['goal ≤ 0.495', 0.495, true],
    ['avg 0.494 s', 0.4937, true],
    ['value 380 ms', 380.104, true],
    ['value 1,234.5 ms', 1234.5, true],
    ['value 1230 ms', 1234.5, true],
    ['value 1240 ms', 1234.5, false],
    ['value 0 ms', 0.004, false],
    ['goal ≤ 300 (25% below 400)', 300, true],
    ['goal ≤ 300 (25% below 400)', 350, false],
  ])('%s mentions %d: %s', (text, x, expected) => {
    expect(mentionsNumber(text, x)).toBe(expected);
  });
});
