import { isTerminal } from '@app/domain';
import type { ActionOutcomeInput, FlagDecision, MetricTrack } from '../scoring.types';
import { decimal, spanInWords } from '../time-words';
import { metricInWords } from './metric-words';

/** Progress values are sums of decimals: a gain within this of minProgressGain counts as reaching it. */
const GAIN_TOLERANCE = 1e-9;

/**
 * The rule (docs/scoring.md, "Flags") `stalled`: not terminal, the status unchanged for longer than stallAfter (exactly
 * stallAfter is not yet stalled), and no progress: for every metric that gives evidence, the best progress of the last
 * stallAfter is less than minProgressGain above the best progress before it (0 when none).
 * - Evidence is a successful check in the last stallAfter (bestProgressRecent set); metrics without it
 *   are ignored, and an action none of whose metrics gives evidence is not stalled (no_telemetry and
 *   source_error say why). An action with no metrics at all stalls on statusChangedAt alone.
 * - Any one metric gaining enough clears it: the action is moving. "The best progress" of the spec is
 *   read per metric, since progress on different metrics is not comparable.
 * - When every metric that gives evidence stands at progress 1 (goal reached, waiting for sustainFor
 *   or for significance), the action is not stalled.
 */
export function stalledFlag({ at, action, metrics, thresholds }: ActionOutcomeInput): FlagDecision {
  const decide = (active: boolean, reason: string): FlagDecision => ({ kind: 'stalled', active, reason });
  const { stallAfterMs, minProgressGain } = thresholds;
  if (isTerminal(action.status)) return decide(false, `the action is ${action.status}`);
  const unchangedFor = at - action.statusChangedAt;
  const period = spanInWords(stallAfterMs);
  if (!(unchangedFor > stallAfterMs))
    return decide(false, `the status changed ${spanInWords(unchangedFor)} ago, within ${period}`);
  if (metrics.length === 0)
    return decide(true, `no status change in ${spanInWords(unchangedFor)} and no success metric to show progress`);

  const evidence = metrics.map(({ track }) => track).filter(givesEvidence);
  if (evidence.length === 0) return decide(false, `no metric has a successful check in the last ${period}`);
  if (evidence.every((track) => track.latestProgress === 1)) return decide(false, 'every metric has reached its goal');
  const gaining = evidence.find((track) => gainOf(track) >= minProgressGain - GAIN_TOLERANCE);
  if (gaining)
    return decide(
      false,
      `${metricInWords(gaining)} gained ${decimal(gainOf(gaining))} in ${period}: ${comparison(gaining)}`,
    );
  return decide(
    true,
    `no progress gain ≥ ${decimal(minProgressGain)} in ${period}: ${evidence.map((track) => `${metricInWords(track)} ${comparison(track)}`).join('; ')}`,
  );
}

/** A metric with a successful check in the last stallAfter. */
type Evidence = MetricTrack & { bestProgressRecent: number };

function givesEvidence(track: MetricTrack): track is Evidence {
  return track.bestProgressRecent !== null;
}

function gainOf(track: Evidence): number {
  return track.bestProgressRecent - (track.bestProgressBefore ?? 0);
}

function comparison(track: Evidence): string {
  const before =
    track.bestProgressBefore === null ? '0 before (no earlier check)' : `${decimal(track.bestProgressBefore)} before`;
  return `best ${decimal(track.bestProgressRecent)} recently vs ${before}`;
}
