import { describe, expect, it } from '@jest/globals';
import type { AttributeSet } from './otlp-metric.model';
import { MAX_ATTRIBUTE_DEPTH, MAX_ATTRIBUTE_TEXT, MAX_ATTRIBUTES } from './attribute-limits';
import {
  type AnyValueObject,
  attributesHash,
  attributeText,
  memoizedAttributesHash,
  mergeAttributes,
  toAttributeSet,
} from './otlp-attributes';

describe('attributeText', () => {
  it.each([
    [{ stringValue: 'checkout' }, 'checkout'],
    [{ stringValue: '' }, ''],
    [{ boolValue: false }, 'false'],
    [{ intValue: '500' }, '500'],
    [{ intValue: 42 }, '42'],
    [{ doubleValue: 0.25 }, '0.25'],
    [{ arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }] } }, '["a","1"]'],
    [{ kvlistValue: { values: [{ key: 'k', value: { boolValue: true } }] } }, '{"k":"true"}'],
    [{}, ''],
    [null, ''],
  ])('%j → %s', (value, expected) => {
    expect(attributeText(value)).toBe(expected);
  });
});

describe('toAttributeSet and mergeAttributes', () => {
  it('skips keyless entries', () => {
    expect(
      toAttributeSet([
        { key: '', value: { stringValue: 'x' } },
        { key: 'a', value: { stringValue: 'b' } },
      ]),
    ).toEqual({ a: 'b' });
  });

  it.each([
    [[{ key: 'a\u0000b', value: { stringValue: 'c' } }], 'nul_in_text'],
    [[{ key: 'a', value: { stringValue: 'c\u0000' } }], 'nul_in_text'],
    [[{ key: 'a\ud800', value: { stringValue: 'c' } }], 'invalid_unicode'],
    [[{ key: 'a', value: { stringValue: 'c\udc00' } }], 'invalid_unicode'],
    [[{ key: 'a', value: { arrayValue: { values: [{ stringValue: '\ud800' }] } } }], 'invalid_unicode'],
    [
      [{ key: 'a', value: { kvlistValue: { values: [{ key: 'k\u0000', value: { stringValue: 'v' } }] } } }],
      'nul_in_text',
    ],
  ])('refuses NUL and lone surrogates anywhere, rather than strip them into another series: %j', (list, reason) => {
    expect(() => toAttributeSet(list)).toThrow(expect.objectContaining({ reason }));
  });

  it('keeps surrogate pairs', () => {
    expect(toAttributeSet([{ key: 'e', value: { stringValue: '\u{1f600}' } }])).toEqual({ e: '\u{1f600}' });
  });

  it('lets point attributes win over scope, and scope over resource', () => {
    const merged = mergeAttributes(
      { 'service.name': 'checkout', env: 'prod', region: 'eu' },
      { env: 'scope', library: 'http' },
      { env: 'point', route: '/pay' },
    );
    expect(merged).toEqual({ 'service.name': 'checkout', env: 'point', region: 'eu', library: 'http', route: '/pay' });
  });
});

describe('attributesHash', () => {
  it('does not depend on key order', () => {
    expect(attributesHash({ a: '1', b: '2' })).toBe(attributesHash({ b: '2', a: '1' }));
  });

  it('tells different sets apart, including ones that would concatenate alike', () => {
    expect(attributesHash({ a: '1' })).not.toBe(attributesHash({ a: '2' }));
    expect(attributesHash({ ab: 'c' })).not.toBe(attributesHash({ a: 'bc' }));
    expect(attributesHash({})).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stays the digest stored series were keyed by', () => {
    expect(attributesHash({ b: '2', a: '1' })).toBe('5f13efef7cdd95e7a0171a4cc6ef643955a42f10ad9dd98c6b2f1f4e6903f7f5');
  });

  it('gives the same digests through the per-export memo', () => {
    const hash = memoizedAttributesHash();
    const sets: AttributeSet[] = [{ a: '1', b: '2' }, { a: '2' }, { b: '2', a: '1' }, {}, { a: '2' }];
    for (const set of sets) {
      expect(hash(set)).toBe(attributesHash(set));
    }
  });
});

/** A kvlist `depth` levels deep: {"k":{"k":…{"k":"leaf"}}}. */
function nested(depth: number, leaf: AnyValueObject = { stringValue: 'leaf' }): AnyValueObject {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { kvlistValue: { values: [{ key: 'k', value }] } };
  return value;
}

describe('attribute limits (docs/operation.md, "OTLP receiver limits")', () => {
  it('writes nested maps and arrays as JSON once, so the text grows with the input, not with its depth', () => {
    const text = attributeText(nested(MAX_ATTRIBUTE_DEPTH));
    expect(text).toBe(`${'{"k":'.repeat(MAX_ATTRIBUTE_DEPTH)}"leaf"${'}'.repeat(MAX_ATTRIBUTE_DEPTH)}`);
    expect(attributeText({ arrayValue: { values: [{ arrayValue: { values: [{ intValue: '1' }] } }] } })).toBe(
      '[["1"]]',
    );
  });

  it(`takes a value nested ${MAX_ATTRIBUTE_DEPTH} deep and refuses one nested deeper, quickly`, () => {
    expect(() => attributeText(nested(MAX_ATTRIBUTE_DEPTH))).not.toThrow();
    const started = performance.now();
    expect(() => attributeText(nested(24))).toThrow(expect.objectContaining({ reason: 'attributes_too_deep' }));
    expect(performance.now() - started).toBeLessThan(50);
  });

  it(`refuses a key or value over ${MAX_ATTRIBUTE_TEXT} characters, nested or not`, () => {
    const long = 'x'.repeat(MAX_ATTRIBUTE_TEXT + 1);
    expect(attributeText({ stringValue: 'x'.repeat(MAX_ATTRIBUTE_TEXT) })).toHaveLength(MAX_ATTRIBUTE_TEXT);
    for (const value of [
      { stringValue: long },
      nested(2, { stringValue: long }),
      { arrayValue: { values: Array.from({ length: MAX_ATTRIBUTE_TEXT }, () => ({ stringValue: 'ab' })) } },
    ]) {
      expect(() => attributeText(value)).toThrow(expect.objectContaining({ reason: 'attribute_too_long' }));
    }
    expect(() => toAttributeSet([{ key: long, value: { stringValue: 'v' } }])).toThrow(
      expect.objectContaining({ reason: 'attribute_too_long' }),
    );
  });

  it(`refuses more than ${MAX_ATTRIBUTES} attributes in one list`, () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: { intValue: i } }));
    expect(Object.keys(toAttributeSet(list(MAX_ATTRIBUTES)))).toHaveLength(MAX_ATTRIBUTES);
    expect(() => toAttributeSet(list(250_000))).toThrow(expect.objectContaining({ reason: 'too_many_attributes' }));
  });
});
