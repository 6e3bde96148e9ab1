import { sustainSpanMs } from '@app/domain';
import type { ActionOutcomeInput } from './scoring.types';

/**
 * "verified" (docs/scoring.md, "Verification"): the action is `implemented`, the fix had
 * shipped by the check (implementedAt ≤ T: a replayed check from before the fix never verifies it,
 * whatever the status is today), it has at least one metric, and every metric has been `met` at
 * every successful check for at least its own sustainFor: metSince ≤ T − sustainFor (exactly
 * sustainFor is enough). Open and in-progress actions are scored but never verified.
 */
export function shouldVerify(input: ActionOutcomeInput): boolean {
  const { at, action, metrics } = input;
  if (action.status !== 'implemented' || metrics.length === 0) return false;
  if (action.implementedAt === null || action.implementedAt > at) return false;
  return metrics.every(
    ({ definition, track }) => track.metSince !== null && track.metSince <= at - sustainSpanMs(definition),
  );
}
