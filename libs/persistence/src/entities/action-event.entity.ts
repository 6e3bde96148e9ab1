import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FieldChanges } from '@app/domain';

export type ActionEventType =
  | 'created'
  | 'updated'
  | 'status_changed'
  | 'metric_added'
  | 'metric_updated'
  | 'metric_removed'
  | 'deleted';

export type { FieldChanges };

@Entity('action_events')
export class ActionEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  actionId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** The API key's name (or "scorer"): who made the change. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  type: ActionEventType;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes: FieldChanges;
}
