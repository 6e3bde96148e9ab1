import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EvaluationVerdict = 'error' | 'no_data' | 'pending' | 'met' | 'improving' | 'not_met';

/** One scored check of a success metric; at most one per (metric, scheduled slot). */
@Entity('evaluations')
export class EvaluationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  metricId: string;

  @Column({ type: 'uuid' })
  actionId: string;

  /** The check time truncated to the metric's checkEvery from the epoch. */
  @Column({ type: 'timestamptz' })
  slot: Date;

  /** The check time T the window ends at. */
  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'timestamptz' })
  windowEnd: Date;

  @Column({ type: 'double precision', nullable: true })
  value: number | null;

  @Column({ type: 'double precision', nullable: true })
  baseline: number | null;

  @Column({ type: 'double precision', nullable: true })
  goal: number | null;

  @Column({ type: 'double precision', nullable: true })
  progress: number | null;

  @Column({ type: 'text' })
  verdict: EvaluationVerdict;

  @Column({ type: 'double precision', nullable: true })
  pValue: number | null;

  @Column({ type: 'integer' })
  samples: number;

  @Column({ type: 'integer' })
  droppedSamples: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'integer' })
  durationMs: number;

  @Column({ type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
