import { describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { OtlpRequestErrorCode } from '../otlp-request.errors';
import { inflateWithLimit, InflateProgress } from './inflate-with-limit';

const LIMIT = 64 * 1024;

describe('inflateWithLimit', () => {
  it('inflates a body within the limit', async () => {
    const body = Buffer.from('x'.repeat(LIMIT));
    await expect(inflateWithLimit(gzipSync(body), LIMIT)).resolves.toEqual(body);
  });

  it('cuts a gzip bomb off at the limit instead of inflating it whole', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }); // 64 MiB of zeros, ~64 KiB
    const progress: InflateProgress = { inflated: 0 };
    await expect(inflateWithLimit(bomb, LIMIT, progress)).rejects.toMatchObject({
      code: OtlpRequestErrorCode.TooLarge,
    });
    expect(progress.inflated).toBeGreaterThan(LIMIT);
    expect(progress.inflated).toBeLessThanOrEqual(LIMIT + 64 * 1024);
  });

  it('refuses a body one byte over the limit', async () => {
    await expect(inflateWithLimit(gzipSync(Buffer.alloc(LIMIT + 1)), LIMIT)).rejects.toMatchObject({
      code: OtlpRequestErrorCode.TooLarge,
    });
  });

  it('calls a truncated or corrupt stream undecodable', async () => {
    const gz = gzipSync(Buffer.from('hello world, hello world'));
    await expect(inflateWithLimit(gz.subarray(0, gz.length - 6), LIMIT)).rejects.toMatchObject({
      code: OtlpRequestErrorCode.Undecodable,
    });
    await expect(inflateWithLimit(Buffer.from('not gzip at all'), LIMIT)).rejects.toMatchObject({
      code: OtlpRequestErrorCode.Undecodable,
    });
  });
});
