import { githubCloseReason } from './close-reason';
import { parseIssueKey } from './issue-key';
import {
  headerOf,
  ignored,
  malformed,
  objectOf,
  timeOf,
  type WebhookHeaders,
  type WebhookReading,
} from './webhook-reading';

/**
 * A GitHub webhook delivery: `issues` events whose action is `closed` or `reopened`. The delivery
 * id is X-GitHub-Delivery (the same on a redelivery); the time is the issue's `closed_at`, or its
 * `updated_at` for a reopen. Everything else (ping, other events and actions, pull requests) is
 * ignored with the reason.
 */
export function githubWebhookEvent(headers: WebhookHeaders, payload: unknown): WebhookReading {
  const name = headerOf(headers, 'x-github-event');
  if (name === undefined) throw malformed('no X-GitHub-Event header');
  if (name === 'ping') return ignored('ping: the webhook is set up');
  if (name !== 'issues') return ignored(`"${name}" events are not used: subscribe to Issues only`);
  const deliveryId = headerOf(headers, 'x-github-delivery');
  if (deliveryId === undefined) throw malformed('no X-GitHub-Delivery header');

  const body = objectOf(payload);
  const action = body?.action;
  if (typeof action !== 'string') throw malformed('no "action" in the issues event');
  if (action !== 'closed' && action !== 'reopened') return ignored(`issues "${action}" changes nothing here`);
  const issue = objectOf(body?.issue);
  if (!issue) throw malformed('no "issue" in the issues event');
  if (issue.pull_request !== undefined) return ignored('a pull request, not an issue');
  const repository = objectOf(body?.repository)?.full_name;
  if (typeof repository !== 'string') throw malformed('no "repository.full_name" in the issues event');
  if (typeof issue.number !== 'number') throw malformed('no "issue.number" in the issues event');
  const { key } = parseIssueKey('github', `${repository}#${issue.number}`);

  if (action === 'closed') {
    const at = timeOf(issue.closed_at) ?? timeOf(issue.updated_at);
    if (!at) throw malformed('no "issue.closed_at" in the closed event');
    return {
      kind: 'event',
      deliveryId,
      key,
      event: { kind: 'closed', reason: githubCloseReason(issue.state_reason), at },
    };
  }
  const at = timeOf(issue.updated_at);
  if (!at) throw malformed('no "issue.updated_at" in the reopened event');
  return { kind: 'event', deliveryId, key, event: { kind: 'reopened', at } };
}
