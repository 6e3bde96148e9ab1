import type { TrackerType } from '../tracker-client';
import { githubWebhookEvent } from './github-webhook-event';
import { jiraWebhookEvent } from './jira-webhook-event';
import type { WebhookHeaders, WebhookReading } from './webhook-reading';

/**
 * What a tracker's webhook delivery asks for. Interpretation only: the signature is checked before
 * (a delivery that fails it never gets here). Throws invalid input for a delivery that lacks what
 * every delivery of its kind carries.
 */
export function webhookEventOf(type: TrackerType, headers: WebhookHeaders, payload: unknown): WebhookReading {
  return type === 'github' ? githubWebhookEvent(headers, payload) : jiraWebhookEvent(headers, payload);
}
