import type { ActionStatus, FlagKind, Priority, Verification } from './types';

/**
 * The events webhook targets subscribe to. `action.ineffective` is sent in addition to the
 * `flag.raised` of the ineffective flag: the flag stream stays complete for receivers that follow
 * every flag, and receivers that only care about fixes that did not work subscribe to the one type.
 */
export const NOTIFICATION_EVENT_TYPES = [
  'flag.raised',
  'flag.cleared',
  'action.verified',
  'action.ineffective',
  'digest.weekly',
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

/**
 * What a payload says about an action. Never the assignee: notifications speak of teams. `url` is
 * added when the event is sent, from the sending process's `notifications.publicUrl`.
 */
export interface NotifiedAction {
  id: string;
  title: string;
  ownerTeam: string;
  priority: Priority;
  status: ActionStatus;
  dueAt: string | null;
  url?: string;
}

export interface NotifiedFlag {
  kind: FlagKind;
  reason: string;
  raisedAt: string;
  clearedAt: string | null;
}

/**
 * What the telemetry says about one of the action's success metrics, so a receiver sees why without
 * opening the dashboard: each metric's latest check when the event was written.
 */
export interface MetricEvidence {
  /** The success metric's name. */
  metric: string;
  /** Its latest check's reason (docs/scoring.md, "Reasons"); null before its first check, or for a check older than reasons. */
  reason: string | null;
}

export interface DigestEntry extends NotifiedAction {
  overdue: boolean;
  stalled: boolean;
}

/** The body of an event, without the envelope (id, type, occurredAt) the outbox row supplies. */
export type NotificationBody =
  | { action: NotifiedAction; flag: NotifiedFlag; evidence: MetricEvidence[] }
  | { action: NotifiedAction; verification: Verification; closedAt: string | null; evidence: MetricEvidence[] }
  | {
      team: string;
      week: string;
      counts: { open: number; overdue: number; stalled: number };
      actions: DigestEntry[];
      /** More open actions than the digest lists. */
      truncated: boolean;
    };

/** An event as the outbox stores it, before the outbox gives it an id. */
export interface NotificationEvent {
  type: NotificationEventType;
  occurredAt: Date;
  body: NotificationBody;
  /** An event that must exist once at most carries a key; a second one with it is not written. */
  dedupKey?: string;
}

/** The event as receivers get it (format `json`). */
export type NotificationPayload = { id: string; type: NotificationEventType; occurredAt: string } & NotificationBody;

/** The fields of an action row a payload is made from. */
export interface ActionFacts {
  id: string;
  title: string;
  ownerTeam: string;
  priority: Priority;
  status: ActionStatus;
  dueAt: Date | null;
}

export function notifiedAction(action: ActionFacts): NotifiedAction {
  return {
    id: action.id,
    title: action.title,
    ownerTeam: action.ownerTeam,
    priority: action.priority,
    status: action.status,
    dueAt: action.dueAt?.toISOString() ?? null,
  };
}

/** Which targets an event goes to: those listing its type, or listing none (all events). */
export function subscribedTargets(
  targets: ReadonlyArray<{ name: string; events?: readonly string[] }>,
  type: NotificationEventType,
): string[] {
  return targets.filter((t) => t.events === undefined || t.events.includes(type)).map((t) => t.name);
}
