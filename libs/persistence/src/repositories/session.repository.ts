import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type SessionRole = 'viewer' | 'editor' | 'admin';

export interface SessionRow {
  idHash: string;
  subject: string;
  name: string;
  email: string | null;
  role: SessionRole;
  csrfToken: string;
  idToken: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

interface RawSession {
  id_hash: string;
  subject: string;
  name: string;
  email: string | null;
  role: SessionRole;
  csrf_token: string;
  id_token: string | null;
  created_at: Date | string;
  last_seen_at: Date | string;
  expires_at: Date | string;
}

const toRow = (r: RawSession): SessionRow => ({
  idHash: r.id_hash,
  subject: r.subject,
  name: r.name,
  email: r.email,
  role: r.role,
  csrfToken: r.csrf_token,
  idToken: r.id_token,
  createdAt: new Date(r.created_at),
  lastSeenAt: new Date(r.last_seen_at),
  expiresAt: new Date(r.expires_at),
});

/** Sessions of signed-in people, keyed by the SHA-256 of the cookie's token (docs/operation.md, "Sign-in"). */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(row: SessionRow): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO sessions (id_hash, subject, name, email, role, csrf_token, id_token, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        row.idHash,
        row.subject,
        row.name,
        row.email,
        row.role,
        row.csrfToken,
        row.idToken,
        row.createdAt,
        row.lastSeenAt,
        row.expiresAt,
      ],
    );
  }

  /** The session when it has neither passed its absolute end nor been idle since `idleSince`. */
  async findLive(idHash: string, now: Date, idleSince: Date): Promise<SessionRow | null> {
    const rows: RawSession[] = await this.dataSource.query(
      `SELECT * FROM sessions WHERE id_hash = $1 AND expires_at > $2 AND last_seen_at > $3`,
      [idHash, now, idleSince],
    );
    return rows.length ? toRow(rows[0]) : null;
  }

  /** Best effort, at most once a minute per session, so reads don't turn into a write each. */
  async touch(idHash: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1 AND last_seen_at < $3`, [
      idHash,
      at,
      new Date(at.getTime() - 60_000),
    ]);
  }

  /** Ends the session; the row it was, if any. */
  async delete(idHash: string): Promise<SessionRow | null> {
    const result: unknown = await this.dataSource.query(`DELETE FROM sessions WHERE id_hash = $1 RETURNING *`, [
      idHash,
    ]);
    // The postgres driver answers a DELETE … RETURNING with [rows, count].
    const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as RawSession[];
    return rows.length ? toRow(rows[0]) : null;
  }

  /** Drops sessions that can no longer be used. */
  async purgeEnded(now: Date, idleSince: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2`, [now, idleSince]);
  }
}
