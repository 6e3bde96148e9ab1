import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ActionStatus, Priority, Verification } from '@app/domain';

@Entity('actions')
export class ActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order, for stable cursor pagination; never exposed. */
  @Column({ type: 'bigint', insert: false, update: false, select: false })
  seq: string;

  @Column({ type: 'uuid', nullable: true })
  postmortemId: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text' })
  ownerTeam: string;

  @Column({ type: 'text', nullable: true })
  assignee: string | null;

  @Column({ type: 'text' })
  priority: Priority;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  services: string[];

  @Column({ type: 'text', nullable: true })
  externalRef: string | null;

  @Column({ type: 'timestamptz' })
  openedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** dueAt came from the priority's remediation SLO: it follows openedAt and priority. */
  @Column({ type: 'boolean', default: false })
  dueAtFromSlo: boolean;

  @Column({ type: 'text' })
  status: ActionStatus;

  @Column({ type: 'timestamptz', nullable: true })
  implementedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz' })
  statusChangedAt: Date;

  @Column({ type: 'text', nullable: true })
  verification: Verification | null;

  @Column({ type: 'text', nullable: true })
  verificationNote: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
