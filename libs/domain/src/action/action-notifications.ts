import { notifiedAction, type MetricEvidence, type NotificationEvent } from '../notification-event';
import type { FlagKind } from '../types';
import type { Action } from './action';

/** A flag as a notification reports it. */
export interface ReportedFlag {
  kind: FlagKind;
  reason: string;
  raisedAt: Date;
  clearedAt: Date | null;
}

/** The `action.verified` event of an action just verified (by telemetry or manually), at its `closedAt`. */
export function verifiedEvent(action: Action, evidence: readonly MetricEvidence[]): NotificationEvent {
  return {
    type: 'action.verified',
    occurredAt: action.closedAt ?? action.statusChangedAt,
    body: {
      action: notifiedAction(action),
      verification: action.verification ?? 'manual',
      closedAt: action.closedAt?.toISOString() ?? null,
      evidence: [...evidence],
    },
  };
}

/** Whether a status change verifies an action not verified before: the change receivers hear of. */
export function verifies(before: Pick<Action, 'status'>, after: Pick<Action, 'status'>): boolean {
  return after.status === 'verified' && before.status !== 'verified';
}

/**
 * The events of a status change: `action.verified` when it verifies an action not verified before,
 * with the `evidence` of its metrics (read only when `verifies` says an event will carry it).
 */
export function statusEvents(before: Action, after: Action, evidence: readonly MetricEvidence[]): NotificationEvent[] {
  return verifies(before, after) ? [verifiedEvent(after, evidence)] : [];
}

/** flag.raised / flag.cleared; a raised `ineffective` flag is also an `action.ineffective` event. */
export function flagEvents(
  action: Action,
  type: 'flag.raised' | 'flag.cleared',
  flag: ReportedFlag,
  evidence: readonly MetricEvidence[],
): NotificationEvent[] {
  const body = {
    action: notifiedAction(action),
    flag: {
      kind: flag.kind,
      reason: flag.reason,
      raisedAt: flag.raisedAt.toISOString(),
      clearedAt: flag.clearedAt?.toISOString() ?? null,
    },
    evidence: [...evidence],
  };
  const occurredAt = flag.clearedAt ?? flag.raisedAt;
  const events: NotificationEvent[] = [{ type, occurredAt, body }];
  if (type === 'flag.raised' && flag.kind === 'ineffective')
    events.push({ type: 'action.ineffective', occurredAt, body });
  return events;
}
