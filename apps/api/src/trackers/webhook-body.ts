import type { IncomingMessage } from 'node:http';

/**
 * The largest webhook body read. GitHub's issue events are a few kilobytes to a few hundred (an
 * issue body is at most 65,536 characters); Jira's carry the fields. Larger is refused
 * (413) before anything is parsed; the poll still catches the change.
 */
export const WEBHOOK_BODY_LIMIT = '5mb';

const WEBHOOK_PATH = /^\/api\/v1\/trackers\/[^/?]+\/webhook\/?(\?|$)/;

/** Whether the request is a tracker's webhook delivery: its body is kept as sent, for the signature. */
export function isTrackerWebhookPath(url: string | undefined): boolean {
  return WEBHOOK_PATH.test(url ?? '');
}

/** A request whose body bytes were kept as they arrived. */
export interface RawBodyRequest extends IncomingMessage {
  rawBody?: Buffer;
}

/** body-parser's `verify` hook: keeps the exact bytes the tracker signed, before they are parsed. */
export function keepRawBody(req: RawBodyRequest, _res: unknown, buffer: Buffer): void {
  req.rawBody = Buffer.from(buffer);
}
