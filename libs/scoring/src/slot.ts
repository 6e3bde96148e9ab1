import type { Millis } from './scoring.types';

/**
 * The rule (docs/scoring.md, "Windows, steps and slots"): a check's slot is T truncated to a multiple of checkEvery
 * counted from the epoch, so every scorer replica computes the same slot for the same metric. Floors towards −∞ (a time
 * before 1970 still lands on the slot at or before it).
 */
export function slotOf(at: Millis, checkEveryMs: Millis): Millis {
  assertPeriod(checkEveryMs);
  return Math.floor(at / checkEveryMs) * checkEveryMs;
}

/** Every slot (multiple of everyMs) within [from, to], ascending: the checks a backfill replays. */
export function slotsBetween(from: Millis, to: Millis, everyMs: Millis): Millis[] {
  assertPeriod(everyMs);
  const slots: Millis[] = [];
  for (let slot = Math.ceil(from / everyMs) * everyMs; slot <= to; slot += everyMs) slots.push(slot);
  return slots;
}

function assertPeriod(everyMs: Millis): void {
  if (!Number.isInteger(everyMs) || everyMs <= 0)
    throw new RangeError(`a check period must be a whole, positive number of milliseconds, got ${everyMs}`);
}
