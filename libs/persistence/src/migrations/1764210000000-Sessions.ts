import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions of people signed in through the OpenID Connect provider (docs/operation.md, "Sign-in").
 * The cookie's token is never stored, only its SHA-256; signing out deletes the row.
 */
export class Sessions1764210000000 implements MigrationInterface {
  name = 'Sessions1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id_hash text PRIMARY KEY,
        subject text NOT NULL,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        email text,
        role text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
        csrf_token text NOT NULL,
        id_token text,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sessions_expires_at_idx ON sessions (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sessions`);
  }
}
