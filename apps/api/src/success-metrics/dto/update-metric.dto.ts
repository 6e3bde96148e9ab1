import { IsIn, IsNumber, IsObject, IsOptional, IsString, Length } from 'class-validator';
import { AGGREGATIONS, DIRECTIONS, type Aggregation, type Direction } from '@app/domain';
import { IfDefined } from '../../http/validation/if-defined.decorator';
import { IsInstant } from '../../http/validation/is-instant.decorator';
import { NotBlank } from '../../http/validation/not-blank.decorator';
import { MAX_NAME_LENGTH, MAX_QUERY_LENGTH } from '../metric.constants';
import { MetricSelectorDto } from './metric-selector.dto';
import { MetricTargetDto } from './metric-target.dto';

const FINITE = { allowNaN: false, allowInfinity: false };

/**
 * Only the fields given change, and the result is checked as a whole. Giving `query` clears
 * `selector` and the other way round. Changing what is measured (datasource, query, selector,
 * direction, target, aggregation, baselineWindow, baselineEnd, baseline) forgets the measured
 * baseline and the met streak.
 */
export class UpdateMetricDto {
  @IfDefined()
  @NotBlank()
  @Length(1, MAX_NAME_LENGTH)
  @IsString()
  name?: string;

  @IfDefined()
  @IsString()
  datasource?: string;

  @IsOptional()
  @Length(1, MAX_QUERY_LENGTH)
  @IsString()
  query?: string | null;

  @IsOptional()
  @IsObject()
  selector?: MetricSelectorDto | null;

  @IfDefined()
  @IsIn(DIRECTIONS)
  direction?: Direction;

  /** Replaces the whole target. */
  @IfDefined()
  @IsObject()
  target?: MetricTargetDto;

  @IfDefined()
  @IsIn(AGGREGATIONS)
  aggregation?: Aggregation;

  @IfDefined()
  @IsString()
  baselineWindow?: string;

  @IsOptional()
  @IsInstant()
  baselineEnd?: string | null;

  @IsOptional()
  @IsNumber(FINITE)
  baseline?: number | null;

  @IfDefined()
  @IsString()
  evaluationWindow?: string;

  @IfDefined()
  @IsString()
  sustainFor?: string;

  @IfDefined()
  @IsString()
  verifyWithin?: string;

  @IfDefined()
  @IsString()
  checkEvery?: string;

  @IsOptional()
  @IsString()
  step?: string | null;

  @IsOptional()
  @IsNumber(FINITE)
  confidence?: number | null;
}
