import { verificationDeadline } from '@app/domain';
import type { ActionOutcomeInput, FlagDecision } from '../scoring.types';
import { isoDay, spanInWords } from '../time-words';

/**
 * The rule (docs/scoring.md, "Flags") `ineffective`: `implemented` (so not verified), and the
 * metric's verification deadline (libs/domain `verificationDeadline`) is before T. With several
 * metrics the fix gets the latest deadline among them, so no metric is judged before its own
 * deadline; an action without metrics has nothing to prove and is never ineffective.
 */
export function ineffectiveFlag({ at, action, metrics }: ActionOutcomeInput): FlagDecision {
  const decide = (active: boolean, reason: string): FlagDecision => ({ kind: 'ineffective', active, reason });
  if (action.status !== 'implemented') return decide(false, `the action is ${action.status}, not implemented`);
  if (action.implementedAt === null) return decide(false, 'no implementation time recorded');
  if (metrics.length === 0) return decide(false, 'no success metric to prove the fix');
  const implementedAt = action.implementedAt;
  const deadline = Math.max(...metrics.map(({ definition }) => verificationDeadline(definition, implementedAt)));
  if (deadline < at) {
    return decide(
      true,
      `implemented ${isoDay(action.implementedAt)} and not verified by telemetry within ${spanInWords(deadline - implementedAt)} (deadline ${isoDay(deadline)})`,
    );
  }
  return decide(
    false,
    `implemented ${isoDay(action.implementedAt)}; the telemetry has until ${isoDay(deadline)} to verify it`,
  );
}
