import { describe, expect, it } from '@jest/globals';
import { sign } from '@octokit/webhooks-methods';
import { jiraWebhookSignature } from '@app/testing';
import { webhookSigned } from './webhook-signature';

const SECRET = 'a-webhook-secret-of-some-length';
const BODY = '{"action":"closed","issue":{"title":"Caf\u00e9 retries"}}';
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('webhookSigned', () => {
  describe('GitHub (X-Hub-Signature-256)', () => {
    it('accepts the body as GitHub signed it', async () => {
      const headers = { 'x-hub-signature-256': await sign(SECRET, BODY) };
      expect(await webhookSigned('github', SECRET, bytes(BODY), headers)).toBe(true);
    });

    it.each([
      ['another secret', async () => ({ 'x-hub-signature-256': await sign('another-secret-entirely', BODY) }), BODY],
      [
        'changed bytes',
        async () => ({ 'x-hub-signature-256': await sign(SECRET, BODY) }),
        BODY.replace('closed', 'opened'),
      ],
      ['no signature', async () => ({}), BODY],
      ['a malformed signature', async () => ({ 'x-hub-signature-256': 'sha256=zz' }), BODY],
      ['Jira’s header instead', async () => ({ 'x-hub-signature': jiraWebhookSignature(SECRET, BODY) }), BODY],
      ['an empty body', async () => ({ 'x-hub-signature-256': 'sha256=00' }), ''],
    ])('refuses %s', async (_case, headers, body) => {
      expect(await webhookSigned('github', SECRET, bytes(body), await headers())).toBe(false);
    });
  });

  describe('Jira (X-Hub-Signature)', () => {
    it('accepts the body as Jira Cloud signed it', async () => {
      const headers = { 'X-Hub-Signature': jiraWebhookSignature(SECRET, BODY) };
      expect(await webhookSigned('jira', SECRET, bytes(BODY), headers)).toBe(true);
    });

    it.each([
      ['another secret', { 'x-hub-signature': jiraWebhookSignature('another-secret-entirely', BODY) }, BODY],
      ['changed bytes', { 'x-hub-signature': jiraWebhookSignature(SECRET, BODY) }, `${BODY} `],
      ['no signature', {}, BODY],
      ['a signature without its method', { 'x-hub-signature': jiraWebhookSignature(SECRET, BODY).slice(7) }, BODY],
    ])('refuses %s', async (_case, headers, body) => {
      expect(await webhookSigned('jira', SECRET, bytes(body), headers)).toBe(false);
    });
  });
});
