import { isISO8601 } from 'class-validator';

// A date-time must carry its offset: without one it would be read in the server's zone, and the
// same request would mean different instants on different hosts. A bare date is midnight UTC.
const SHAPE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?))?$/i;

/** Whether `value` is an ISO-8601 instant this API accepts. */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !SHAPE.test(value)) return false;
  // strict: refuses 2025-02-30, which Date.parse would quietly turn into 2 March.
  if (!isISO8601(value, { strict: true, strictSeparator: true })) return false;
  return !Number.isNaN(Date.parse(value));
}

/** The instant as a Date; validate with `isInstant` first. */
export function parseInstant(value: string): Date {
  return new Date(value);
}
