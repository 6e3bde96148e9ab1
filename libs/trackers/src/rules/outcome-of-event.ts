import type { NotificationBody, NotificationEventType } from '@app/domain';
import type { RemediationOutcome } from './outcome-comment';

/** An outbox event that is written back to the action's linked issue. */
export interface OutcomeOfEvent {
  outcome: RemediationOutcome;
  actionId: string;
  /** The verdict's reason: the flag's, or each metric's latest reason for a verification. */
  reason: string;
}

/**
 * Which outbox events go back to a linked issue (docs/trackers.md, "What is written back"):
 * `action.verified`, `action.ineffective`, and `flag.raised` of a stalled or regressed flag. The
 * ineffective flag's own `flag.raised` is left out: `action.ineffective` reports the same verdict.
 */
export function outcomeOfEvent(type: NotificationEventType, body: NotificationBody): OutcomeOfEvent | null {
  if (!('action' in body)) return null;
  const actionId = body.action.id;
  if (type === 'action.verified' && 'verification' in body)
    return { outcome: 'verified', actionId, reason: verificationReason(body) };
  if (!('flag' in body)) return null;
  if (type === 'action.ineffective') return { outcome: 'ineffective', actionId, reason: body.flag.reason };
  if (type === 'flag.raised' && (body.flag.kind === 'stalled' || body.flag.kind === 'regressed'))
    return { outcome: body.flag.kind, actionId, reason: body.flag.reason };
  return null;
}

/**
 * Whether an action was stalled already when it was linked to its issue: its status had not moved
 * for `stallAfter` by then (an old issue imported, an old action linked). That stall is not news to
 * the issue, and writing it back would be a comment on import; a stall that begins later is.
 */
export function stalledWhenLinked(statusChangedAt: Date, stallAfterMs: number, linkedAt: Date): boolean {
  return statusChangedAt.getTime() + stallAfterMs <= linkedAt.getTime();
}

/** The comment's hidden mark of the event it reports: how a retry knows the comment is there already. */
export function outcomeMarker(eventId: string): string {
  return `<!-- remediation-event:${eventId} -->`;
}

function verificationReason(body: Extract<NotificationBody, { verification: unknown }>): string {
  if (body.verification === 'manual') return 'verified by a person';
  return body.evidence
    .filter((e) => e.reason !== null)
    .map((e) => `${e.metric}: ${e.reason}`)
    .join('; ');
}
