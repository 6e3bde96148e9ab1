import { describe, expect, it } from '@jest/globals';
import { AS_OF_SKEW_MS, checkAsOf } from './as-of';

const NOW = new Date('2026-03-02T12:00:00Z');

describe('checkAsOf', () => {
  it('takes now, the past, and a clock up to the skew ahead', () => {
    for (const at of [NOW, new Date(0), new Date(NOW.getTime() + AS_OF_SKEW_MS)]) {
      expect(() => checkAsOf('at', at, NOW)).not.toThrow();
    }
  });

  it('refuses a later time, naming the field', () => {
    for (const at of [new Date(NOW.getTime() + AS_OF_SKEW_MS + 1), new Date('9999-12-31T23:59:59Z')]) {
      expect(() => checkAsOf('at', at, NOW)).toThrow('at: must not be in the future');
    }
  });
});
