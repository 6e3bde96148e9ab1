import type { Priority } from '../types';
import type { NotificationEvent } from '../notification-event';
import type { FieldChanges } from './audit-changes';
import { iso } from './iso-date';
import type { StatusFields } from './status-change';

/** A corrective action: what people said about it, and where it stands in the workflow. */
export interface Action extends StatusFields {
  id: string;
  /** The stable id a definitions file gave it (docs/definitions.md); null when made by hand. */
  sourceId: string | null;
  postmortemId: string | null;
  title: string;
  description: string;
  ownerTeam: string;
  assignee: string | null;
  priority: Priority;
  services: string[];
  externalRef: string | null;
  openedAt: Date;
  dueAt: Date | null;
  /** dueAt came from the priority's remediation SLO: it follows openedAt and priority. */
  dueAtFromSlo: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** One entry of the action's audit trail; the caller adds who made the change. */
export interface AuditEntry {
  type: 'created' | 'updated' | 'status_changed';
  changes: FieldChanges;
  at: Date;
}

/**
 * What an operation on an action comes to: the action after it, the audit entries to append and
 * the notification events to put in the outbox, all three saved in one transaction.
 */
export interface ActionOutcome {
  action: Action;
  audit: AuditEntry[];
  events: NotificationEvent[];
}

/** The fields of an action a change can touch, as the API shows them: dates as ISO strings. */
export type ActionSnapshot = {
  [K in Exclude<keyof Action, 'id' | 'dueAtFromSlo' | 'createdAt' | 'updatedAt'>]: Action[K] extends Date
    ? string
    : Action[K] extends Date | null
      ? string | null
      : Action[K];
};

/** Every field a change can touch, as the API shows it (dates as ISO strings): the audit trail is made of these. */
export function auditSnapshot(action: Action): ActionSnapshot {
  return {
    sourceId: action.sourceId,
    postmortemId: action.postmortemId,
    title: action.title,
    description: action.description,
    ownerTeam: action.ownerTeam,
    assignee: action.assignee,
    priority: action.priority,
    services: action.services,
    externalRef: action.externalRef,
    openedAt: action.openedAt.toISOString(),
    dueAt: iso(action.dueAt),
    status: action.status,
    implementedAt: iso(action.implementedAt),
    closedAt: iso(action.closedAt),
    statusChangedAt: action.statusChangedAt.toISOString(),
    verification: action.verification,
    verificationNote: action.verificationNote,
  };
}
