import { describe, expect, it } from '@jest/globals';
import { MAX_BASELINE_BLOCKS, testBlockMs } from './test-blocks';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('testBlockMs', () => {
  it.each<[string, number, number, number, number]>([
    ['four correlation times win: 3 h → 12 h', 3 * HOUR, 30 * MIN, 14 * DAY, 12 * HOUR],
    ['the sample spacing wins when the samples are independent', 0, 2 * HOUR, 14 * DAY, 2 * HOUR],
    ['the baseline range / 200 wins for a long range: 100 d → 12 h', 1 * HOUR, 5 * MIN, 100 * DAY, 12 * HOUR],
    ['rounded up to a whole minute: 4 × 10 min 0.25 s → 41 min', 10 * MIN + 250, 0, 0, 41 * MIN],
    ['14 d / 200 = 100.8 min → 101 min', 0, 5 * MIN, 14 * DAY, 101 * MIN],
    ['a whole minute is kept as it is', 15 * MIN, 0, 0, 60 * MIN],
    ['never shorter than a minute', 0, 0, 0, MIN],
  ])('%s', (_case, correlationTimeMs, spacingMs, baselineRangeMs, expected) => {
    expect(testBlockMs(correlationTimeMs, spacingMs, baselineRangeMs)).toBe(expected);
  });

  it('keeps a baseline at most MAX_BASELINE_BLOCKS blocks long', () => {
    const range = 30 * DAY;
    expect(range / testBlockMs(0, MIN, range)).toBeLessThanOrEqual(MAX_BASELINE_BLOCKS);
  });
});
