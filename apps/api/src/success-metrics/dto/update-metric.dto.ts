import { OmitType, PartialType } from '@nestjs/swagger';
import { CreateMetricDto } from './create-metric.dto';

/**
 * Only the fields given change, and the result is checked as a whole. Giving `query` clears
 * `selector` and the other way round. Changing what is measured (datasource, query, selector,
 * direction, target, aggregation, baselineWindow, baselineEnd, baseline) forgets the measured
 * baseline and the met streak. A field that cannot be null when created cannot be set to null.
 * `sourceId` is given on attach only: a metric keeps the stable id it was applied with.
 */
export class UpdateMetricDto extends PartialType(OmitType(CreateMetricDto, ['sourceId']), {
  skipNullProperties: false,
}) {}
