import { createGunzip } from 'node:zlib';
import { OtlpRequestError, OtlpRequestErrorCode } from '../otlp-request.errors';
import { tooLarge } from './read-body';

export interface InflateProgress {
  /** Bytes inflated so far: never more than the limit plus one zlib chunk (16 KiB). */
  inflated: number;
}

/**
 * Gunzips `compressed`, stopping as soon as the output passes `limit` bytes: a small "gzip bomb"
 * is refused (TooLarge) after inflating at most the limit, never whole. A corrupt or truncated
 * stream is Undecodable.
 */
export function inflateWithLimit(
  compressed: Buffer,
  limit: number,
  progress: InflateProgress = { inflated: 0 },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gunzip = createGunzip();
    const chunks: Buffer[] = [];
    let settled = false;
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      gunzip.destroy();
      reject(err);
    };
    gunzip.on('data', (chunk: Buffer) => {
      progress.inflated += chunk.length;
      if (progress.inflated > limit) return fail(tooLarge(limit));
      chunks.push(chunk);
    });
    gunzip.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    });
    gunzip.on('error', (err) =>
      fail(new OtlpRequestError(OtlpRequestErrorCode.Undecodable, `invalid gzip body: ${err.message}`)),
    );
    gunzip.end(compressed);
  });
}
