import { isISO8601 } from 'class-validator';

// A date-time with an explicit offset. A time without a zone would be read in the server's own
// zone, and a calendar date alone in UTC, while its writer meant their own day: either way the
// same request could mean an instant other than the one its writer had in mind.
const SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

/** Whether `value` is an ISO-8601 instant this API accepts (and PostgreSQL can store). */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !SHAPE.test(value)) return false;
  // strict: rejects 2025-02-30, which Date.parse would quietly turn into 2 March.
  if (!isISO8601(value, { strict: true, strictSeparator: true })) return false;
  return !Number.isNaN(Date.parse(value));
}

/** The instant as a Date; callers validate with `isInstant` first. */
export function parseInstant(value: string): Date {
  return new Date(value);
}
