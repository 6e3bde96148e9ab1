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
  durationMs: number;
}

/** What a pass (or a part of one) did: checks written, checks skipped, checks that ended in error. */
export interface PassSummary {
  scored: number;
  skipped: number;
  errors: number;
}

export const EMPTY_SUMMARY: PassSummary = { scored: 0, skipped: 0, errors: 0 };

export function addSummaries(a: PassSummary, b: PassSummary): PassSummary {
  return { scored: a.scored + b.scored, skipped: a.skipped + b.skipped, errors: a.errors + b.errors };
}
