import { Entity } from 'typeorm';
import { JsonbColumn, TextColumn, TimestampColumn, UuidColumn, UuidPrimaryKey } from './columns';

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
  @UuidPrimaryKey()
  id: string;

  @UuidColumn()
  actionId: string;

  @TimestampColumn()
  at: Date;

  /** The API key's name (or "scorer"): who made the change. */
  @TextColumn()
  actor: string;

  @TextColumn()
  type: ActionEventType;

  @JsonbColumn({ default: () => "'{}'" })
  changes: FieldChanges;
}
