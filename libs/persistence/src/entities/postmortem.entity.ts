import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type PostmortemKind = 'incident' | 'success' | 'premortem';
export type Severity = 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';

export interface TimelineEntry {
  at: string;
  text: string;
}

export interface ContributingFactor {
  kind: 'trigger' | 'latent';
  category: 'people' | 'process' | 'technology';
  text: string;
}

@Entity('postmortems')
export class PostmortemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order, for stable cursor pagination; never exposed. */
  @Column({ type: 'bigint', insert: false, update: false, select: false })
  seq: string;

  @Column({ type: 'text' })
  kind: PostmortemKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  severity: Severity | null;

  @Column({ type: 'timestamptz', nullable: true })
  occurredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  services: string[];

  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  timeline: TimelineEntry[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  contributingFactors: ContributingFactor[];

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
