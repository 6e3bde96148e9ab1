import type { ActionOutcomeInput } from './scoring.types';

/**
 * SPEC §3 "verified": the action is `implemented`, has at least one metric, and every metric has been
 * `met` at every successful check for at least its own sustainFor: metSince ≤ T − sustainFor
 * (exactly sustainFor is enough). Open and in-progress actions are scored but never verified.
 */
export function shouldVerify(input: ActionOutcomeInput): boolean {
  const { at, action, metrics } = input;
  if (action.status !== 'implemented' || metrics.length === 0) return false;
  return metrics.every(({ spec, track }) => track.metSince !== null && track.metSince <= at - spec.sustainForMs);
}
