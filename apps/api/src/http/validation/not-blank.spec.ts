import { describe, expect, it } from '@jest/globals';
import { VISIBLE_CHARACTER } from './not-blank.decorator';

describe('VISIBLE_CHARACTER', () => {
  it.each(['', '   ', '\t\n', '\u200b', '\u200c\u200d', '\ufeff', ' \u2060 ', '\u00ad', '\u3164', '\u00a0'])(
    'finds nothing to read in %j',
    (text) => {
      expect(VISIBLE_CHARACTER.test(text)).toBe(false);
    },
  );

  it.each(['a', ' Retry budget ', '\u200bx', 'é', '支付', '🙂'])('finds something to read in %j', (text) => {
    expect(VISIBLE_CHARACTER.test(text)).toBe(true);
  });
});
