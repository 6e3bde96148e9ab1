import { Entity } from 'typeorm';
import type { NotificationBody, NotificationEventType } from '@app/domain';
import { JsonbColumn, TextColumn, TimestampColumn, UuidPrimaryKey } from './columns';
import { NullableTextColumn, NullableTimestampColumn } from './columns';

/** An outbox event: written in the transaction of the change it reports, sent by its deliveries. */
@Entity('notification_events')
export class NotificationEventEntity {
  @UuidPrimaryKey()
  id: string;

  @TextColumn()
  type: NotificationEventType;

  @TimestampColumn()
  occurredAt: Date;

  @JsonbColumn()
  body: NotificationBody;

  /** Set on events that must exist once at most (a team's weekly digest). */
  @NullableTextColumn()
  dedupKey: string | null;

  /** When its deliveries were made; null: not yet. */
  @NullableTimestampColumn()
  fannedOutAt: Date | null;

  @TimestampColumn()
  createdAt: Date;
}
