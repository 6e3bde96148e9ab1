import { describe, expect, it } from '@jest/globals';
import { textProblem } from './text-rules';

describe('textProblem', () => {
  it.each([
    ['plain', null],
    ['', null],
    ['emoji \u{1f600} and é', null],
    ['lone high \ud800', 'invalid_unicode'],
    ['\ud800 at the start', 'invalid_unicode'],
    ['lone low \udc00 in the middle', 'invalid_unicode'],
    ['reversed pair \ude00\ud83d', 'invalid_unicode'],
    ['a\u0000b', 'nul_in_text'],
    ['\u0000', 'nul_in_text'],
  ])('%j → %s', (text, expected) => {
    expect(textProblem(text)).toBe(expected);
  });
});
