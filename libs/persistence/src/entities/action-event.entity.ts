import { Entity } from 'typeorm';
import type { FieldChanges } from '@app/domain';
import { JsonbColumn, TextColumn, TimestampColumn, UuidColumn, UuidPrimaryKey } from './columns';

export type ActionEventType =
  'created' | 'updated' | 'status_changed' | 'metric_added' | 'metric_updated' | 'metric_removed' | 'deleted';

export type { FieldChanges };

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
