/**
 * Checks on a parsed body or query made before any validator looks at it (docs/api.md,
 * "Validation"): class-transformer recurses once per level, PostgreSQL refuses the NUL character,
 * and class-transformer silently drops prototype keys, so the unknown-field rule never sees them.
 * One iterative walk, so the check itself cannot run out of stack however deep the input.
 */
export const MAX_INPUT_DEPTH = 32;

/** Keys that can reach an object's prototype; refused like any field the DTO does not declare. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface Pending {
  value: unknown;
  path: string;
  depth: number;
}

/**
 * What makes `input` unsafe to validate, as a message naming the field (`timeline.0.text`), or null.
 * `source` names the input in the depth message ("body", "query").
 */
export function hostileInputProblem(input: unknown, source: string, maxDepth = MAX_INPUT_DEPTH): string | null {
  const pending: Pending[] = [{ value: input, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\0')) return `${path || source} must not contain the NUL character (\\u0000)`;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) return `${source} nests deeper than ${maxDepth} levels`;
    for (const key of Object.keys(value)) {
      const where = path ? `${path}: ` : '';
      if (PROTOTYPE_KEYS.has(key)) return `${where}property ${key} should not exist`;
      if (key.includes('\0')) return `${where}property names must not contain the NUL character (\\u0000)`;
      pending.push({
        value: (value as Record<string, unknown>)[key],
        path: path ? `${path}.${key}` : key,
        depth: depth + 1,
      });
    }
  }
  return null;
}
