import { ApiProperty } from '@nestjs/swagger';
import { FORECAST_TRENDS, type ForecastTrend } from '@app/scoring';

/** The last four weeks' closing rate, extrapolated from min(to, now). */
export class BurndownForecastDto {
  /**
   * `done`: nothing remains. `closing`: something closed in the last four weeks, extrapolated below.
   * `none`: something remains and nothing closed in those weeks — no trend yet.
   */
  @ApiProperty({ enum: FORECAST_TRENDS, enumName: 'ForecastTrend' })
  trend: ForecastTrend;
  /** When nothing would remain at that rate; null when nothing closed in those weeks. */
  zeroAt: string | null;
  /** Actions closed per week over the last four weeks. */
  closingPerWeek: number;
  /**
   * Whether zeroAt is no later than latestDueAt (true when nothing remains or nothing has a due
   * date). With no trend: false when something is already overdue, else null (neither on track nor behind).
   */
  @ApiProperty({ type: Boolean, nullable: true })
  onTrack: boolean | null;
  /** Actions remaining at min(to, now). */
  remaining: number;
  /** Of those, the ones already past their dueAt. */
  overdue: number;
  /** The latest dueAt among those remaining actions. */
  latestDueAt: string | null;
}
