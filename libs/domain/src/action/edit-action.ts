import { invalidInput } from '../domain.errors';
import { defaultDueAt } from '../remediation-slo';
import type { ActionStatus, Priority } from '../types';
import { auditSnapshot, type Action, type ActionOutcome } from './action';
import { checkOpenedAt } from './action-dates';
import { statusEvents } from './action-notifications';
import { diffFields, type FieldChanges } from './audit-changes';
import type { OpenActionRequest } from './open-action';
import { personMove } from './person-move';

/**
 * A person's change to an action: the fields of a new action, all optional (closedAt follows the
 * workflow); only the fields given change; null clears a nullable field.
 */
export interface ActionEdit extends Partial<Omit<OpenActionRequest, 'closedAt'>> {
  /** A move along the workflow (see `checkTransition`). */
  status?: ActionStatus;
  /** Only with status implemented: when the fix shipped (default now). */
  implementedAt?: Date;
  /** Only with status verified, and required then. */
  verificationNote?: string;
  /**
   * Only with status wont_fix, and optional: why the action is closed without a fix. The action
   * has no such field; the move's audit entry carries it as `changes.reason`.
   */
  reason?: string;
}

export interface EditContext {
  now: Date;
  /** Days to fix, per priority (null: no due date). */
  sloDays: Record<Priority, number | null>;
  /** The action's success metrics; only a move to verified reads it. */
  metricCount: number;
}

/** The fields an edit may carry only together with a move to one status; checked before anything is read. */
export function checkEditShape(edit: ActionEdit): void {
  if (edit.implementedAt !== undefined && edit.status !== 'implemented') {
    throw invalidInput('implementedAt: only allowed with status implemented');
  }
  if (edit.verificationNote !== undefined && edit.status !== 'verified') {
    throw invalidInput('verificationNote: only allowed with status verified');
  }
  if (edit.reason !== undefined && edit.status !== 'wont_fix') {
    throw invalidInput('reason: only allowed with status wont_fix');
  }
}

/**
 * A person edits an action: its fields, its place in the workflow, or both, as one audit entry
 * (`status_changed` when the status moved, else `updated`; none when nothing changed). Moving to
 * verified by hand is notified like a verification by telemetry. The caller has checked that a
 * newly linked post-mortem exists.
 */
export function editAction(action: Action, edit: ActionEdit, context: EditContext): ActionOutcome {
  checkEditShape(edit);
  const { now } = context;
  const edited = moveStatus(editFields(action, edit, context), edit, context);
  checkDates(edited, edit);
  const changes = { ...diffFields(auditSnapshot(action), auditSnapshot(edited)), ...reasonChange(edit) };
  if (Object.keys(changes).length === 0) return { action, audit: [], events: [] };
  return {
    action: { ...edited, updatedAt: now },
    audit: [{ type: changes.status ? 'status_changed' : 'updated', changes, at: now }],
    // A person verifies only an action without success metrics (docs/scoring.md, "Verification"): no evidence to give.
    events: statusEvents(action, edited, []),
  };
}

/**
 * The reason given with a move to wont_fix, as an audit change (`from` null: the action keeps no
 * reason of its own). Given again while already wont_fix, it is recorded as a correction.
 */
function reasonChange(edit: ActionEdit): FieldChanges {
  const reason = edit.reason?.trim();
  return reason ? { reason: { from: null, to: reason } } : {};
}

/** A person moves an action along the workflow, as an edit of its status alone. */
export function moveToStatus(
  action: Action,
  to: ActionStatus,
  move: Pick<ActionEdit, 'implementedAt' | 'verificationNote'>,
  context: EditContext,
): ActionOutcome {
  return editAction(action, { ...move, status: to }, context);
}

/**
 * A person sets verified, saying how the fix was checked: only from implemented, and only on an
 * action without success metrics (with any, the scorer verifies it).
 */
export function verifyManually(action: Action, note: string, context: EditContext): ActionOutcome {
  return moveToStatus(action, 'verified', { verificationNote: note }, context);
}

/** Whether the changes move the end of a default baseline window: the post-mortem's occurredAt, else openedAt. */
export function movesDefaultBaselineWindow(changes: FieldChanges): boolean {
  return changes.postmortemId !== undefined || changes.openedAt !== undefined;
}

function editFields(current: Action, edit: ActionEdit, context: EditContext): Action {
  const action = { ...current };
  if (edit.sourceId !== undefined) action.sourceId = edit.sourceId;
  if (edit.postmortemId !== undefined) action.postmortemId = edit.postmortemId;
  if (edit.title !== undefined) action.title = edit.title;
  if (edit.description !== undefined) action.description = edit.description;
  if (edit.ownerTeam !== undefined) action.ownerTeam = edit.ownerTeam;
  if (edit.assignee !== undefined) action.assignee = edit.assignee;
  if (edit.priority !== undefined) action.priority = edit.priority;
  if (edit.services !== undefined) action.services = [...new Set(edit.services)];
  if (edit.externalRef !== undefined) action.externalRef = edit.externalRef;
  if (edit.dueAt !== undefined) {
    action.dueAt = edit.dueAt;
    action.dueAtFromSlo = false;
  }
  if (edit.openedAt !== undefined) {
    checkOpenedAt(edit.openedAt, context.now);
    // An action still in its first status changed status when it was opened; keep that true.
    if (action.status === 'open' && action.statusChangedAt.getTime() === action.openedAt.getTime())
      action.statusChangedAt = edit.openedAt;
    action.openedAt = edit.openedAt;
  }
  // A due date taken from the priority's SLO is counted from openedAt for that priority: it
  // follows either when it changes. One a person gave stays.
  const sloInputsMoved = edit.openedAt !== undefined || edit.priority !== undefined;
  if (action.dueAtFromSlo && sloInputsMoved)
    action.dueAt = defaultDueAt(action.openedAt, action.priority, context.sloDays);
  return action;
}

function moveStatus(action: Action, edit: ActionEdit, { now, metricCount }: EditContext): Action {
  const to = edit.status;
  if (to === undefined) return action;
  const { implementedAt, verificationNote } = edit;
  if (implementedAt && implementedAt > now) throw invalidInput('implementedAt: must not be in the future');
  if (to === action.status) {
    // Same status: nothing moves, but the time the fix shipped or the note may be corrected.
    const corrected = { ...action };
    if (implementedAt) Object.assign(corrected, { implementedAt, statusChangedAt: implementedAt });
    if (verificationNote !== undefined) corrected.verificationNote = verificationNote;
    return corrected;
  }
  return personMove(action, to, { at: now, implementedAt, note: verificationNote, metricCount });
}

/**
 * The order of an action's dates, checked where the edit moved one (a default "now" never
 * contradicts an openedAt within the clock-skew allowance), naming the field it gave.
 */
function checkDates(action: Action, edit: ActionEdit): void {
  const { openedAt, dueAt, implementedAt, closedAt } = action;
  const movedOpenedAt = edit.openedAt !== undefined;
  if (dueAt && dueAt < openedAt && (movedOpenedAt || edit.dueAt !== undefined)) {
    throw invalidInput(
      edit.dueAt !== undefined ? 'dueAt: must not be before openedAt' : 'openedAt: must not be after dueAt',
    );
  }
  if (implementedAt && implementedAt < openedAt && (movedOpenedAt || edit.implementedAt !== undefined)) {
    throw invalidInput(
      edit.implementedAt !== undefined
        ? 'implementedAt: must not be before openedAt'
        : 'openedAt: must not be after implementedAt',
    );
  }
  if (closedAt && closedAt < openedAt && movedOpenedAt) throw invalidInput('openedAt: must not be after closedAt');
}
