import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@app/domain';
import { decodeEventCursor, decodeSeqCursor, encodeEventCursor, encodeSeqCursor } from './page-cursor';

function refused(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return (err as DomainError).message;
  }
  throw new Error('was accepted');
}

describe('seq cursors', () => {
  it.each(['1', '42', '900719925474099312'])('round-trips %s', (seq) => {
    const cursor = encodeSeqCursor(seq);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSeqCursor(cursor)).toBe(seq);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/'],
    ['padding', encodeSeqCursor('12') + '='],
    ['not a number', encodeSeqCursor('abc')],
    ['zero', encodeSeqCursor('0')],
    ['negative', encodeSeqCursor('-1')],
    ['a leading zero', encodeSeqCursor('012')],
    ['too long', encodeSeqCursor('1'.repeat(19))],
    ['an SQL fragment', encodeSeqCursor('1 OR 1=1')],
  ])('refuses %s, naming cursor', (_, cursor) => {
    expect(refused(() => decodeSeqCursor(cursor))).toMatch(/^cursor: /);
  });
});

describe('event cursors', () => {
  const position = { at: new Date('2025-03-01T10:00:00.123Z'), id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' };

  it('round-trips a position', () => {
    expect(decodeEventCursor(encodeEventCursor(position))).toEqual(position);
  });

  it.each([
    ['a seq cursor', encodeSeqCursor('5')],
    ['no id', Buffer.from('2025-03-01T10:00:00.123Z|').toString('base64url')],
    ['a bad id', Buffer.from('2025-03-01T10:00:00.123Z|nope').toString('base64url')],
    ['a bad time', Buffer.from(`yesterday|${position.id}`).toString('base64url')],
    ['a non-canonical time', Buffer.from(`2025-03-01|${position.id}`).toString('base64url')],
    ['extra parts', Buffer.from(`2025-03-01T10:00:00.123Z|${position.id}|x`).toString('base64url')],
  ])('refuses %s', (_, cursor) => {
    expect(refused(() => decodeEventCursor(cursor))).toMatch(/^cursor: /);
  });
});
