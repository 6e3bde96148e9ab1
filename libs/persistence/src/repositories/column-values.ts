/**
 * Values of raw query rows, as both drivers hand them over: node-postgres parses json columns and
 * timestamps, the embedded driver may give them as text; numeric and bigint columns arrive as text.
 */

/** A json column's value, parsed when it came as text. */
export function jsonValue(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** A nullable numeric column as a number. */
export function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** A nullable timestamp column as a Date. */
export function dateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(value as string | Date);
}
