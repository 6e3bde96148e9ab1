import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { NotificationBody, NotificationEventType } from '@app/domain';
import type { DeliveryState } from '../entities/notification-delivery.entity';
import { dateOrNull, jsonValue, numberOrNull } from './column-values';
import type { EventPosition, KeysetPage } from './keyset-page';
import { managerOf, type Tx } from '../transaction/tx';

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

/** `next`: the (createdAt, id) of the page's last delivery. */
export type DeliveryPage = KeysetPage<DeliveryRow>;

const DELIVERY_COLUMNS = `d.id, d.event_id AS "eventId", e.type, d.target, d.state, d.attempts,
  d.last_attempt_at AS "lastAttemptAt", d.next_attempt_at AS "nextAttemptAt", d.last_status AS "lastStatus",
  d.last_error AS "lastError", d.delivered_at AS "deliveredAt", d.created_at AS "createdAt",
  e.occurred_at AS "occurredAt", e.body`;

/** Deliveries as an operator sees them: listed, looked up, and a failed one queued again. */
@Injectable()
export class NotificationDeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    const found: Array<{ state: DeliveryState }> = await em.query(
      `SELECT state FROM notification_deliveries WHERE id = $1`,
      [id],
    );
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
  async page(filter: DeliveryFilter, before: EventPosition | null, limit: number, tx?: Tx): Promise<DeliveryPage> {
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
    lastAttemptAt: dateOrNull(r.lastAttemptAt),
    nextAttemptAt: dateOrNull(r.nextAttemptAt),
    lastStatus: numberOrNull(r.lastStatus),
    lastError: (r.lastError as string | null) ?? null,
    deliveredAt: dateOrNull(r.deliveredAt),
    createdAt: dateOrNull(r.createdAt)!,
    occurredAt: dateOrNull(r.occurredAt)!,
    body: jsonValue(r.body) as NotificationBody,
  };
}
