import { describe, expect, it } from '@jest/globals';
import { utf8Bytes } from './utf8-bytes';

describe('utf8Bytes', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['🚀', 4],
  ])('%j is %d bytes', (text, bytes) => {
    expect(utf8Bytes(text)).toBe(bytes);
  });
});
