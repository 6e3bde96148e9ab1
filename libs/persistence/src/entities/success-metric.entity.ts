import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Aggregation, Direction, MetricSelector, MetricTarget } from '@app/domain';

@Entity('success_metrics')
export class SuccessMetricEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  actionId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  datasource: string;

  @Column({ type: 'text', nullable: true })
  query: string | null;

  @Column({ type: 'jsonb', nullable: true })
  selector: MetricSelector | null;

  @Column({ type: 'text' })
  direction: Direction;

  @Column({ type: 'jsonb' })
  target: MetricTarget;

  @Column({ type: 'text' })
  aggregation: Aggregation;

  @Column({ type: 'text' })
  baselineWindow: string;

  @Column({ type: 'timestamptz', nullable: true })
  baselineEnd: Date | null;

  /** Explicit baseline given by a person; when null it is measured once and frozen. */
  @Column({ type: 'double precision', nullable: true })
  baseline: number | null;

  /** The frozen baseline actually used for scoring (read only). */
  @Column({ type: 'double precision', nullable: true })
  baselineValue: number | null;

  @Column({ type: 'text' })
  evaluationWindow: string;

  @Column({ type: 'text' })
  sustainFor: string;

  @Column({ type: 'text' })
  verifyWithin: string;

  @Column({ type: 'text' })
  checkEvery: string;

  @Column({ type: 'text', nullable: true })
  step: string | null;

  @Column({ type: 'double precision', nullable: true })
  confidence: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  metSince: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
