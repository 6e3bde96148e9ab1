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
  /** Empty when no action remaining at `from` has a due date. */
  ideal: IdealPointDto[];
  forecast: BurndownForecastDto;
}
