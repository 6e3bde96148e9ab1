import { describe, expect, it } from '@jest/globals';
import { decodeCursor, encodeCursor } from './postmortem-cursor';

describe('page cursor', () => {
  it.each(['1', '42', '9223372036854775807'])('round-trips seq %s and stays opaque', (seq) => {
    const cursor = encodeCursor(seq);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toBe(seq);
    expect(decodeCursor(cursor)).toBe(seq);
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['not a number inside', encodeCursor('abc')],
    ['zero', encodeCursor('0')],
    ['a negative number', encodeCursor('-5')],
    ['SQL inside', encodeCursor('1 OR 1=1')],
    ['too long a number', encodeCursor('12345678901234567890')],
    ['empty', ''],
  ])('refuses a cursor that is %s, naming cursor', (_name, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(/^cursor /);
  });
});
