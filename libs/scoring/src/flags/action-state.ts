import type { ActionStatus } from '@app/domain';
import type { ActionSnapshot, Millis } from '../scoring.types';

/** `verified` and `wont_fix` close an action: no more overdue, stalled or ineffective. */
export function isTerminal(status: ActionStatus): boolean {
  return status === 'verified' || status === 'wont_fix';
}

/** A verified action is watched for regressions for watchFor after its verification (inclusive). */
export function isWatched(action: ActionSnapshot, at: Millis, watchForMs: Millis): boolean {
  return action.status === 'verified' && action.verifiedAt !== null && at - action.verifiedAt <= watchForMs;
}
