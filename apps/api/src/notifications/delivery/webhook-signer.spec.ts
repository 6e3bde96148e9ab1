import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './webhook-signer';

const SECRET = 'a-shared-secret-of-some-length';
const BODY = '{"id":"e1","type":"flag.raised"}';

describe('signWebhook', () => {
  it('is sha256= and the hex HMAC-SHA256 of "<timestamp>.<body>"', () => {
    const expected = createHmac('sha256', SECRET).update(`1764000000.${BODY}`).digest('hex');
    expect(signWebhook(SECRET, 1764000000, BODY)).toBe(`sha256=${expected}`);
  });

  it('matches a vector computed with openssl', () => {
    // printf '%s' '1.{}' | openssl dgst -sha256 -hmac key
    expect(signWebhook('key', 1, '{}')).toBe('sha256=1ba6b8171186efc613e8bcc0cbdab2748f24984d7c5a84faa2637afa0e40d224');
  });

  it('changes with the secret, the timestamp and every byte of the body', () => {
    const base = signWebhook(SECRET, 100, BODY);
    expect(signWebhook(`${SECRET}x`, 100, BODY)).not.toBe(base);
    expect(signWebhook(SECRET, 101, BODY)).not.toBe(base);
    expect(signWebhook(SECRET, 100, BODY.replace('e1', 'e2'))).not.toBe(base);
  });

  it('signs the UTF-8 bytes of the body', () => {
    const body = '{"title":"Latenz verkürzen ✓"}';
    const expected = createHmac('sha256', SECRET)
      .update(Buffer.from(`5.${body}`, 'utf8'))
      .digest('hex');
    expect(signWebhook(SECRET, 5, body)).toBe(`sha256=${expected}`);
  });
});

describe('verifyWebhook', () => {
  const now = 1_764_000_000;
  const signature = signWebhook(SECRET, now, BODY);

  it('accepts a fresh, matching signature', () => {
    expect(verifyWebhook(SECRET, now, BODY, signature, now + 10)).toBe(true);
  });

  it.each([
    ['another secret', () => verifyWebhook('another-secret-entirely', now, BODY, signature, now)],
    ['another body', () => verifyWebhook(SECRET, now, `${BODY} `, signature, now)],
    ['another timestamp', () => verifyWebhook(SECRET, now + 1, BODY, signature, now)],
    ['a truncated signature', () => verifyWebhook(SECRET, now, BODY, signature.slice(0, -1), now)],
    ['a stale timestamp', () => verifyWebhook(SECRET, now, BODY, signature, now + 301)],
    ['a timestamp from the future', () => verifyWebhook(SECRET, now, BODY, signature, now - 301)],
  ])('refuses %s', (_what, check) => {
    expect(check()).toBe(false);
  });
});
