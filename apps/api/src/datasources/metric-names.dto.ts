import { IsOptional, IsString, MaxLength } from 'class-validator';
import { METRIC_NAME_PREFIX_MAX } from '@app/domain';

export class MetricNamesQueryDto {
  /**
   * Only names starting with this text, taken literally (`_`, `%`, `.` match themselves); at most
   * 200 characters. Left out or empty: every name.
   */
  @IsOptional()
  @MaxLength(METRIC_NAME_PREFIX_MAX)
  @IsString()
  prefix?: string;
}

export class MetricNamesDto {
  /** The datasource's metric names starting with `prefix`, sorted, at most 1,000. */
  names: string[];
  /** More names matched than `names` holds: a longer prefix narrows them. */
  truncated: boolean;
}
