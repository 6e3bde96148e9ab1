/** One change per field: the value before and after, as JSON (the audit trail's `changes`). */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** Field values as the API shows them (dates as ISO strings), so changes read like the resource. */
export type Snapshot = Record<string, unknown>;

/** `{field: {from, to}}` for every field whose value differs; absent counts as null. */
export function diffFields(before: Snapshot, after: Snapshot): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    if (!sameValue(from, to)) changes[field] = { from, to };
  }
  return changes;
}

/** Deep equality of JSON values, blind to key order (jsonb reorders keys). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
        )
      : v,
  );
}
