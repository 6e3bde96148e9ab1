import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type OtlpMetricKind = 'gauge' | 'sum' | 'histogram';
export type OtlpTemporality = 'unspecified' | 'delta' | 'cumulative';

/** One OTLP series: a metric name and its merged (resource + scope + point) attribute set. */
@Entity('otlp_series')
@Unique('otlp_series_metric_hash_key', ['metric', 'attributesHash'])
export class OtlpSeriesEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'text' })
  metric: string;

  @Column({ type: 'text' })
  kind: OtlpMetricKind;

  @Column({ type: 'text' })
  temporality: OtlpTemporality;

  @Column({ type: 'boolean', default: false })
  monotonic: boolean;

  @Column({ type: 'text', default: '' })
  unit: string;

  /** Every attribute value as a string, so selectors (string to string) match with `@>`. */
  @Column({ type: 'jsonb' })
  attributes: Record<string, string>;

  /** sha256 of the sorted attribute set; with `metric` the series identity. */
  @Column({ type: 'text' })
  attributesHash: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  /** The newest stored point's time (microseconds kept in the database). */
  @Column({ type: 'timestamptz', nullable: true })
  lastAt: Date | null;
}
