export class PassSummaryDto {
  /** Checks written (every verdict, errors included). */
  scored: number;
  /** Checks not written because their slot was already scored. */
  skipped: number;
  /** Checks that ended in `error` (the datasource failed), or could not be written at all. */
  errors: number;
}

/** The first replayed check whose fetch failed. */
export class FailedCheckDto {
  /** The check's time (its slot). */
  at: string;
  metricId: string;
  /** The datasource's failure, e.g. `unreachable: connect ECONNREFUSED 127.0.0.1:9090`. */
  error: string;
}

/**
 * A replay writes only successful checks: a slot whose fetch failed is `failed`, not written, and
 * left for a later replay (an `error` never fills history or dates a `source_error` in the past).
 */
export class BackfillSummaryDto extends PassSummaryDto {
  /** Check times replayed. */
  slots: number;
  /** Checks whose datasource failed: nothing written for them. */
  failed: number;
  /** The first of those, null when none failed. */
  firstError: FailedCheckDto | null;
}
