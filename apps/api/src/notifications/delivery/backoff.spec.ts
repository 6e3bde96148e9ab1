import { describe, expect, it } from '@jest/globals';
import { retryDelayMs, trackerRetryDelayMs } from './backoff';

describe('retryDelayMs (exponential backoff, full jitter)', () => {
  const top = () => 0.999999;
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [5, 16_000],
    [6, 30_000],
    [40, 30_000],
    [10_000, 30_000],
  ])('after attempt %i the wait is below min(max, base × 2^(n-1)) = %i', (attempt, ceiling) => {
    expect(retryDelayMs(attempt, 1_000, 30_000, top)).toBe(ceiling - 1);
    expect(retryDelayMs(attempt, 1_000, 30_000, () => 0.5)).toBe(Math.floor(ceiling / 2));
  });

  it('may retry at once (the jitter reaches 0)', () => {
    expect(retryDelayMs(3, 1_000, 30_000, () => 0)).toBe(0);
  });

  it('treats an attempt number below 1 as the first', () => {
    expect(retryDelayMs(0, 1_000, 30_000, top)).toBe(999);
  });

  it('spreads real random waits over the whole range', () => {
    const waits = Array.from({ length: 2_000 }, () => retryDelayMs(4, 1_000, 60_000));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...waits)).toBeLessThan(8_000);
    expect(waits.filter((w) => w < 4_000).length).toBeGreaterThan(800);
    expect(waits.filter((w) => w >= 4_000).length).toBeGreaterThan(800);
  });
});

describe('trackerRetryDelayMs', () => {
  const top = () => 0.999999;
  it('waits the backoff when the tracker named no time', () => {
    expect(trackerRetryDelayMs(3, 1_000, 30_000, undefined, top)).toBe(3_999);
  });

  it.each([
    [60_000, 60_000],
    [3_000, 3_999],
    [0, 3_999],
  ])('never retries before a Retry-After of %i ms', (retryAfterMs, expected) => {
    expect(trackerRetryDelayMs(3, 1_000, 30_000, retryAfterMs, top)).toBe(expected);
  });

  it('waits out a Retry-After longer than backoffMax', () => {
    expect(trackerRetryDelayMs(1, 100, 300, 120_000, () => 0)).toBe(120_000);
  });
});
