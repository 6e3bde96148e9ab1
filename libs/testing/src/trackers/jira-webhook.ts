import { createHmac, randomUUID } from 'node:crypto';

export type JiraWebhookEvent = 'jira:issue_created' | 'jira:issue_updated';

/** One changelog item, as Jira lists a field's change in an issue webhook. */
export interface JiraChangeItem {
  field: string;
  fieldtype: 'jira';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface JiraWebhookOptions {
  /** The admin webhook's secret: when set, the body is signed as Jira Cloud signs it. */
  secret?: string;
  /** What changed (issue_updated); defaults to none. */
  changes?: JiraChangeItem[];
  timestamp?: number;
  /** The user who made the change. */
  user?: { accountId: string; displayName: string };
}

/**
 * An issue webhook request as a Jira Cloud admin webhook delivers it: the raw JSON body and its
 * headers. With a secret, `X-Hub-Signature: sha256=<hex>` carries the HMAC-SHA256 of the raw body
 * keyed with the secret (the WebSub signature method Jira uses); receivers must verify the bytes
 * as sent, before parsing.
 */
export function jiraWebhook(
  event: JiraWebhookEvent,
  issue: { id: string; key: string; self?: string; fields?: Record<string, unknown> },
  options: JiraWebhookOptions = {},
): { headers: Record<string, string>; body: string } {
  const timestamp = options.timestamp ?? Date.now();
  const user = options.user ?? { accountId: '5b10a2844c20165700ede21g', displayName: 'Jira Automation' };
  const payload: Record<string, unknown> = {
    timestamp,
    webhookEvent: event,
    issue_event_type_name: event === 'jira:issue_created' ? 'issue_created' : eventTypeName(options.changes ?? []),
    user: { ...user, active: true, accountType: 'atlassian', timeZone: 'UTC' },
    issue,
  };
  if (event === 'jira:issue_updated') {
    payload.changelog = { id: String(timestamp % 1_000_000), items: options.changes ?? [] };
  }
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'x-atlassian-webhook-identifier': randomUUID(),
    'x-atlassian-webhook-retry': '0',
  };
  if (options.secret) headers['x-hub-signature'] = jiraWebhookSignature(options.secret, body);
  return { headers, body };
}

/** `sha256=` and the hex HMAC-SHA256 of the raw body, keyed with the webhook's secret. */
export function jiraWebhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

function eventTypeName(changes: JiraChangeItem[]): string {
  const resolution = changes.find((c) => c.field === 'resolution');
  if (resolution) return resolution.to === null ? 'issue_reopened' : 'issue_resolved';
  return 'issue_generic';
}
