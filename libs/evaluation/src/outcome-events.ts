import { notifiedAction, type FlagKind } from '@app/domain';
import type { ActionEntity, OutboxEvent } from '@app/persistence';

/** A flag as a notification reports it. */
export interface NotifiedFlag {
  kind: FlagKind;
  reason: string;
  raisedAt: Date;
  clearedAt: Date | null;
}

/** The `action.verified` event of an action just verified (by telemetry or manually), at its `closedAt`. */
export function verifiedEvent(action: ActionEntity): OutboxEvent {
  return {
    type: 'action.verified',
    occurredAt: action.closedAt ?? action.statusChangedAt,
    body: { action: notifiedAction(action), verification: action.verification ?? 'manual', closedAt: action.closedAt?.toISOString() ?? null },
  };
}

/** flag.raised / flag.cleared; a raised `ineffective` flag is also an `action.ineffective` event. */
export function flagEvents(action: ActionEntity, type: 'flag.raised' | 'flag.cleared', flag: NotifiedFlag): OutboxEvent[] {
  const body = {
    action: notifiedAction(action),
    flag: { kind: flag.kind, reason: flag.reason, raisedAt: flag.raisedAt.toISOString(), clearedAt: flag.clearedAt?.toISOString() ?? null },
  };
  const occurredAt = flag.clearedAt ?? flag.raisedAt;
  const events: OutboxEvent[] = [{ type, occurredAt, body }];
  if (type === 'flag.raised' && flag.kind === 'ineffective') events.push({ type: 'action.ineffective', occurredAt, body });
  return events;
}
