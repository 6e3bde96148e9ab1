/**
 * A query parameter that takes one value or several, as `a,b` or as the parameter repeated.
 * Anything that is not text (a nested object from a bracket query) is passed on unchanged, so
 * the validators refuse it by name.
 */
export function toQueryList(value: unknown): unknown {
  if (typeof value === 'string') return value.split(',').map((v) => v.trim());
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return value.flatMap((v: string) => toQueryList(v) as string[]);
  return value;
}

/** `true`/`false` as text become booleans; anything else stays, for the validator to refuse. */
export function toQueryBoolean(value: unknown): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}
