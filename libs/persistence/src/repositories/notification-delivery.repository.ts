import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { NotificationBody, NotificationEventType } from '@app/domain';
import type { DeliveryState } from '../entities/notification-delivery.entity';
import { managerOf, type Tx } from '../transaction/tx';

/** A claimed delivery with the event it carries. */
export interface ClaimedDelivery {
  id: string;
  target: string;
  /** This attempt's number, from 1. */
  attempt: number;
  event: { id: string; type: NotificationEventType; occurredAt: Date; body: NotificationBody };
}

export interface DeliveryRow {
  id: string;
  eventId: string;
  type: NotificationEventType;
  target: string;
  state: DeliveryState;
  attempts: number;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  occurredAt: Date;
  body: NotificationBody;
}

export interface DeliveryFilter {
  state?: DeliveryState;
  type?: NotificationEventType;
  target?: string;
}

export interface DeliveryPosition {
  at: Date;
  id: string;
}

export interface DeliveryPage {
  items: DeliveryRow[];
  next: DeliveryPosition | null;
}

const DELIVERY_COLUMNS = `d.id, d.event_id AS "eventId", e.type, d.target, d.state, d.attempts,
  d.last_attempt_at AS "lastAttemptAt", d.next_attempt_at AS "nextAttemptAt", d.last_status AS "lastStatus",
  d.last_error AS "lastError", d.delivered_at AS "deliveredAt", d.created_at AS "createdAt",
  e.occurred_at AS "occurredAt", e.body`;

/**
 * Deliveries: made from outbox events, claimed by dispatchers with a row lease, and settled.
 * Every claim is one statement with SKIP LOCKED, so any number of processes share the work without
 * waiting on each other, and a crashed process's claims are taken over when their lease expires.
 */
@Injectable()
export class NotificationDeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Makes the deliveries of up to `limit` events not fanned out yet, one per target `targetsFor`
   * names, and marks them fanned out — in one transaction, so each event is fanned out once.
   */
  fanOut(targetsFor: (type: NotificationEventType) => string[], limit: number): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const events: Array<{ id: string; type: NotificationEventType }> = await em.query(
        `SELECT id, type FROM notification_events WHERE fanned_out_at IS NULL
         ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      for (const event of events) {
        const targets = targetsFor(event.type);
        if (targets.length === 0) continue;
        await em.query(
          `INSERT INTO notification_deliveries (event_id, target, next_attempt_at)
           SELECT $1, t, now() FROM unnest($2::text[]) AS t
           ON CONFLICT (event_id, target) DO NOTHING`,
          [event.id, targets],
        );
      }
      if (events.length > 0) {
        await em.query(`UPDATE notification_events SET fanned_out_at = now() WHERE id = ANY($1::uuid[])`, [events.map((e) => e.id)]);
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
      event: { id: r.event_id as string, type: r.type as NotificationEventType, occurredAt: new Date(r.occurred_at as string), body: json(r.body) as NotificationBody },
    }));
  }

  /**
   * The receiver answered 2xx. Recorded even when this process's lease lapsed meanwhile: the event
   * did arrive, and settling it spares the receiver a copy.
   */
  async delivered(id: string, status: number, tx?: Tx): Promise<void> {
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

  /**
   * Puts a failed delivery back in the queue, due now, with a fresh attempt budget (an operator
   * fixed the receiver). Returns the state found: null when there is no such delivery.
   */
  async redeliver(id: string, tx?: Tx): Promise<DeliveryState | null> {
    const em = managerOf(tx, this.dataSource);
    const result: unknown[] = await em.query(
      `UPDATE notification_deliveries SET state = 'pending', attempts = 0, next_attempt_at = now()
       WHERE id = $1 AND state = 'failed' RETURNING id`,
      [id],
    );
    const rows = (Array.isArray(result[0]) ? result[0] : result) as Array<{ id: string }>;
    if (rows.length > 0) return 'failed';
    const found: Array<{ state: DeliveryState }> = await em.query(`SELECT state FROM notification_deliveries WHERE id = $1`, [id]);
    return found[0]?.state ?? null;
  }

  /** One delivery, as the list shows it. */
  async findById(id: string, tx?: Tx): Promise<DeliveryRow | null> {
    const em = managerOf(tx, this.dataSource);
    const rows: Array<Record<string, unknown>> = await em.query(
      `SELECT ${DELIVERY_COLUMNS} FROM notification_deliveries d JOIN notification_events e ON e.id = d.event_id WHERE d.id = $1`,
      [id],
    );
    return rows.length === 0 ? null : toDeliveryRow(rows[0]);
  }

  /** Deliveries newest first, filtered; one row more than asked tells whether a next page exists. */
  async page(filter: DeliveryFilter, before: DeliveryPosition | null, limit: number, tx?: Tx): Promise<DeliveryPage> {
    const em = managerOf(tx, this.dataSource);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.state !== undefined) add('d.state = ?', filter.state);
    if (filter.type !== undefined) add('e.type = ?', filter.type);
    if (filter.target !== undefined) add('d.target = ?', filter.target);
    if (before) {
      params.push(before.at, before.id);
      where.push(`(d.created_at, d.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows: Array<Record<string, unknown>> = await em.query(
      `SELECT ${DELIVERY_COLUMNS}
       FROM notification_deliveries d JOIN notification_events e ON e.id = d.event_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY d.created_at DESC, d.id DESC
       LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, limit).map(toDeliveryRow);
    const last = items[items.length - 1];
    return { items, next: rows.length > limit ? { at: last.createdAt, id: last.id } : null };
  }
}

function toDeliveryRow(r: Record<string, unknown>): DeliveryRow {
  return {
    id: r.id as string,
    eventId: r.eventId as string,
    type: r.type as NotificationEventType,
    target: r.target as string,
    state: r.state as DeliveryState,
    attempts: Number(r.attempts),
    lastAttemptAt: date(r.lastAttemptAt),
    nextAttemptAt: date(r.nextAttemptAt),
    lastStatus: r.lastStatus === null ? null : Number(r.lastStatus),
    lastError: (r.lastError as string | null) ?? null,
    deliveredAt: date(r.deliveredAt),
    createdAt: date(r.createdAt)!,
    occurredAt: date(r.occurredAt)!,
    body: json(r.body) as NotificationBody,
  };
}

function date(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(value as string);
}

/** node-postgres parses json columns; the embedded driver may hand them over as text. */
function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
