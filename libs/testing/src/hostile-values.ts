import fc from 'fast-check';

/**
 * JSON as text, built from a tree that can hold what `JSON.stringify` would never write: `-0`,
 * `1e309`, keys named `__proto__` (an object literal would turn those into its prototype), and
 * duplicated keys. Objects are lists of entries for that reason.
 */
export type JsonTree =
  { raw: string } | { object: Array<[string, JsonTree]> } | { array: JsonTree[] } | string | number | boolean | null;

export function jsonText(tree: JsonTree): string {
  if (tree === null || typeof tree !== 'object') return JSON.stringify(tree);
  if ('raw' in tree) return tree.raw;
  if ('array' in tree) return `[${tree.array.map(jsonText).join(',')}]`;
  return `{${tree.object.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
}

/** A plain JSON value (as parsed) as a tree. */
export function treeOf(value: unknown): JsonTree {
  if (Array.isArray(value)) return { array: value.map(treeOf) };
  if (value !== null && typeof value === 'object')
    return { object: Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, treeOf(v)]) };
  return value as JsonTree;
}

/** Nested `depth` levels deep (objects or arrays), around a 1; as text, since a tree that deep overflows the stack. */
export function nested(depth: number, kind: 'object' | 'array'): JsonTree {
  const [open, close] = kind === 'object' ? ['{"x":', '}'] : ['[', ']'];
  return { raw: open.repeat(depth) + '1' + close.repeat(depth) };
}

/** Text no validator should take at face value. */
export const NASTY_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  '\u200b\u200b',
  '\u200d\ufeff',
  ' \u2060 ',
  '\u202e',
  '__proto__',
  'constructor',
  'prototype',
  '0x10',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  'null',
  'true',
  '[]',
  '{}',
  '%00',
  '%',
  "'; DROP TABLE actions; --",
  '../../etc/passwd',
  '${7*7}',
  '<script>alert(1)</script>',
  '2026-02-30T00:00:00Z',
  '2026-11-02T25:00:00Z',
  '+275760-09-13T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00Z',
  '2026-11-02',
  '1d',
  '0d',
  '-1d',
  '99999999d',
  '1ms',
  'P1D',
  'Europe/Paris',
  'Mars/Olympus',
  'UTC+99',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '99999999999999999999999',
  '-1',
  '0',
  '1',
  '200',
  '201',
  'up',
  'up{',
  'rate(x[5m]',
  'sum by (le) (rate(x[1y]))',
  '😀',
  'é',
  'e\u0301',
];

/** Numbers as JSON text: the ones JSON.stringify would change (`-0`, `1e309` → null) among them. */
export const NASTY_NUMBERS = [
  '0',
  '-0',
  '-0.0',
  '1e309',
  '-1e309',
  '1e-400',
  '1E+2',
  '0.1',
  '-1',
  '2147483648',
  '-2147483649',
  '9007199254740993',
  '123456789012345678901234567890',
  '1.7976931348623157e308',
  '5e-324',
];

const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(101, 255, 256, 1000, 2001, 10_001).map((n) => 'x'.repeat(n)) },
);

export const nastyLeaf: fc.Arbitrary<JsonTree> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_NUMBERS).map((raw) => ({ raw })) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

export const nastyKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty') },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\u0000', '\ud800', '\u200b', 'a.b', '$where', '0') },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

/** Any JSON value, small, with nasty leaves and keys. */
export function nastyValue(keys: fc.Arbitrary<string> = nastyKey): fc.Arbitrary<JsonTree> {
  return fc.letrec<{ value: JsonTree; array: JsonTree; object: JsonTree }>((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, nastyLeaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }).map((array) => ({ array })),
    object: fc.array(fc.tuple(keys, tie('value')), { maxLength: 4 }).map((object) => ({ object })),
  })).value;
}

/** Depths around the refusal threshold (32) and far above it. */
export const nestingDepth = fc.constantFrom(1, 8, 30, 31, 32, 33, 34, 64, 1000, 20_000);

/** Query values: the nasty text, the parameter's own enum values and dates, sometimes joined. */
export function queryValue(enumValues: readonly string[]): fc.Arbitrary<string> {
  const known = enumValues.length > 0 ? [...enumValues] : ['checkout', 'payments'];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_TEXT) },
    { weight: 2, arbitrary: fc.constantFrom(...known) },
    { weight: 1, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
    {
      weight: 1,
      arbitrary: fc.array(fc.constantFrom(...known, ''), { minLength: 2, maxLength: 4 }).map((v) => v.join(',')),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
    { weight: 1, arbitrary: fc.constantFrom(101, 1000, 4000).map((n) => 'q'.repeat(n)) },
  );
}

/** Raw pieces of a query string that encodeURIComponent would never make. */
export const RAW_QUERY_PIECES = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%80',
  '%ED%A0%80',
  '%FF',
  '%00',
  '+',
  '&&',
  '=',
  '==',
  '%26',
];

/** What a field's name says it holds, when its schema only says "string" (times and durations are text). */
const TIMES = [
  '1970-01-01T00:00:00Z',
  '2100-01-01T00:00:00Z',
  '2026-11-02T14:05:00+14:00',
  '2026-11-02T14:05:00-12:00',
  '2026-11-02T14:05:00.123456789Z',
  '2026-11-02T14:05:00',
  '2026-11-02T14:05:00.000Z',
  '2026-12-05T00:00:00Z',
  '2026-11-02T14:05Z',
];
const DURATIONS = ['1m', '59s', '0m', '1s', '1h', '1.5d', '5000d', '1y', '10000000d', '1w', '7d', '90d', '365d'];

/**
 * Values at the edges of what a property's schema allows (and one step past them): every enum value,
 * strings of maxLength and maxLength + 1, numbers at and past minimum and maximum, arrays of maxItems
 * and maxItems + 1, times and durations for fields whose names say so, and null.
 */
export function boundaryValues(name: string, schema: OpenApiSchemaLike): JsonTree[] {
  const values: JsonTree[] = [null];
  const items = schema.items ?? {};
  for (const e of [...(schema.enum ?? []), ...(items.enum ?? [])]) {
    values.push(String(e), String(e).toUpperCase(), { array: [String(e)] });
  }
  if (schema.maxLength !== undefined) values.push('a'.repeat(schema.maxLength), 'a'.repeat(schema.maxLength + 1));
  if (items.maxLength !== undefined) values.push({ array: ['a'.repeat(items.maxLength + 1)] });
  if (schema.minLength !== undefined)
    values.push('a'.repeat(schema.minLength), 'a'.repeat(Math.max(0, schema.minLength - 1)));
  for (const edge of [schema.minimum, schema.maximum])
    if (edge !== undefined) values.push(edge, edge - 1, edge + 1, edge + 0.5);
  if (schema.type === 'number' || schema.type === 'integer')
    values.push(0, { raw: '-0' }, { raw: '1e309' }, -1, 0.001, 1e15);
  if (schema.maxItems !== undefined)
    for (const n of [schema.maxItems, schema.maxItems + 1])
      values.push({
        array: Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
      });
  if (schema.type === 'array') values.push({ array: [] }, { array: ['a', 'a'] }, { array: [null] });
  if (/(At|End|^from|^to|^at)$/.test(name)) values.push(...TIMES);
  if (/(Window|For|Within|every)$/.test(name)) values.push(...DURATIONS);
  if (schema.type === 'boolean') values.push(true, false, 'true', 1);
  return values;
}

export interface OpenApiSchemaLike {
  type?: string;
  enum?: unknown[];
  items?: OpenApiSchemaLike;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
}
