import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, DomainErrorCode, Role } from '@app/domain';
import { hashApiKey } from './api-key.codec';
import { ApiKeyService } from './api-key.service';
import { PerAddressLimiter } from './auth-failure-limiter';
import { CSRF_HEADER, isSafeMethod, sessionCookie } from './claim-roles';
import { Principal } from './principal';
import { csrfMatches, SessionService } from './session.service';
import { PUBLIC_KEY, ROLES_KEY, roleSatisfies } from './roles';

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Every route needs a Bearer API key, or the session cookie of a signed-in person, whose role the
 * route accepts, unless marked @Public(). A key wins over a cookie. Cookie-authenticated writes
 * must carry the session's X-CSRF-Token (docs/api.md, "Authentication and roles").
 * Failed authentications (no key, or one that is unknown or revoked) are counted per client
 * address: past `server.authFailuresPerMinute` the address is answered 429 without a lookup,
 * except for keys that are active, so a guesser behind a shared address does not lock its
 * neighbours out (docs/api.md, "Rate limits").
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly failures: PerAddressLimiter;

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.failures = new PerAddressLimiter({ limit: config.server.authFailuresPerMinute });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const address = request.ip ?? 'unknown';
    const key = bearerToken(request.headers.authorization);
    const cookie = key ? null : sessionCookie(request.headers.cookie);
    const principal = cookie ? await this.viaSession(request, address, cookie) : await this.viaKey(address, key);
    request.principal = principal;
    // A route that names no role is an admin route: fail closed.
    const accepted = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? ['admin'];
    if (!roleSatisfies(principal.role, accepted)) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        `this needs the ${accepted.join(' or ')} role; the ${principal.session ? 'signed-in person' : 'key'} has ${principal.role}`,
      );
    }
    return true;
  }

  private async viaKey(address: string, key: string | null): Promise<Principal> {
    await this.refuseIfOverFailures(address, key);
    if (!key) this.fail(address, 'missing API key: send "Authorization: Bearer <key>"');
    const principal = await this.keys.authenticate(key);
    if (!principal) this.fail(address, 'unknown or revoked API key');
    return principal;
  }

  /**
   * A session cookie is looked up even from an address over the failure limit (one indexed read:
   * a signed-in neighbour is not locked out); one that is unknown, expired or signed out counts as
   * a failure like a bad key.
   */
  private async viaSession(request: Request, address: string, cookie: string): Promise<Principal> {
    const live = await this.sessions.authenticate(cookie);
    if (!live) this.fail(address, 'the session has expired or was signed out: sign in again');
    if (!isSafeMethod(request.method) && !csrfMatches(request.headers[CSRF_HEADER], live.row.csrfToken)) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        'missing or wrong X-CSRF-Token: a signed-in browser must send the token from GET /auth/session on every write',
      );
    }
    return live.principal;
  }

  private async refuseIfOverFailures(address: string, key: string | null): Promise<void> {
    const now = Date.now();
    const retryAfter = this.failures.refusedFor(address, now);
    // The key is hashed here only for an address over the limit; authenticate() hashes it anyway.
    if (retryAfter === null || (key && (await this.keys.mayBeActive(hashApiKey(key), now)))) return;
    throw tooManyFailures(retryAfter);
  }

  /**
   * Counts a failed authentication: 401, or 429 when the address was already over the limit (a
   * revoked key that passed the check, or requests that were in flight when the limit was reached).
   */
  private fail(address: string, message: string): never {
    const now = Date.now();
    const retryAfter = this.failures.refusedFor(address, now);
    this.failures.record(address, now);
    if (retryAfter !== null) throw tooManyFailures(retryAfter);
    throw new DomainError(DomainErrorCode.Unauthenticated, message);
  }
}

function tooManyFailures(retryAfter: number): HttpException {
  return new HttpException(
    {
      message: `too many failed authentications from this address; retry in ${retryAfter} s with a valid API key`,
      retryAfter,
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}
