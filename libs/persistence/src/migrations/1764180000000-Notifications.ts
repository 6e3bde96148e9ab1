import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification outbox: events written in the transaction of the change that caused them, and
 * one delivery per (event, subscribed target) that dispatchers claim with a row lease. The rules that matter
 * live here: an event's dedup key (one weekly digest per team and week, whichever process or
 * restart tries again) and one delivery per target are unique constraints.
 */
export class Notifications1764180000000 implements MigrationInterface {
  name = 'Notifications1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL CHECK (type IN ('flag.raised', 'flag.cleared', 'action.verified', 'action.ineffective', 'digest.weekly')),
        occurred_at timestamptz NOT NULL,
        body jsonb NOT NULL,
        dedup_key text,
        -- When a dispatcher made this event's deliveries, one per subscribed target. Targets are
        -- read where deliveries are sent, so a process that only records events (a scorer) needs
        -- no webhook configuration.
        fanned_out_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_events_dedup_key_unique UNIQUE (dedup_key)
      )`);
    await q.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES notification_events (id) ON DELETE CASCADE,
        target text NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz,
        last_attempt_at timestamptz,
        last_status integer,
        last_error text,
        delivered_at timestamptz,
        lease_owner text,
        lease_expires_at timestamptz,
        -- Milliseconds, as the list's cursor (a JavaScript date) carries them: with microseconds,
        -- rows of one transaction would fall between two pages.
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        CONSTRAINT notification_deliveries_one_per_target UNIQUE (event_id, target),
        CONSTRAINT notification_deliveries_lease_whole CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL)),
        CONSTRAINT notification_deliveries_pending_is_due CHECK (state <> 'pending' OR next_attempt_at IS NOT NULL),
        CONSTRAINT notification_deliveries_delivered_at CHECK ((state = 'delivered') = (delivered_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX notification_events_unfanned_idx ON notification_events (created_at) WHERE fanned_out_at IS NULL`,
    );
    // What dispatchers claim: pending deliveries by due time.
    await q.query(
      `CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at) WHERE state = 'pending'`,
    );
    // The list, newest first.
    await q.query(
      `CREATE INDEX notification_deliveries_created_idx ON notification_deliveries (created_at DESC, id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_deliveries`);
    await q.query(`DROP TABLE notification_events`);
  }
}
