import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { PUBLIC_KEY, type AuthenticatedRequest } from '@app/auth';

const WINDOW_MS = 60_000;
// One window per active key; more than this many keys in a minute drops the oldest windows.
const MAX_WINDOWS = 10_000;

/**
 * A fixed one-minute window per authenticated API key, counted after ApiKeyGuard: a token that
 * does not authenticate never gets a window (guessing is limited per address by the guard's
 * failure count instead, docs/api.md "Rate limits"). In memory: each API replica limits alone.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** How many keys have a window now (bounded by MAX_WINDOWS). */
  get size(): number {
    return this.windows.size;
  }

  canActivate(context: ExecutionContext): boolean {
    const limit = this.config.server.rateLimitPerMinute;
    if (limit === 0) return true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()])) return true;
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    // ApiKeyGuard refuses such a request before this guard; no window for what did not authenticate.
    if (!principal) return true;
    const caller = principal.keyId;
    const now = Date.now();
    let window = this.windows.get(caller);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size >= MAX_WINDOWS) this.evict(now);
      window = { start: now, count: 0 };
      this.windows.delete(caller);
      this.windows.set(caller, window);
    }
    window.count += 1;
    if (window.count > limit) {
      const retryAfter = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
      throw new HttpException(
        { message: `rate limit of ${limit} requests a minute exceeded; retry in ${retryAfter} s`, retryAfter },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return true;
  }

  /** Drops expired windows, then the oldest ones until there is room. */
  private evict(now: number): void {
    for (const [caller, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(caller);
    while (this.windows.size >= MAX_WINDOWS) this.windows.delete(this.windows.keys().next().value!);
  }
}
