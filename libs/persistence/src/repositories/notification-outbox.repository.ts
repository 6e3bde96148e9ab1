import { Injectable } from '@nestjs/common';
import type { NotificationEvent } from '@app/domain';
import { managerOf, type Tx } from '../transaction/tx';

/** An event as the outbox stores it (libs/domain `NotificationEvent`). */
export type OutboxEvent = NotificationEvent;

/**
 * Writes notification events into the outbox. Always in the transaction that makes the change the
 * event reports: the event commits with the change or not at all.
 */
@Injectable()
export class NotificationOutboxRepository {
  /** The new event's id, or null when an event with its dedup key exists already. */
  async enqueue(event: OutboxEvent, tx: Tx): Promise<string | null> {
    const em = managerOf(tx);
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO notification_events (type, occurred_at, body, dedup_key)
       VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (dedup_key) DO NOTHING
       RETURNING id`,
      [event.type, event.occurredAt, JSON.stringify(event.body), event.dedupKey ?? null],
    );
    return rows[0]?.id ?? null;
  }
}
