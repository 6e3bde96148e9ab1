import { Entity } from 'typeorm';
import { IntegerColumn, TextColumn, TimestampColumn, UuidColumn, UuidPrimaryKey } from './columns';
import { NullableDoubleColumn, NullableJsonbColumn, NullableTextColumn } from './columns';

export type EvaluationVerdict = 'error' | 'no_data' | 'pending' | 'met' | 'improving' | 'not_met';

/** One scored check of a success metric; at most one per (metric, scheduled slot). */
@Entity('evaluations')
export class EvaluationEntity {
  @UuidPrimaryKey()
  id: string;

  @UuidColumn()
  metricId: string;

  @UuidColumn()
  actionId: string;

  /** The check time truncated to the metric's checkEvery from the epoch. */
  @TimestampColumn()
  slot: Date;

  /** The check time T the window ends at. */
  @TimestampColumn()
  at: Date;

  @TimestampColumn()
  windowStart: Date;

  @TimestampColumn()
  windowEnd: Date;

  @NullableDoubleColumn()
  value: number | null;

  @NullableDoubleColumn()
  baseline: number | null;

  @NullableDoubleColumn()
  goal: number | null;

  @NullableDoubleColumn()
  progress: number | null;

  @TextColumn()
  verdict: EvaluationVerdict;

  @NullableDoubleColumn()
  pValue: number | null;

  /** The independent units the significance test compared; null when no test ran. */
  @NullableJsonbColumn()
  effectiveSamples: { window: number; baseline: number } | null;

  @IntegerColumn()
  samples: number;

  @IntegerColumn()
  droppedSamples: number;

  @NullableTextColumn()
  error: string | null;

  /** Why the check judged as it did, in one sentence; null on checks recorded before reasons existed. */
  @NullableTextColumn()
  reason: string | null;

  @IntegerColumn()
  durationMs: number;

  @TimestampColumn({ insert: false, update: false })
  createdAt: Date;
}
