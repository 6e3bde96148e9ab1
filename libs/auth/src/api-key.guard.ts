import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError, DomainErrorCode, Role } from '@app/domain';
import { ApiKeyService } from './api-key.service';
import { Principal } from './principal';
import { PUBLIC_KEY, ROLES_KEY, roleSatisfies } from './roles';

export type AuthenticatedRequest = Request & { principal?: Principal };

/** Every route needs a Bearer API key whose role the route accepts, unless marked @Public(). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = bearerToken(request.headers.authorization);
    if (!key)
      throw new DomainError(DomainErrorCode.Unauthenticated, 'missing API key: send "Authorization: Bearer <key>"');
    const principal = await this.keys.authenticate(key);
    if (!principal) throw new DomainError(DomainErrorCode.Unauthenticated, 'unknown or revoked API key');
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
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}
