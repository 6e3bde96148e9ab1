/** The last four weeks' closing rate, extrapolated from min(to, now). */
export class BurndownForecastDto {
  /** When nothing would remain at that rate; null when nothing closed in those weeks. */
  zeroAt: string | null;
  /** Actions closed per week over the last four weeks. */
  closingPerWeek: number;
  /** Whether zeroAt is no later than latestDueAt (true when nothing remains or nothing has a due date). */
  onTrack: boolean;
  /** Actions remaining at min(to, now). */
  remaining: number;
  /** The latest dueAt among those remaining actions. */
  latestDueAt: string | null;
}
