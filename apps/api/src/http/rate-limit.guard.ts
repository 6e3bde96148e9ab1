import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { bearerToken, hashApiKey, PUBLIC_KEY } from '@app/auth';

const WINDOW_MS = 60_000;

/**
 * A fixed one-minute window per caller (the API key, or the address when there is none), counted
 * before authentication so guessing keys is limited too. In memory: each API replica limits alone.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const limit = this.config.server.rateLimitPerMinute;
    if (limit === 0) return true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const token = bearerToken(request.headers.authorization);
    const caller = token ? `key:${hashApiKey(token)}` : `ip:${request.ip}`;
    const now = Date.now();
    let window = this.windows.get(caller);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size > 10_000) this.evict(now);
      window = { start: now, count: 0 };
      this.windows.set(caller, window);
    }
    window.count += 1;
    if (window.count > limit) {
      const retryAfter = Math.ceil((window.start + WINDOW_MS - now) / 1000);
      throw new HttpException(
        { message: `rate limit of ${limit} requests a minute exceeded; retry in ${retryAfter} s`, retryAfter },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return true;
  }

  private evict(now: number): void {
    for (const [caller, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(caller);
  }
}
