import { createHash } from 'node:crypto';
import type { AttributeSet } from './otlp-metric.model';

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

/**
 * An attribute value as the string selectors compare with (selectors are string to string, like
 * Prometheus labels): ints in decimal, booleans `true`/`false`, arrays and maps as JSON.
 */
export function attributeText(value: AnyValueObject | null | undefined): string {
  if (!value) return '';
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return String(value.boolValue);
  if (value.intValue !== undefined) return String(value.intValue);
  if (value.doubleValue !== undefined) return String(value.doubleValue);
  if (value.arrayValue) return JSON.stringify((value.arrayValue.values ?? []).map(attributeText));
  if (value.kvlistValue) return JSON.stringify(toAttributeSet(value.kvlistValue.values));
  if (value.bytesValue !== undefined) return value.bytesValue;
  return '';
}

export function toAttributeSet(list: KeyValueObject[] | null | undefined): AttributeSet {
  const set: AttributeSet = {};
  for (const kv of list ?? []) if (kv.key) set[withoutNul(kv.key)] = withoutNul(attributeText(kv.value));
  return set;
}

/** PostgreSQL text and jsonb cannot hold U+0000. */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

/** Resource, then scope, then point attributes: the more specific wins a shared key. */
export function mergeAttributes(resource: AttributeSet, scope: AttributeSet, point: AttributeSet): AttributeSet {
  return { ...resource, ...scope, ...point };
}

/** A stable identity for an attribute set, whatever the order its keys came in. */
export function attributesHash(set: AttributeSet): string {
  const sorted = Object.keys(set)
    .sort()
    .map((k) => [k, set[k]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}
