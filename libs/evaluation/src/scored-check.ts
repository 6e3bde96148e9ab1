import type { SuccessMetricEntity } from '@app/persistence';
import type { CheckResult } from '@app/scoring';

/** A metric's check in one pass: scored, or skipped because its slot was already scored. */
export interface ScoredCheck {
  metric: SuccessMetricEntity;
  /** The check's slot: T truncated to the metric's checkEvery. */
  slot: Date;
  /** When the metric is next due: the slot after this one. */
  nextCheckAt: Date;
  /** null: the slot was already scored, nothing was fetched. */
  result: CheckResult | null;
  /** The implementedAt the check judged by: what its pre-fix value was measured for. */
  implementedAt: Date | null;
  durationMs: number;
}

/** A replayed check whose fetch failed, as a replay reports its first one. */
export interface FailedCheck {
  at: Date;
  metricId: string;
  error: string;
}

/** What a pass (or a part of one) did. */
export interface PassSummary {
  /** Checks written. */
  scored: number;
  /** Checks not written because their slot was already scored. */
  skipped: number;
  /** Checks written as `error`, or not written because of a fault of ours. */
  errors: number;
  /** Replayed checks whose fetch failed: not written, their slots left to a later replay. */
  failed: number;
  firstError: FailedCheck | null;
}

export const EMPTY_SUMMARY: PassSummary = { scored: 0, skipped: 0, errors: 0, failed: 0, firstError: null };

export function addSummaries(a: PassSummary, b: PassSummary): PassSummary {
  return {
    scored: a.scored + b.scored,
    skipped: a.skipped + b.skipped,
    errors: a.errors + b.errors,
    failed: a.failed + b.failed,
    firstError: a.firstError ?? b.firstError,
  };
}
