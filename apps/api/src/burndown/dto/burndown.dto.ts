import type { BurndownInterval } from '@app/scoring';
import { BurndownForecastDto } from './burndown-forecast.dto';
import { BurndownPointDto } from './burndown-point.dto';
import { IdealPointDto } from './ideal-point.dto';

/** The remediation burndown over a range, bucketed by local day or ISO week. */
export class BurndownDto {
  from: string;
  to: string;
  interval: BurndownInterval;
  tz: string;
  points: BurndownPointDto[];
  /**
   * From the actions remaining at `from`, stepping up by those opened later, straight down to 0 at
   * the latest due date of that scope. No point for a bucket whose scope has actions but no due date.
   */
  ideal: IdealPointDto[];
  forecast: BurndownForecastDto;
}
