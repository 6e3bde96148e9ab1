/**
 * The wait before retry n+1 after attempt n failed: exponential backoff with full jitter (a random
 * time between 0 and min(max, base × 2^(n−1))), so receivers coming back after an outage are not
 * hit by every waiting delivery at the same instant.
 */
export function retryDelayMs(
  failedAttempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  // 2^52 × any base is past every sensible max already; capping the exponent keeps it finite.
  const exponent = Math.min(Math.max(failedAttempt, 1) - 1, 52);
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/**
 * The wait before retrying a tracker write: the backoff, but never sooner than the tracker asked
 * (a rate limit's Retry-After): coming back earlier only spends the next attempt on another refusal.
 */
export function trackerRetryDelayMs(
  failedAttempt: number,
  baseMs: number,
  maxMs: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  return Math.max(retryDelayMs(failedAttempt, baseMs, maxMs, random), retryAfterMs ?? 0);
}
