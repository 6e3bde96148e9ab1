import { invalidInput } from '@app/domain';
import type { EventPosition } from '@app/persistence';

// Cursors are opaque to clients: base64url of the position, so nobody builds on their shape.
const BASE64URL = /^[A-Za-z0-9_-]{1,200}$/;
const SEQ = /^[1-9]\d{0,17}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeSeqCursor(seq: string): string {
  return Buffer.from(seq, 'utf8').toString('base64url');
}

/** The `seq` a list cursor stands for; 400 naming `cursor` for anything this API did not make. */
export function decodeSeqCursor(cursor: string): string {
  const seq = decode(cursor);
  if (!SEQ.test(seq)) throw badCursor();
  return seq;
}

export function encodeEventCursor(position: EventPosition): string {
  return Buffer.from(`${position.at.toISOString()}|${position.id}`, 'utf8').toString('base64url');
}

export function decodeEventCursor(cursor: string): EventPosition {
  const [at, id, ...rest] = decode(cursor).split('|');
  const time = Date.parse(at);
  if (rest.length > 0 || !id || !UUID.test(id) || Number.isNaN(time) || new Date(time).toISOString() !== at)
    throw badCursor();
  return { at: new Date(time), id };
}

function decode(cursor: string): string {
  if (!BASE64URL.test(cursor)) throw badCursor();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  // Node's decoder skips what it cannot read; a cursor that does not survive the round trip is not ours.
  if (Buffer.from(text, 'utf8').toString('base64url') !== cursor) throw badCursor();
  return text;
}

function badCursor() {
  return invalidInput('cursor: not a cursor from this list (use nextCursor as returned)');
}
