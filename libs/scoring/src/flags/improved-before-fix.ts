import { numbersInWords } from '../number-words';
import { isMet } from '../progress';
import type { ActionOutcomeInput, FlagDecision, MetricTrack, PreFixMeasurement } from '../scoring.types';
import { dayRangeInWords, isoDay } from '../time-words';
import { metricInWords } from './metric-words';

/**
 * The rule (docs/scoring.md, "Flags") `improved_before_fix`: an `implemented` or `verified` action, judged at a check
 * at or after implementedAt, some of whose metrics already met their goal over the pre-fix window
 * [implementedAt − evaluationWindow, implementedAt] (its aggregate, no significance test). The telemetry got better
 * before the fix shipped, so the credit may belong elsewhere. It blocks nothing. Only pre-fix measurements taken for
 * the action's current implementedAt are given, so a corrected implementedAt clears the flag until measured again.
 */
export function improvedBeforeFixFlag({ at, action, metrics }: ActionOutcomeInput): FlagDecision {
  const decide = (active: boolean, reason: string): FlagDecision => ({ kind: 'improved_before_fix', active, reason });
  if (action.status !== 'implemented' && action.status !== 'verified')
    return decide(false, `the action is ${action.status}, not implemented or verified`);
  if (action.implementedAt === null) return decide(false, 'no implementation time recorded');
  if (at < action.implementedAt)
    return decide(false, `the fix ships ${isoDay(action.implementedAt)}, after this check`);
  const early = metrics.filter(
    (m): m is typeof m & { preFix: PreFixMeasurement } =>
      m.preFix !== null && isMet(m.preFix.direction, m.preFix.value, m.preFix.goal),
  );
  if (early.length === 0) return decide(false, 'no metric met its goal before the fix');
  return decide(true, early.map(({ track, preFix }) => metBeforeFix(track, preFix)).join('; '));
}

/** `metric "checkout p99 latency" was already 380 before the fix (8–15 Oct), meeting its goal ≤ 400`. */
function metBeforeFix(track: Pick<MetricTrack, 'name'>, preFix: PreFixMeasurement): string {
  const [value, goal] = numbersInWords([preFix.value, preFix.goal]);
  const at = preFix.direction === 'decrease' ? '≤' : '≥';
  const days = dayRangeInWords({ start: preFix.windowStart, end: preFix.windowEnd });
  return `${metricInWords(track)} was already ${value} before the fix (${days}), meeting its goal ${at} ${goal}`;
}
