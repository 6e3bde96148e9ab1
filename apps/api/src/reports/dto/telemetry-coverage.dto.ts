/** How many unfinished actions carry at least one success metric. */
export class TelemetryCoverageDto {
  /** Actions not verified and not won't-fix. */
  openActions: number;
  /** Of those, the ones with at least one success metric. */
  withMetrics: number;
  /** withMetrics / openActions; null when there are no open actions. */
  share: number | null;
}
