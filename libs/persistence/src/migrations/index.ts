import { InitialSchema1764150000000 } from './1764150000000-InitialSchema';
import { Scoring1764160000000 } from './1764160000000-Scoring';
import { OtlpStorage1764170000000 } from './1764170000000-OtlpStorage';
import { Notifications1764180000000 } from './1764180000000-Notifications';
import { DueAtFromSlo1764190000000 } from './1764190000000-DueAtFromSlo';
import { CalibratedVerdicts1764200000000 } from './1764200000000-CalibratedVerdicts';
import { Sessions1764210000000 } from './1764210000000-Sessions';
import { OtlpMetricNameIndex1764217000000 } from './1764217000000-OtlpMetricNameIndex';
import { SourceIds1764220000000 } from './1764220000000-SourceIds';
import { TrackerLinks1764230000000 } from './1764230000000-TrackerLinks';
import { OtlpSeriesFillfactor1764240000000 } from './1764240000000-OtlpSeriesFillfactor';
import { ReportDataVersion1764250000000 } from './1764250000000-ReportDataVersion';
import { Publications1764260000000 } from './1764260000000-Publications';

/** Every migration, oldest first. Add new ones at the end; never edit a released one. */
export const MIGRATIONS = [
  InitialSchema1764150000000,
  Scoring1764160000000,
  OtlpStorage1764170000000,
  Notifications1764180000000,
  DueAtFromSlo1764190000000,
  CalibratedVerdicts1764200000000,
  Sessions1764210000000,
  OtlpMetricNameIndex1764217000000,
  SourceIds1764220000000,
  TrackerLinks1764230000000,
  OtlpSeriesFillfactor1764240000000,
  ReportDataVersion1764250000000,
  Publications1764260000000,
];
