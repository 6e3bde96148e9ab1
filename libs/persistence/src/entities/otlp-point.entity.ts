import { Entity, PrimaryColumn } from 'typeorm';
import { BigintColumn, DoubleColumn } from './columns';
import { NullableBigintColumn, NullableDoubleColumn, NullableTimestampColumn } from './columns';

/**
 * One OTLP data point. Gauges and sums fill `value`; explicit-bucket histograms fill bounds, counts,
 * sum, count. Cumulative data is stored raw, as received: a counter reset is for the reader (rate,
 * increase) to detect — a value (or histogram count) lower than the previous point's, or a
 * `startAt` different from the previous point's — exactly as Prometheus does.
 */
@Entity('otlp_points')
export class OtlpPointEntity {
  @PrimaryColumn({ type: 'bigint' })
  seriesId: string;

  /** timeUnixNano, to the microsecond. */
  @PrimaryColumn({ type: 'timestamptz' })
  at: Date;

  /** startTimeUnixNano (null when the sender left it 0). */
  @NullableTimestampColumn()
  startAt: Date | null;

  @NullableDoubleColumn()
  value: number | null;

  @DoubleColumn({ array: true, nullable: true })
  bounds: number[] | null;

  @BigintColumn({ array: true, nullable: true })
  counts: string[] | null;

  @NullableDoubleColumn()
  histSum: number | null;

  @NullableBigintColumn()
  histCount: string | null;
}
