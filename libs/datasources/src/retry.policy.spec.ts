import { describe, expect, it } from '@jest/globals';
import { fullJitterDelay, type RetryOptions, withRetries } from './retry.policy';

function options(overrides: Partial<RetryOptions> = {}): RetryOptions & { slept: number[] } {
  const slept: number[] = [];
  return {
    retries: 2,
    baseDelayMs: 100,
    maxDelayMs: 2_000,
    random: () => 0.5,
    sleep: async (ms) => {
      slept.push(ms);
    },
    ...overrides,
    slept,
  };
}

describe('fullJitterDelay', () => {
  it.each([
    [0, 0.5, 50],
    [1, 0.5, 100],
    [2, 0.5, 200],
    [0, 0.999, 99],
    [1, 0, 0],
    [10, 0.5, 1_000],
  ])('retry %d with random %d waits %d ms (uniform below 100 ms · 2^retry, capped at 2 s)', (retry, random, delay) => {
    expect(fullJitterDelay(retry, { baseDelayMs: 100, maxDelayMs: 2_000, random: () => random })).toBe(delay);
  });
});

describe('withRetries', () => {
  it('retries a retryable failure at most twice, backing off between attempts', async () => {
    const policy = options();
    let attempts = 0;
    const run = withRetries(
      async () => {
        attempts += 1;
        throw new Error(`attempt ${attempts}`);
      },
      () => true,
      policy,
    );
    await expect(run).rejects.toThrow('attempt 3');
    expect(attempts).toBe(3);
    expect(policy.slept).toEqual([50, 100]);
  });

  it('returns the first success', async () => {
    const policy = options();
    const numbers: number[] = [];
    const result = await withRetries(
      async (n) => {
        numbers.push(n);
        if (n < 1) throw new Error('flaky');
        return 'ok';
      },
      () => true,
      policy,
    );
    expect(result).toBe('ok');
    expect(numbers).toEqual([0, 1]);
    expect(policy.slept).toEqual([50]);
  });

  it('does not retry what the predicate refuses', async () => {
    const policy = options();
    let attempts = 0;
    await expect(
      withRetries(
        async () => {
          attempts += 1;
          throw new Error('bad query');
        },
        () => false,
        policy,
      ),
    ).rejects.toThrow('bad query');
    expect(attempts).toBe(1);
    expect(policy.slept).toEqual([]);
  });
});
