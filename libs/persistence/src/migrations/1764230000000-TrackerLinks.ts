import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue trackers (docs/trackers.md). An action links to at most one issue, and an issue to at most
 * one action: the unique key is what keeps an import from bringing an issue in twice. The issue's
 * URL, title and state are as last read from the tracker. A webhook delivery is recorded once per
 * tracker and delivery id, so a repeated delivery changes nothing.
 */
export class TrackerLinks1764230000000 implements MigrationInterface {
  name = 'TrackerLinks1764230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tracker_links (
        action_id uuid PRIMARY KEY REFERENCES actions (id) ON DELETE CASCADE,
        tracker text NOT NULL,
        issue_key text NOT NULL,
        url text NOT NULL,
        title text NOT NULL,
        state text NOT NULL CHECK (state IN ('open', 'closed')),
        seen_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tracker_links_issue_key UNIQUE (tracker, issue_key)
      )`);
    await q.query(`
      CREATE TABLE tracker_deliveries (
        tracker text NOT NULL,
        delivery_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tracker, delivery_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tracker_deliveries`);
    await q.query(`DROP TABLE tracker_links`);
  }
}
