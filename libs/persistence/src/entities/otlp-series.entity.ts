import { Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BooleanColumn, JsonbColumn, NullableTimestampColumn, TextColumn, TimestampColumn } from './columns';

export type OtlpMetricKind = 'gauge' | 'sum' | 'histogram';
export type OtlpTemporality = 'unspecified' | 'delta' | 'cumulative';

/** One OTLP series: a metric name and its merged (resource + scope + point) attribute set. */
@Entity('otlp_series')
@Unique('otlp_series_metric_hash_key', ['metric', 'attributesHash'])
export class OtlpSeriesEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @TextColumn()
  metric: string;

  @TextColumn()
  kind: OtlpMetricKind;

  @TextColumn()
  temporality: OtlpTemporality;

  @BooleanColumn({ default: false })
  monotonic: boolean;

  @TextColumn({ default: '' })
  unit: string;

  /** Every attribute value as a string, so selectors (string to string) match with `@>`. */
  @JsonbColumn()
  attributes: Record<string, string>;

  /** sha256 of the sorted attribute set; with `metric` the series identity. */
  @TextColumn()
  attributesHash: string;

  @TimestampColumn({ default: () => 'now()' })
  createdAt: Date;

  /** The newest stored point's time (microseconds kept in the database). */
  @NullableTimestampColumn()
  lastAt: Date | null;
}
