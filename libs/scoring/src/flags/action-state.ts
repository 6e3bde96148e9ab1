import type { ActionSnapshot, Millis } from '../scoring.types';

/** A verified action is watched for regressions for watchFor after its verification (inclusive). */
export function isWatched(action: ActionSnapshot, at: Millis, watchForMs: Millis): boolean {
  return action.status === 'verified' && action.verifiedAt !== null && at - action.verifiedAt <= watchForMs;
}
