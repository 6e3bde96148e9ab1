import type { ActionOutcomeInput, FlagDecision, MetricTrack, Verdict } from '../scoring.types';
import { spanInWords } from '../time-words';
import { isWatched } from './action-state';
import { metricInWords } from './metric-words';

const MISSED: readonly Verdict[] = ['not_met', 'improving'];

/**
 * The rule (docs/scoring.md, "Flags") `regressed`, for a `verified` action (anything else, e.g. reopened, has no such
 * flag):
 * - raised, while watched (T − verifiedAt ≤ watchFor), when some metric's last `regressionChecks`
 *   successful checks were all not_met/improving;
 * - once active it stays so — inside or outside the watch window — until every metric's last
 *   `regressionChecks` successful checks were met (the metrics that did not slip are met anyway).
 * regressionChecks below 1 counts as 1: a run of no checks is not evidence.
 */
export function regressedFlag({ at, action, metrics, thresholds }: ActionOutcomeInput): FlagDecision {
  const decide = (active: boolean, reason: string): FlagDecision => ({ kind: 'regressed', active, reason });
  if (action.status !== 'verified') return decide(false, `the action is ${action.status}, not verified`);
  const checks = Math.max(1, thresholds.regressionChecks);
  const slipped = metrics.map(({ track }) => track).filter((track) => lastAll(track, checks, MISSED));
  const slippedReason = slipped
    .map((track) => `${metricInWords(track)} missed its goal at the last ${checks} successful checks`)
    .join('; ');

  if (action.activeFlags.includes('regressed')) {
    const recovered = metrics.every(({ track }) => lastAll(track, checks, ['met']));
    if (recovered) return decide(false, `every metric met its goal at the last ${checks} successful checks`);
    return decide(
      true,
      slipped.length > 0 ? slippedReason : `waiting for ${checks} met checks in a row of every metric`,
    );
  }
  if (!isWatched(action, at, thresholds.watchForMs))
    return decide(false, `not watched: verified more than ${spanInWords(thresholds.watchForMs)} ago`);
  if (slipped.length > 0) return decide(true, slippedReason);
  return decide(false, 'every metric still holds its goal');
}

function lastAll(track: MetricTrack, checks: number, verdicts: readonly Verdict[]): boolean {
  const last = track.recentSuccessful.slice(0, checks);
  return last.length === checks && last.every((check) => verdicts.includes(check.verdict));
}
