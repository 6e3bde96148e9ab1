import { Transform } from 'class-transformer';

const DECIMAL_INTEGER = /^-?[0-9]{1,15}$/;

/**
 * Only plain decimal digits are a number: `Number()` would also read `0x10`, `1e1`, `+16` or ` 16`.
 * Anything else stays text, for `@IsInt()` to refuse by name.
 */
export function toQueryInteger(value: unknown): unknown {
  return typeof value === 'string' && DECIMAL_INTEGER.test(value) ? Number(value) : value;
}

/** A query parameter holding a whole number (docs/api.md, "Validation"). */
export function QueryInteger(): PropertyDecorator {
  return Transform(({ value }) => toQueryInteger(value));
}
