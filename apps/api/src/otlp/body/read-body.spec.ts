import { describe, expect, it } from '@jest/globals';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { OtlpRequestErrorCode } from '../otlp-request.errors';
import { readBody } from './read-body';

function request(chunks: Buffer[], headers: Record<string, string> = {}): IncomingMessage {
  return Object.assign(Readable.from(chunks), { headers }) as unknown as IncomingMessage;
}

describe('readBody', () => {
  it('collects the body', async () => {
    await expect(readBody(request([Buffer.from('ab'), Buffer.from('cd')]), 4)).resolves.toEqual(Buffer.from('abcd'));
  });

  it('refuses a declared length over the limit before reading', async () => {
    await expect(readBody(request([Buffer.from('ab')], { 'content-length': '5' }), 4)).rejects.toMatchObject({
      code: OtlpRequestErrorCode.TooLarge,
    });
  });

  it('refuses a streamed body once it passes the limit', async () => {
    await expect(readBody(request([Buffer.from('abc'), Buffer.from('de')]), 4)).rejects.toMatchObject({
      code: OtlpRequestErrorCode.TooLarge,
    });
  });
});
