import { SUCCESSFUL_VERDICTS, type Millis, type Verdict } from './scoring.types';

/**
 * The rule (docs/scoring.md, "Met streak"): metSince is the time of the first `met` check of the current run of `met`
 * checks. `not_met` and `improving` end the run; `pending`, `no_data` and `error` neither start nor
 * end it. Checks are scored in time order, so a previous metSince is never after `at`.
 */
export function nextMetSince(verdict: Verdict, at: Millis, previousMetSince: Millis | null): Millis | null {
  if (verdict === 'met') return previousMetSince ?? at;
  // Any other check that judged the fix (improving, not_met) ends the run.
  if (SUCCESSFUL_VERDICTS.includes(verdict)) return null;
  return previousMetSince;
}
