import type { TrackerEvent } from './tracker-status-change';
import { jiraCloseReason } from './close-reason';
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

type Item = Record<string, unknown>;

/**
 * A Jira webhook delivery: `jira:issue_updated` whose changelog changes the resolution or the
 * status (docs/trackers.md, "Status"):
 * - a resolution set closes the issue, its name giving the reason; a resolution cleared reopens it;
 * - without a resolution change, a move into a status of the "done" category closes it (the reason
 *   from the issue's resolution, if any), and the Issue Reopened event reopens it. Any other status
 *   move is ignored: without a resolution, a move out of "done" cannot be told from ordinary work.
 * The delivery id is X-Atlassian-Webhook-Identifier (Jira Cloud, the same on a retry), else the
 * changelog's id (one per change); the time is the event's `timestamp`.
 */
export function jiraWebhookEvent(headers: WebhookHeaders, payload: unknown): WebhookReading {
  const body = objectOf(payload);
  const name = body?.webhookEvent;
  if (typeof name !== 'string') throw malformed('no "webhookEvent" in the Jira event');
  if (name !== 'jira:issue_updated') return ignored(`"${name}" events are not used: subscribe to "issue updated" only`);
  const issue = objectOf(body?.issue);
  if (typeof issue?.key !== 'string') throw malformed('no "issue.key" in the Jira event');
  const { key } = parseIssueKey('jira', issue.key);
  const changelog = objectOf(body?.changelog);
  const items = Array.isArray(changelog?.items) ? (changelog.items as unknown[]).map(objectOf) : [];
  const changes = items.filter((item): item is Item => item !== null);

  const event = eventOf(changes, issue, body!);
  if (typeof event === 'string') return ignored(event);

  const changeId = changelog?.id;
  const deliveryId =
    headerOf(headers, 'x-atlassian-webhook-identifier') ??
    (typeof changeId === 'string' || typeof changeId === 'number' ? `changelog-${changeId}` : undefined);
  if (deliveryId === undefined) throw malformed('no X-Atlassian-Webhook-Identifier header and no "changelog.id"');
  return { kind: 'event', deliveryId, key, event };
}

/** The event the changes make, or why they make none. */
function eventOf(
  changes: Item[],
  issue: Record<string, unknown>,
  body: Record<string, unknown>,
): TrackerEvent | string {
  const resolution = changes.find((item) => fieldOf(item) === 'resolution');
  const status = changes.find((item) => fieldOf(item) === 'status');
  if (!resolution && !status) return 'no resolution or status change';
  const at = timeOf(body.timestamp);
  if (!at) throw malformed('no "timestamp" in the Jira event');
  if (resolution) {
    const to = textOf(resolution.toString) ?? textOf(resolution.to);
    return to === null ? { kind: 'reopened', at } : { kind: 'closed', reason: jiraCloseReason(to), at };
  }
  const fields = objectOf(issue.fields);
  const category = objectOf(objectOf(fields?.status)?.statusCategory)?.key;
  if (category === 'done') {
    const current = objectOf(fields?.resolution)?.name;
    return { kind: 'closed', reason: jiraCloseReason(typeof current === 'string' ? current : null), at };
  }
  if (body.issue_event_type_name === 'issue_reopened') return { kind: 'reopened', at };
  const moved = textOf(status!.toString) ?? 'another status';
  return `moved to "${moved}", not a done status, without a resolution change`;
}

/** A changelog item's field, by its id where Jira gives one (names are translated). */
function fieldOf(item: Item): string | null {
  const field = item.fieldId ?? item.field;
  return typeof field === 'string' ? field.toLowerCase() : null;
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
