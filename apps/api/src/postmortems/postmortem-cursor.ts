import { invalidInput } from '@app/domain';

// A positive bigint, as the seq identity column holds.
const SEQ = /^[1-9]\d{0,18}$/;

/**
 * Page cursors are opaque to clients: base64url of the last row's insertion sequence. Opaque, so
 * the ordering key can change without breaking the API's contract.
 */
export function encodeCursor(seq: string): string {
  return Buffer.from(seq, 'utf8').toString('base64url');
}

/** The sequence a cursor stands for; a cursor this API did not issue is a 400 naming `cursor`. */
export function decodeCursor(cursor: string): string {
  const seq = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!SEQ.test(seq)) throw invalidInput('cursor is not a cursor this API issued; start again without it');
  return seq;
}
