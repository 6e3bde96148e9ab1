import { describe, expect, it } from '@jest/globals';
import { attributesHash, attributeText, mergeAttributes, toAttributeSet } from './otlp-attributes';

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

  it('removes NUL characters, which PostgreSQL cannot store', () => {
    expect(toAttributeSet([{ key: 'a\u0000b', value: { stringValue: 'c\u0000' } }])).toEqual({ ab: 'c' });
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
});
