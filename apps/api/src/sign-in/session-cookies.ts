import type { Request, Response } from 'express';
import { SESSION_COOKIE } from '@app/auth';
import type { PendingLogin } from './oidc-client.service';
import { CALLBACK_PATH } from './oidc-client.service';

/** The cookie holding state, nonce and PKCE verifier while the browser is at the provider. */
export const LOGIN_COOKIE = 'rt_login';
const LOGIN_MAX_AGE_MS = 10 * 60_000;

/**
 * HttpOnly (no script reads them), SameSite=Lax (sent on the provider's redirect back, a top-level
 * GET, never on another site's POST), Secure when the request came over HTTPS (directly or through
 * a proxy on the loopback address, which Express trusts).
 */
function base(req: Request, path: string, maxAge: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path, maxAge };
}

export function setSessionCookie(req: Request, res: Response, token: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, token, base(req, '/', maxAgeMs));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { ...base(req, '/', 0), maxAge: undefined });
}

export function setLoginCookie(req: Request, res: Response, pending: PendingLogin): void {
  const value = Buffer.from(JSON.stringify(pending)).toString('base64url');
  res.cookie(LOGIN_COOKIE, value, base(req, CALLBACK_PATH, LOGIN_MAX_AGE_MS));
}

export function clearLoginCookie(req: Request, res: Response): void {
  res.clearCookie(LOGIN_COOKIE, { ...base(req, CALLBACK_PATH, 0), maxAge: undefined });
}

export function readLoginCookie(header: string | undefined): PendingLogin | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== LOGIN_COOKIE) continue;
    try {
      const parsed = JSON.parse(Buffer.from(part.slice(eq + 1).trim(), 'base64url').toString('utf8')) as PendingLogin;
      const ok = [parsed.state, parsed.nonce, parsed.verifier].every((v) => typeof v === 'string' && v.length > 0);
      return ok ? parsed : null;
    } catch {
      return null;
    }
  }
  return null;
}
