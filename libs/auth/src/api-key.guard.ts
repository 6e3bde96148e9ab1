import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, DomainErrorCode, Role } from '@app/domain';
import { hashApiKey } from './api-key.codec';
import { ApiKeyService } from './api-key.service';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { Principal } from './principal';
import { PUBLIC_KEY, ROLES_KEY, roleSatisfies } from './roles';

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Every route needs a Bearer API key whose role the route accepts, unless marked @Public().
 * Failed authentications (no key, or one that is unknown or revoked) are counted per client
 * address: past `server.authFailuresPerMinute` the address is answered 429 without a lookup,
 * except for keys that are active, so a guesser behind a shared address does not lock its
 * neighbours out (docs/api.md, "Rate limits").
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly failures: AuthFailureLimiter;

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.failures = new AuthFailureLimiter({ limit: config.server.authFailuresPerMinute });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const address = request.ip ?? 'unknown';
    const key = bearerToken(request.headers.authorization);
    const hash = key ? hashApiKey(key) : null;
    await this.refuseIfOverFailures(address, hash);
    if (!key || !hash) this.fail(address, 'missing API key: send "Authorization: Bearer <key>"');
    const principal = await this.keys.authenticate(key);
    if (!principal) this.fail(address, 'unknown or revoked API key');
    request.principal = principal;
    // A route that names no role is an admin route: fail closed.
    const accepted = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? ['admin'];
    if (!roleSatisfies(principal.role, accepted)) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        `this needs the ${accepted.join(' or ')} role; the key has ${principal.role}`,
      );
    }
    return true;
  }

  private async refuseIfOverFailures(address: string, hash: string | null): Promise<void> {
    const now = Date.now();
    const retryAfter = this.failures.refusedFor(address, now);
    if (retryAfter === null || (hash && (await this.keys.mayBeActive(hash, now)))) return;
    throw tooManyFailures(retryAfter);
  }

  /**
   * Counts a failed authentication: 401, or 429 when the address was already over the limit (a
   * revoked key that passed the check, or requests that were in flight when the limit was reached).
   */
  private fail(address: string, message: string): never {
    const now = Date.now();
    const retryAfter = this.failures.refusedFor(address, now);
    this.failures.recordFailure(address, now);
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
