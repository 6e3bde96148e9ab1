/** At least one; when both are given both must hold. */
export class MetricTargetDto {
  /** The value to reach, in the query's unit. */
  absolute?: number;
  /** Improvement relative to the baseline, in percent (> 0; at most 100 for a decrease). */
  relativePercent?: number;
}
