import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Who holds a lease: one id per scorer process (host, pid and a random part, since pids repeat across containers). */
export function scorerIdentity(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
