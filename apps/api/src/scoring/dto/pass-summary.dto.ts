export class PassSummaryDto {
  /** Checks written (every verdict, errors included). */
  scored: number;
  /** Checks not written because their slot was already scored. */
  skipped: number;
  /** Checks that ended in `error` (the datasource failed), or could not be written at all. */
  errors: number;
}

export class BackfillSummaryDto extends PassSummaryDto {
  /** Check times replayed. */
  slots: number;
}
