import { invalidInput } from './domain.errors';

/** Clocks disagree a little; an `at` this far ahead of ours still counts as "now". */
export const AS_OF_SKEW_MS = 60_000;

/**
 * A request "as of" a time (a scoring pass, a weekly digest) acts on what has already happened:
 * a later time would score slots that have no data yet, or use up the digest keys of weeks to
 * come. docs/operation.md, "Notifications". The refusal names the field.
 */
export function checkAsOf(field: string, at: Date, now: Date): void {
  if (at.getTime() > now.getTime() + AS_OF_SKEW_MS) throw invalidInput(`${field}: must not be in the future`);
}
