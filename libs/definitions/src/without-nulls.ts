/**
 * A JSON value without its null or absent object members, recursively: the API answers
 * `{absolute: 5, relativePercent: null}` where a file says `{absolute: 5}`, and they mean the same.
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
}
