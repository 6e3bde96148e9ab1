import { notifiedAction, type NotificationEvent } from '../notification-event';
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
export function verifiedEvent(action: Action): NotificationEvent {
  return {
    type: 'action.verified',
    occurredAt: action.closedAt ?? action.statusChangedAt,
    body: {
      action: notifiedAction(action),
      verification: action.verification ?? 'manual',
      closedAt: action.closedAt?.toISOString() ?? null,
    },
  };
}

/** The events of a status change: `action.verified` when it verifies an action not verified before. */
export function statusEvents(before: Action, after: Action): NotificationEvent[] {
  return after.status === 'verified' && before.status !== 'verified' ? [verifiedEvent(after)] : [];
}

/** flag.raised / flag.cleared; a raised `ineffective` flag is also an `action.ineffective` event. */
export function flagEvents(
  action: Action,
  type: 'flag.raised' | 'flag.cleared',
  flag: ReportedFlag,
): NotificationEvent[] {
  const body = {
    action: notifiedAction(action),
    flag: {
      kind: flag.kind,
      reason: flag.reason,
      raisedAt: flag.raisedAt.toISOString(),
      clearedAt: flag.clearedAt?.toISOString() ?? null,
    },
  };
  const occurredAt = flag.clearedAt ?? flag.raisedAt;
  const events: NotificationEvent[] = [{ type, occurredAt, body }];
  if (type === 'flag.raised' && flag.kind === 'ineffective')
    events.push({ type: 'action.ineffective', occurredAt, body });
  return events;
}
