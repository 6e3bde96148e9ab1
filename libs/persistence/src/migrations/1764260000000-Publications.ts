import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public summaries of post-mortems (docs/publishing.md). A post-mortem has at most one live
 * publication; a withdrawn one keeps its row so that its address answers 410 Gone for good, and a
 * later publication gets a new address. The post-mortem's own audit trail starts here, with the
 * publishing acts.
 */
export class Publications1764260000000 implements MigrationInterface {
  name = 'Publications1764260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE postmortem_publications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        postmortem_id uuid NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
        slug text NOT NULL CONSTRAINT postmortem_publications_slug UNIQUE,
        summary text NOT NULL,
        include_timeline boolean NOT NULL,
        include_actions boolean NOT NULL,
        published_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        withdrawn_at timestamptz
      )`);
    await q.query(`
      CREATE UNIQUE INDEX postmortem_publications_live ON postmortem_publications (postmortem_id)
        WHERE withdrawn_at IS NULL`);
    await q.query(`
      CREATE INDEX postmortem_publications_feed ON postmortem_publications (published_at DESC)
        WHERE withdrawn_at IS NULL`);
    await q.query(`
      CREATE TABLE postmortem_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        postmortem_id uuid NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        type text NOT NULL,
        changes jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX postmortem_events_by_postmortem ON postmortem_events (postmortem_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE postmortem_events`);
    await q.query(`DROP TABLE postmortem_publications`);
  }
}
