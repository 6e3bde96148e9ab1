import { invalidInput } from '../domain.errors';
import { defaultDueAt } from '../remediation-slo';
import type { ActionStatus, Priority } from '../types';
import { auditSnapshot, type Action, type ActionOutcome, type AuditEntry } from './action';
import { checkOpenedAt } from './action-dates';
import { statusEvents } from './action-notifications';
import { diffFields } from './audit-changes';
import { importedTransitions, type DatedTransition } from './imported-status';
import { personMove } from './person-move';

export const DEFAULT_PRIORITY: Priority = 'P2';

/** A new action as a person describes it; what is left out takes its default. */
export interface OpenActionRequest {
  sourceId?: string | null;
  postmortemId?: string | null;
  title: string;
  description?: string;
  ownerTeam: string;
  assignee?: string | null;
  /** Default P2. */
  priority?: Priority;
  services?: string[];
  externalRef?: string | null;
  /** Default now; may be in the past (an import), not in the future. */
  openedAt?: Date;
  /** Absent: the priority's remediation SLO from openedAt (it then follows both); null: no due date. */
  dueAt?: Date | null;
  /** Default open; a later status imports an existing action item, see `importedTransitions`. */
  status?: ActionStatus;
  implementedAt?: Date;
  closedAt?: Date;
  verificationNote?: string;
}

export interface OpeningContext {
  id: string;
  now: Date;
  /** Days to fix, per priority (null: no due date). */
  sloDays: Record<Priority, number | null>;
}

/**
 * Opens an action, or imports one at a later status. Its audit trail: created, then one entry per
 * move the workflow takes from open (a person's moves, checked as an edit checks them). An
 * import's trail reads as the action's history — created at openedAt, each move at its own time —
 * while createdAt says when it was recorded. An imported verification is notified like any other.
 */
export function openAction(request: OpenActionRequest, context: OpeningContext): ActionOutcome {
  const opened = openedAction(request, context);
  if (request.verificationNote !== undefined && request.status !== 'verified') {
    throw invalidInput('verificationNote: only allowed with status verified');
  }
  const transitions = importedTransitions({
    status: request.status ?? 'open',
    openedAt: opened.openedAt,
    implementedAt: request.implementedAt ?? null,
    closedAt: request.closedAt ?? null,
    now: context.now,
  });
  const imported = request.status !== undefined;
  const audit: AuditEntry[] = [
    { type: 'created', changes: diffFields({}, auditSnapshot(opened)), at: imported ? opened.openedAt : context.now },
  ];
  let action = opened;
  for (const transition of transitions) {
    const next = move(action, transition, request.verificationNote);
    audit.push({
      type: 'status_changed',
      changes: diffFields(auditSnapshot(action), auditSnapshot(next)),
      at: transition.at,
    });
    action = next;
  }
  // A new action has no success metric yet: its verification, if imported, has no evidence to give.
  return { action, audit, events: statusEvents(opened, action, []) };
}

/** The action as opened, before any status the request carries: open since openedAt. */
function openedAction(request: OpenActionRequest, { id, now, sloDays }: OpeningContext): Action {
  const openedAt = request.openedAt ?? now;
  checkOpenedAt(openedAt, now);
  const priority = request.priority ?? DEFAULT_PRIORITY;
  const dueAtFromSlo = request.dueAt === undefined;
  const dueAt = request.dueAt === undefined ? defaultDueAt(openedAt, priority, sloDays) : request.dueAt;
  if (dueAt && dueAt < openedAt) throw invalidInput('dueAt: must not be before openedAt');
  return {
    id,
    sourceId: request.sourceId ?? null,
    postmortemId: request.postmortemId ?? null,
    title: request.title,
    description: request.description ?? '',
    ownerTeam: request.ownerTeam,
    assignee: request.assignee ?? null,
    priority,
    services: [...new Set(request.services ?? [])],
    externalRef: request.externalRef ?? null,
    openedAt,
    dueAt,
    dueAtFromSlo,
    status: 'open',
    implementedAt: null,
    closedAt: null,
    statusChangedAt: openedAt,
    verification: null,
    verificationNote: null,
    createdAt: now,
    updatedAt: now,
  };
}

// Nothing is attached yet, so a person may verify it, with a note.
function move(action: Action, transition: DatedTransition, note: string | undefined): Action {
  return personMove(action, transition.to, {
    at: transition.at,
    implementedAt: transition.implementedAt,
    note,
    metricCount: 0,
  });
}
