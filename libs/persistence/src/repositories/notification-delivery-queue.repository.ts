import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { NotificationBody, NotificationEventType } from '@app/domain';
import { jsonValue } from './column-values';
import { managerOf, type Tx } from '../transaction/tx';

/** A claimed delivery with the event it carries. */
export interface ClaimedDelivery {
  id: string;
  target: string;
  /** This attempt's number, from 1. */
  attempt: number;
  event: { id: string; type: NotificationEventType; occurredAt: Date; body: NotificationBody };
}

/** An outbox event as fan-out sees it: what it is, and the tracker issue its action links to. */
export interface FannedOutEvent {
  type: NotificationEventType;
  body: NotificationBody;
  /** The tracker of the issue the event's action links to (tracker_links), or null. */
  linkedTracker: string | null;
}

/**
 * The dispatchers' work: deliveries made from outbox events, claimed with a row lease, and settled.
 * Every claim is one statement with SKIP LOCKED, so any number of processes share the work without
 * waiting on each other, and a crashed process's claims are taken over when their lease expires.
 */
@Injectable()
export class NotificationDeliveryQueueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Makes the deliveries of up to `limit` events not fanned out yet, one per target `targetsFor`
   * names, and marks them fanned out — in one transaction, so each event is fanned out once. The
   * link is read here, at fan-out: an action linked after its event was written still has it
   * written back, one unlinked by then does not.
   */
  fanOut(targetsFor: (event: FannedOutEvent) => string[], limit: number): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows: Array<{ id: string; type: NotificationEventType; body: unknown; tracker: string | null }> =
        await em.query(
          `SELECT e.id, e.type, e.body, l.tracker
           FROM notification_events e
           LEFT JOIN tracker_links l ON l.action_id::text = e.body -> 'action' ->> 'id'
           WHERE e.fanned_out_at IS NULL
           ORDER BY e.created_at, e.id LIMIT $1 FOR UPDATE OF e SKIP LOCKED`,
          [limit],
        );
      const events = rows.map((r) => ({
        id: r.id,
        type: r.type,
        body: jsonValue(r.body) as NotificationBody,
        linkedTracker: r.tracker,
      }));
      for (const event of events) {
        const targets = targetsFor(event);
        if (targets.length === 0) continue;
        await em.query(
          `INSERT INTO notification_deliveries (event_id, target, next_attempt_at)
           SELECT $1, t, now() FROM unnest($2::text[]) AS t
           ON CONFLICT (event_id, target) DO NOTHING`,
          [event.id, targets],
        );
      }
      if (events.length > 0) {
        await em.query(`UPDATE notification_events SET fanned_out_at = now() WHERE id = ANY($1::uuid[])`, [
          events.map((e) => e.id),
        ]);
      }
      return events.length;
    });
  }

  /** Claims up to `limit` due deliveries for `owner`, counting the attempt it is about to make. */
  async claim(owner: string, leaseMs: number, limit: number, tx?: Tx): Promise<ClaimedDelivery[]> {
    const em = managerOf(tx, this.dataSource);
    const result: unknown[] = await em.query(
      `UPDATE notification_deliveries
       SET lease_owner = $1, lease_expires_at = now() + $2 * interval '1 millisecond',
           attempts = attempts + 1, last_attempt_at = now()
       WHERE id IN (
         SELECT id FROM notification_deliveries
         WHERE state = 'pending' AND next_attempt_at <= now()
           AND (lease_expires_at IS NULL OR lease_expires_at < now())
         ORDER BY next_attempt_at, created_at, id
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [owner, leaseMs, limit],
    );
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const ids = ((Array.isArray(result[0]) ? result[0] : result) as Array<{ id: string }>).map((r) => r.id);
    if (ids.length === 0) return [];
    const rows: Array<Record<string, unknown>> = await em.query(
      `SELECT d.id, d.target, d.attempts, e.id AS event_id, e.type, e.occurred_at, e.body
       FROM notification_deliveries d JOIN notification_events e ON e.id = d.event_id
       WHERE d.id = ANY($1::uuid[]) ORDER BY d.next_attempt_at, d.created_at, d.id`,
      [ids],
    );
    return rows.map((r) => ({
      id: r.id as string,
      target: r.target as string,
      attempt: Number(r.attempts),
      event: {
        id: r.event_id as string,
        type: r.type as NotificationEventType,
        occurredAt: new Date(r.occurred_at as string),
        body: jsonValue(r.body) as NotificationBody,
      },
    }));
  }

  /**
   * The receiver answered 2xx (a tracker write-back has no one status: null). Recorded even when
   * this process's lease lapsed meanwhile: the event did arrive, and settling it spares the receiver
   * a copy.
   */
  async delivered(id: string, status: number | null, tx?: Tx): Promise<void> {
    const em = managerOf(tx, this.dataSource);
    await em.query(
      `UPDATE notification_deliveries
       SET state = 'delivered', delivered_at = now(), last_status = $2, last_error = NULL,
           next_attempt_at = NULL, lease_owner = NULL, lease_expires_at = NULL
       WHERE id = $1 AND state = 'pending'`,
      [id, status],
    );
  }

  /** The attempt failed: retry after `retryInMs`, or give up (`failed`) when it is null. */
  async attemptFailed(
    id: string,
    owner: string,
    outcome: { status: number | null; error: string; retryInMs: number | null },
    tx?: Tx,
  ): Promise<void> {
    const em = managerOf(tx, this.dataSource);
    await em.query(
      `UPDATE notification_deliveries
       SET state = CASE WHEN $5::integer IS NULL THEN 'failed' ELSE 'pending' END,
           next_attempt_at = CASE WHEN $5::integer IS NULL THEN NULL ELSE now() + $5::integer * interval '1 millisecond' END,
           last_status = $3, last_error = $4, lease_owner = NULL, lease_expires_at = NULL
       WHERE id = $1 AND lease_owner = $2 AND state = 'pending'`,
      [id, owner, outcome.status, outcome.error, outcome.retryInMs],
    );
  }
}
