/** How stale a key's `last_used_at` may get: it tells people which keys are still in use, not when exactly. */
export const KEY_USE_INTERVAL_MS = 60_000;

/**
 * Whether a request made at `now` should record the key's use: only when the recorded use (as just
 * read with the key) is older than the interval, so a busy key costs one write a minute, not one a request.
 */
export function keyUseDue(lastUsedAt: Date | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - lastUsedAt.getTime() >= KEY_USE_INTERVAL_MS;
}
