import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'rt_';

/** A new key: `rt_` and 43 base64url characters (256 random bits). */
export function generateApiKey(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** Keys are long random strings, so an unsalted SHA-256 is what they are looked up by. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The part of a key shown in listings: enough to recognise it, too little to use it. */
export function keyPrefix(key: string): string {
  return key.slice(0, PREFIX.length + 6);
}

export function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
