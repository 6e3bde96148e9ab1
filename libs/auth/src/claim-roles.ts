/**
 * The role a person signing in gets from their provider's claims (docs/operation.md, "Sign-in"):
 * the claim named `roleClaim`, a string or a list of strings, each value looked up in `roles`;
 * the highest role found wins; none found: no role, and the sign-in is refused.
 */
export type PersonRole = 'viewer' | 'editor' | 'admin';

const RANK: Record<PersonRole, number> = { viewer: 1, editor: 2, admin: 3 };

export function roleFromClaims(
  claims: Record<string, unknown>,
  roleClaim: string,
  roles: Readonly<Record<string, PersonRole>>,
): PersonRole | null {
  const raw = claims[roleClaim];
  const values = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((v) => typeof v === 'string') : [];
  let best: PersonRole | null = null;
  for (const value of values) {
    // Own properties only: a claim value such as "constructor" maps to nothing.
    const role = Object.hasOwn(roles, value) ? roles[value] : undefined;
    if (role && (!best || RANK[role] > RANK[best])) best = role;
  }
  return best;
}

/** What the audit trail records as the person: their email, else their name, else their subject. */
export function personActor(person: { subject: string; name?: string | null; email?: string | null }): string {
  return person.email || person.name || person.subject;
}

export const SESSION_COOKIE = 'rt_session';
export const CSRF_HEADER = 'x-csrf-token';

/** The session token from a Cookie header, if it carries one. */
export function sessionCookie(header: string | undefined): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{20,200}$/.test(value) ? value : null;
  }
  return null;
}

/** Methods that change nothing, so a session cookie alone may authenticate them. */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}
