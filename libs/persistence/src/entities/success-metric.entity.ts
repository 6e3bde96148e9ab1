import { Entity } from 'typeorm';
import type { Aggregation, Direction, MetricSelector, MetricTarget } from '@app/domain';
import { JsonbColumn, TextColumn, TimestampColumn, UuidColumn, UuidPrimaryKey } from './columns';
import { NullableDoubleColumn, NullableJsonbColumn, NullableTextColumn, NullableTimestampColumn } from './columns';

@Entity('success_metrics')
export class SuccessMetricEntity {
  @UuidPrimaryKey()
  id: string;

  @UuidColumn()
  actionId: string;

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

  @NullableTimestampColumn()
  metSince: Date | null;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  updatedAt: Date;
}
