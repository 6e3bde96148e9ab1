import { createHmac, timingSafeEqual } from 'node:crypto';
import { headerOf, type TrackerType, type WebhookHeaders } from '@app/trackers';

let webhooksMethods: Promise<typeof import('@octokit/webhooks-methods')> | undefined;

/**
 * GitHub's webhook methods, loaded on first use: the package exports an ES module `import`
 * condition only, which the CommonJS build's require() cannot load; import() can.
 */
function loadWebhooksMethods(): Promise<typeof import('@octokit/webhooks-methods')> {
  return (webhooksMethods ??= import('@octokit/webhooks-methods'));
}

/**
 * Whether a webhook delivery carries the tracker's signature of exactly these body bytes, made
 * with the configured webhook secret (docs/trackers.md, "Webhooks"):
 * - GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256>`, checked by GitHub's own `verify`;
 * - Jira: `X-Hub-Signature: sha256=<hex HMAC-SHA256>` (the WebSub method Jira Cloud uses).
 * Both compare in constant time. No signature, or an empty body, is not signed.
 */
export async function webhookSigned(
  type: TrackerType,
  secret: string,
  rawBody: Buffer,
  headers: WebhookHeaders,
): Promise<boolean> {
  if (rawBody.length === 0) return false;
  if (type === 'github') {
    const signature = headerOf(headers, 'x-hub-signature-256');
    // GitHub signs the UTF-8 text of its JSON; bytes that are not UTF-8 fail the check, as they should.
    if (signature === undefined) return false;
    const { verify } = await loadWebhooksMethods();
    return verify(secret, rawBody.toString('utf8'), signature);
  }
  const signature = headerOf(headers, 'x-hub-signature');
  if (signature === undefined) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
