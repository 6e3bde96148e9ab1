import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { PerAddressLimiter } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';

/**
 * The public pages need no key, so they are limited per client address instead: a fixed one-minute
 * window of `server.publicRequestsPerMinute` requests. In memory: each API replica limits alone.
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  private readonly limiter: PerAddressLimiter;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limiter = new PerAddressLimiter({ limit: config.server.publicRequestsPerMinute });
  }

  canActivate(context: ExecutionContext): boolean {
    const address = context.switchToHttp().getRequest<Request>().ip ?? 'unknown';
    const now = Date.now();
    const retryAfter = this.limiter.refusedFor(address, now);
    if (retryAfter !== null) {
      throw new HttpException(
        { message: `more than the allowed requests a minute from this address; retry in ${retryAfter} s`, retryAfter },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    this.limiter.record(address, now);
    return true;
  }
}
