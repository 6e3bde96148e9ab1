import { isTerminal, type FlagKind } from '@app/domain';
import type { ActionOutcomeInput, FlagDecision, Verdict } from '../scoring.types';
import { isWatched } from './action-state';
import { metricInWords } from './metric-words';

/** The rule (docs/scoring.md, "Flags"): three checks in a row, so one failed scrape does not raise a flag. */
export const TELEMETRY_CHECKS = 3;

/** The rule (docs/scoring.md, "Flags") `no_telemetry`: some metric's last 3 checks were all `no_data`. */
export function noTelemetryFlag(input: ActionOutcomeInput): FlagDecision {
  return repeatedVerdictFlag(input, 'no_telemetry', 'no_data', 'returned no data');
}

/** The rule (docs/scoring.md, "Flags") `source_error`: some metric's last 3 checks were all `error`. */
export function sourceErrorFlag(input: ActionOutcomeInput): FlagDecision {
  return repeatedVerdictFlag(input, 'source_error', 'error', 'failed with a datasource error');
}

/**
 * Watched only while the checks still matter: a non-terminal action, or a verified one inside its
 * regression watch window. A closed action's missing telemetry is nobody's task.
 */
function repeatedVerdictFlag(
  input: ActionOutcomeInput,
  kind: FlagKind,
  verdict: Verdict,
  happened: string,
): FlagDecision {
  const { at, action, metrics, thresholds } = input;
  if (isTerminal(action.status) && !isWatched(action, at, thresholds.watchForMs)) {
    return { kind, active: false, reason: `the action is ${action.status} and no longer watched` };
  }
  const affected = metrics
    .filter(({ track }) => {
      const last = track.recentVerdicts.slice(0, TELEMETRY_CHECKS);
      return last.length === TELEMETRY_CHECKS && last.every((v) => v === verdict);
    })
    .map(({ track }) => metricInWords(track));
  if (affected.length === 0)
    return { kind, active: false, reason: `no metric's last ${TELEMETRY_CHECKS} checks all ${happened}` };
  return {
    kind,
    active: true,
    reason: affected.map((metric) => `the last ${TELEMETRY_CHECKS} checks of ${metric} ${happened}`).join('; '),
  };
}
