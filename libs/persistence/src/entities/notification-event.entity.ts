import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationBody, NotificationEventType } from '@app/domain';

/** An outbox event: written in the transaction of the change it reports, sent by its deliveries. */
@Entity('notification_events')
export class NotificationEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  type: NotificationEventType;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'jsonb' })
  body: NotificationBody;

  /** Set on events that must exist once at most (a team's weekly digest). */
  @Column({ type: 'text', nullable: true })
  dedupKey: string | null;

  /** When its deliveries were made; null: not yet. */
  @Column({ type: 'timestamptz', nullable: true })
  fannedOutAt: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
