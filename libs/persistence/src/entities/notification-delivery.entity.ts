import { Entity } from 'typeorm';
import { IntegerColumn, TextColumn, TimestampColumn, UuidColumn, UuidPrimaryKey } from './columns';
import { NullableIntegerColumn, NullableTextColumn, NullableTimestampColumn } from './columns';

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** One event on its way to one target. The lease columns are dispatcher bookkeeping, never shown. */
@Entity('notification_deliveries')
export class NotificationDeliveryEntity {
  @UuidPrimaryKey()
  id: string;

  @UuidColumn()
  eventId: string;

  @TextColumn()
  target: string;

  @TextColumn()
  state: DeliveryState;

  @IntegerColumn()
  attempts: number;

  @NullableTimestampColumn()
  nextAttemptAt: Date | null;

  @NullableTimestampColumn()
  lastAttemptAt: Date | null;

  @NullableIntegerColumn()
  lastStatus: number | null;

  @NullableTextColumn()
  lastError: string | null;

  @NullableTimestampColumn()
  deliveredAt: Date | null;

  @TimestampColumn()
  createdAt: Date;
}
