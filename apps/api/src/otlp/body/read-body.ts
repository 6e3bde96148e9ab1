import type { IncomingMessage } from 'node:http';
import { OtlpRequestError, OtlpRequestErrorCode } from '../otlp-request.errors';

/**
 * The request body as sent (still compressed, if it is), refused with TooLarge as soon as it
 * passes `limit` bytes — from Content-Length before reading anything, else while reading.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Discard the rest so the connection can carry the answer.
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

export function tooLarge(limit: number): OtlpRequestError {
  return new OtlpRequestError(OtlpRequestErrorCode.TooLarge, `request body exceeds the size limit of ${limit} bytes`);
}
