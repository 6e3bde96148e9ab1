import { describe, expect, it } from '@jest/globals';
import { generateApiKey, hashApiKey, keyPrefix, sameHash } from './api-key.codec';

describe('generateApiKey', () => {
  it('makes rt_ keys with 256 random bits in base64url', () => {
    const key = generateApiKey();
    expect(key).toMatch(/^rt_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(3), 'base64url')).toHaveLength(32);
  });

  it('never repeats itself in a thousand draws', () => {
    const keys = new Set(Array.from({ length: 1000 }, generateApiKey));
    expect(keys.size).toBe(1000);
  });
});

describe('hashApiKey', () => {
  it('is SHA-256 in lowercase hex (FIPS 180-2 test vector)', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes UTF-8, so keys outside ASCII hash the same everywhere', () => {
    expect(hashApiKey('é')).toBe(hashApiKey('\u00e9'));
    expect(hashApiKey('é')).not.toBe(hashApiKey('e\u0301'));
  });

  it('gives different keys different hashes and never contains the key', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(hashApiKey(a)).not.toBe(hashApiKey(b));
    expect(hashApiKey(a)).not.toContain(a.slice(3, 12));
  });
});

describe('keyPrefix', () => {
  it('keeps rt_ and six characters: enough to recognise a key, too little to use it', () => {
    const key = generateApiKey();
    const prefix = keyPrefix(key);
    expect(prefix).toHaveLength(9);
    expect(key.startsWith(prefix)).toBe(true);
    expect(prefix.length).toBeLessThan(key.length / 4);
  });

  it('leaves a short input as it is', () => {
    expect(keyPrefix('rt_ab')).toBe('rt_ab');
  });
});

describe('sameHash', () => {
  it.each<[string, string, boolean]>([
    [hashApiKey('one'), hashApiKey('one'), true],
    [hashApiKey('one'), hashApiKey('two'), false],
    [hashApiKey('one'), hashApiKey('one').slice(0, 63), false],
    ['', '', true],
    ['a', '', false],
  ])('sameHash(%j, %j) is %s', (a, b, expected) => {
    expect(sameHash(a, b)).toBe(expected);
  });
});
