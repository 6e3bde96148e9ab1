import type { ActionStatus } from '../types';
import type { Action } from './action';
import { checkTransition } from './action-workflow';
import { changeStatus, statusFieldsOf } from './status-change';
import { transitionRefusal } from './transition-refusal';

export interface PersonMoveDetails {
  at: Date;
  /** For `implemented`: when the fix shipped, if not `at`. */
  implementedAt?: Date;
  /** For `verified`: how the person checked the fix; required then. */
  note?: string;
  /** The action's success metrics: with any, only the scorer verifies. */
  metricCount: number;
}

/** The action after a person moves it to `to`, or the refusal naming what is allowed instead. */
export function personMove(action: Action, to: ActionStatus, details: PersonMoveDetails): Action {
  const { at, implementedAt, note, metricCount } = details;
  const check = checkTransition(action.status, to, { actor: 'person', metricCount, hasNote: note !== undefined });
  if (!check.ok) throw transitionRefusal(action.status, to, check, metricCount);
  return {
    ...action,
    ...changeStatus(statusFieldsOf(action), to, { at, implementedAt, verification: 'manual', note }),
  };
}
