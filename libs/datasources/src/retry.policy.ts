/** How a failed attempt is retried. Time and randomness are injected so specs need no fake timers. */
export interface RetryOptions {
  /** Retries after the first attempt (so `retries + 1` attempts at most). */
  retries: number;
  /** The backoff ceiling of the first retry; doubles for every further one. */
  baseDelayMs: number;
  /** Upper bound of any one delay. */
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1). */
  random: () => number;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  retries: 2,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/**
 * "Full jitter" (AWS architecture blog, Exponential Backoff and Jitter): a uniform delay in
 * [0, base · 2^retry), so retries from many scorers hitting the same overloaded backend spread out
 * instead of arriving in synchronized waves.
 */
export function fullJitterDelay(
  retry: number,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.floor(options.random() * ceiling);
}

/**
 * Runs `attempt` until it succeeds, fails with an error `isRetryable` refuses, or the retries are
 * spent; the last error is rethrown. `attempt` gets its 0-based attempt number.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  isRetryable: (error: unknown) => boolean,
  options: RetryOptions,
): Promise<T> {
  for (let n = 0; ; n += 1) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= options.retries || !isRetryable(error)) throw error;
      await options.sleep(fullJitterDelay(n, options));
    }
  }
}
