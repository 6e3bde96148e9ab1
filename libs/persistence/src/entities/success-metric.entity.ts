import { Entity } from 'typeorm';
import type { Aggregation, Direction, MetricSelector, MetricTarget, Seasonality } from '@app/domain';
import type { BaselineModel } from '@app/scoring';
import { JsonbColumn, TextColumn, TimestampColumn, UuidColumn, UuidPrimaryKey } from './columns';
import { NullableDoubleColumn, NullableJsonbColumn, NullableTextColumn, NullableTimestampColumn } from './columns';

@Entity('success_metrics')
export class SuccessMetricEntity {
  @UuidPrimaryKey()
  id: string;

  @UuidColumn()
  actionId: string;

  /** The stable id a definitions file gave it (docs/definitions.md); null when made by hand. */
  @NullableTextColumn()
  sourceId: string | null;

  @TextColumn()
  name: string;

  @TextColumn()
  datasource: string;

  @NullableTextColumn()
  query: string | null;

  @NullableJsonbColumn()
  selector: MetricSelector | null;

  @TextColumn()
  direction: Direction;

  @JsonbColumn()
  target: MetricTarget;

  @TextColumn()
  aggregation: Aggregation;

  @TextColumn()
  baselineWindow: string;

  @NullableTimestampColumn()
  baselineEnd: Date | null;

  /** Explicit baseline given by a person; when null it is measured once and frozen. */
  @NullableDoubleColumn()
  baseline: number | null;

  /** The frozen baseline actually used for scoring (read only). */
  @NullableDoubleColumn()
  baselineValue: number | null;

  @TextColumn()
  evaluationWindow: string;

  @TextColumn()
  sustainFor: string;

  @TextColumn()
  verifyWithin: string;

  @TextColumn()
  checkEvery: string;

  @NullableTextColumn()
  step: string | null;

  @NullableDoubleColumn()
  confidence: number | null;

  @TextColumn()
  seasonality: Seasonality;

  @TextColumn()
  timeZone: string;

  /** The significance test's blocks and the seasonal profile, frozen with the baseline (read only). */
  @NullableJsonbColumn()
  baselineModel: BaselineModel | null;

  /** The pre-fix window's value, measured once for the fix shipped at `preFixFor` (read only). */
  @NullableDoubleColumn()
  preFixValue: number | null;

  @NullableTimestampColumn()
  preFixFor: Date | null;

  @NullableTimestampColumn()
  metSince: Date | null;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  updatedAt: Date;
}
