import { createHash } from 'node:crypto';
import { AttributesRefused, MAX_ATTRIBUTE_DEPTH, MAX_ATTRIBUTE_TEXT, MAX_ATTRIBUTES } from './attribute-limits';
import type { AttributeSet } from './otlp-metric.model';
import { textProblem } from './text-rules';

/** An OTLP AnyValue as protobufjs's toObject renders it (longs as strings, bytes as base64). */
export interface AnyValueObject {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: AnyValueObject[] };
  kvlistValue?: { values?: KeyValueObject[] };
  bytesValue?: string;
}

export interface KeyValueObject {
  key?: string;
  value?: AnyValueObject | null;
}

type Plain = string | Plain[] | { [key: string]: Plain };

/**
 * An attribute value as the string selectors compare with (selectors are string to string, like
 * Prometheus labels): ints in decimal, booleans `true`/`false`, arrays and maps as JSON, written
 * once for the whole value (nested values are JSON, not JSON-in-a-string, so the text grows with
 * the input and not with its depth). Throws AttributesRefused past the limits above, or for a key
 * or string anywhere in the value that is not storable text (./text-rules).
 */
export function attributeText(value: AnyValueObject | null | undefined): string {
  const budget = { left: MAX_ATTRIBUTE_TEXT };
  const plain = toPlain(value, 0, budget);
  const text = typeof plain === 'string' ? plain : JSON.stringify(plain);
  // The budget counts characters before JSON escaping; this is the exact check.
  if (text.length > MAX_ATTRIBUTE_TEXT) throw new AttributesRefused('attribute_too_long');
  return text;
}

/** The value as plain JSON data, spending `budget` as it goes so an oversized value stops early. */
function toPlain(value: AnyValueObject | null | undefined, depth: number, budget: { left: number }): Plain {
  if (value?.arrayValue || value?.kvlistValue) {
    if (depth >= MAX_ATTRIBUTE_DEPTH) throw new AttributesRefused('attributes_too_deep');
    if (value.arrayValue) {
      return (value.arrayValue.values ?? []).map((v) => {
        spend(budget, 1);
        return toPlain(v, depth + 1, budget);
      });
    }
    const map: { [key: string]: Plain } = Object.create(null) as { [key: string]: Plain };
    for (const kv of value.kvlistValue!.values ?? []) {
      const key = checkedText(kv.key ?? '');
      spend(budget, key.length + 4);
      map[key] = toPlain(kv.value, depth + 1, budget);
    }
    return map;
  }
  const text = checkedText(leafText(value));
  spend(budget, text.length);
  return text;
}

function checkedText(text: string): string {
  const problem = textProblem(text);
  if (problem) throw new AttributesRefused(problem);
  return text;
}

function leafText(value: AnyValueObject | null | undefined): string {
  if (!value) return '';
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return String(value.boolValue);
  if (value.intValue !== undefined) return String(value.intValue);
  if (value.doubleValue !== undefined) return String(value.doubleValue);
  if (value.bytesValue !== undefined) return value.bytesValue;
  return '';
}

function spend(budget: { left: number }, chars: number): void {
  budget.left -= chars;
  if (budget.left < 0) throw new AttributesRefused('attribute_too_long');
}

/** Throws AttributesRefused past the limits above (docs/operation.md, "OTLP receiver limits"). */
export function toAttributeSet(list: KeyValueObject[] | null | undefined): AttributeSet {
  if ((list?.length ?? 0) > MAX_ATTRIBUTES) throw new AttributesRefused('too_many_attributes');
  const set: AttributeSet = {};
  for (const kv of list ?? []) {
    if (!kv.key) continue;
    if (kv.key.length > MAX_ATTRIBUTE_TEXT) throw new AttributesRefused('attribute_too_long');
    set[checkedText(kv.key)] = attributeText(kv.value);
  }
  return set;
}

/**
 * Resource, then scope, then point attributes: the more specific wins a shared key. Throws
 * AttributesRefused when the merged set is over MAX_ATTRIBUTES.
 */
export function mergeAttributes(resource: AttributeSet, scope: AttributeSet, point: AttributeSet): AttributeSet {
  const merged = { ...resource, ...scope, ...point };
  if (Object.keys(merged).length > MAX_ATTRIBUTES) throw new AttributesRefused('too_many_attributes');
  return merged;
}

/** The set as text, whatever the order its keys came in: what attributesHash digests. */
function canonicalText(set: AttributeSet): string {
  const sorted = Object.keys(set)
    .sort()
    .map((k) => [k, set[k]]);
  return JSON.stringify(sorted);
}

/** A stable identity for an attribute set, whatever the order its keys came in. */
export function attributesHash(set: AttributeSet): string {
  return createHash('sha256').update(canonicalText(set)).digest('hex');
}

/**
 * attributesHash with a memo, for one export: an export repeats the same few sets across its
 * metrics, and the sha256 cost more than the canonical text. Not meant to outlive the export (the
 * memo grows with the distinct sets it sees).
 */
export function memoizedAttributesHash(): (set: AttributeSet) => string {
  const hashes = new Map<string, string>();
  return (set) => {
    const text = canonicalText(set);
    let hash = hashes.get(text);
    if (hash === undefined) hashes.set(text, (hash = createHash('sha256').update(text).digest('hex')));
    return hash;
  };
}
