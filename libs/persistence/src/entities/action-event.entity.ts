import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ActionEventType =
  | 'created'
  | 'updated'
  | 'status_changed'
  | 'metric_added'
  | 'metric_updated'
  | 'metric_removed'
  | 'deleted';

/** One field's change: the value before and after, as JSON. */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

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
