import { Entity } from 'typeorm';
import type { ActionStatus, Priority, Verification } from '@app/domain';
import { BigintColumn, BooleanColumn, TextColumn, TimestampColumn, UuidPrimaryKey } from './columns';
import { NullableTextColumn, NullableTimestampColumn, NullableUuidColumn } from './columns';

@Entity('actions')
export class ActionEntity {
  @UuidPrimaryKey()
  id: string;

  /** Insertion order, for stable cursor pagination; never exposed. */
  @BigintColumn({ insert: false, update: false, select: false })
  seq: string;

  /** The stable id a definitions file gave it (docs/definitions.md); null when made by hand. */
  @NullableTextColumn()
  sourceId: string | null;

  @NullableUuidColumn()
  postmortemId: string | null;

  @TextColumn()
  title: string;

  @TextColumn({ default: '' })
  description: string;

  @TextColumn()
  ownerTeam: string;

  @NullableTextColumn()
  assignee: string | null;

  @TextColumn()
  priority: Priority;

  @TextColumn({ array: true, default: () => "'{}'" })
  services: string[];

  @NullableTextColumn()
  externalRef: string | null;

  @TimestampColumn()
  openedAt: Date;

  @NullableTimestampColumn()
  dueAt: Date | null;

  /** dueAt came from the priority's remediation SLO: it follows openedAt and priority. */
  @BooleanColumn({ default: false })
  dueAtFromSlo: boolean;

  @TextColumn()
  status: ActionStatus;

  @NullableTimestampColumn()
  implementedAt: Date | null;

  @NullableTimestampColumn()
  closedAt: Date | null;

  @TimestampColumn()
  statusChangedAt: Date;

  @NullableTextColumn()
  verification: Verification | null;

  @NullableTextColumn()
  verificationNote: string | null;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  updatedAt: Date;
}
