import { invalidInput } from '../domain.errors';

/** Clocks disagree a little; an `openedAt` this far ahead of ours still counts as "now". */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** An action is opened now or in the past (an import), never later than the clock allows for. */
export function checkOpenedAt(openedAt: Date, now: Date): void {
  if (openedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalidInput('openedAt: must not be in the future');
}
