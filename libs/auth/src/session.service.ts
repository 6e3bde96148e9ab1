import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { parseDuration } from '@app/domain';
import { SessionRepository, type SessionRow } from '@app/persistence';
import { personActor, type PersonRole } from './claim-roles';
import { Principal } from './principal';

export interface NewSession {
  subject: string;
  name: string;
  email: string | null;
  role: PersonRole;
  idToken: string | null;
}

export interface LiveSession {
  principal: Principal;
  row: SessionRow;
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
const randomToken = (): string => randomBytes(32).toString('base64url');

/**
 * Server-side sessions of people signed in through the OpenID Connect provider (docs/operation.md,
 * "Sign-in"): the cookie holds a random token, the database its hash, so signing out and expiry
 * take effect at once and a copy of the table cannot be replayed.
 */
@Injectable()
export class SessionService {
  private readonly idleMs: number;
  private readonly absoluteMs: number;

  constructor(
    private readonly sessions: SessionRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.idleMs = parseDuration(config.auth.session.idleTimeout);
    this.absoluteMs = parseDuration(config.auth.session.absoluteTimeout);
  }

  /** How long the cookie may live: the absolute timeout. */
  get maxAgeMs(): number {
    return this.absoluteMs;
  }

  async create(person: NewSession): Promise<{ token: string; csrfToken: string }> {
    const token = randomToken();
    const csrfToken = randomToken();
    const now = new Date();
    await this.sessions.purgeEnded(now, new Date(now.getTime() - this.idleMs));
    await this.sessions.insert({
      idHash: hashToken(token),
      ...person,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.absoluteMs),
    });
    return { token, csrfToken };
  }

  async authenticate(token: string): Promise<LiveSession | null> {
    const now = new Date();
    const idHash = hashToken(token);
    const row = await this.sessions.findLive(idHash, now, new Date(now.getTime() - this.idleMs));
    if (!row) return null;
    void this.sessions.touch(idHash, now).catch(() => undefined);
    return {
      row,
      principal: { keyId: `session:${row.subject}`, name: personActor(row), role: row.role, session: true },
    };
  }

  /** Ends the session; what it was (for the provider's sign-out), if it existed. */
  end(token: string): Promise<SessionRow | null> {
    return this.sessions.delete(hashToken(token));
  }
}

/** Whether the header carries the session's CSRF token (compared in constant time). */
export function csrfMatches(header: string | string[] | undefined, expected: string): boolean {
  if (typeof header !== 'string') return false;
  const a = Buffer.from(header);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
