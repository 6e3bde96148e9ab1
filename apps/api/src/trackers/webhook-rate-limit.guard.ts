import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Request } from 'express';

const WINDOW_MS = 60_000;
/**
 * Deliveries a minute from one address. Far above what a tracker sends for a team's issues (each
 * close or reopen is one delivery), low enough that an unauthenticated caller cannot make the
 * service compute signatures without end.
 */
export const WEBHOOK_DELIVERIES_PER_MINUTE = 600;
// More addresses than this in one minute drops the oldest windows.
const MAX_WINDOWS = 10_000;

/**
 * The webhook route takes no API key, so the per-key limit does not cover it: this one counts
 * per client address, in a fixed one-minute window, before the signature is checked. In memory:
 * each API replica limits alone.
 */
@Injectable()
export class WebhookRateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();

  canActivate(context: ExecutionContext): boolean {
    const address = context.switchToHttp().getRequest<Request>().ip ?? 'unknown';
    const now = Date.now();
    let window = this.windows.get(address);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size >= MAX_WINDOWS) this.evict(now);
      window = { start: now, count: 0 };
      this.windows.delete(address);
      this.windows.set(address, window);
    }
    window.count += 1;
    if (window.count > WEBHOOK_DELIVERIES_PER_MINUTE) {
      const retryAfter = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
      throw new HttpException(
        {
          message: `more than ${WEBHOOK_DELIVERIES_PER_MINUTE} webhook deliveries a minute; retry in ${retryAfter} s`,
          retryAfter,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return true;
  }

  private evict(now: number): void {
    for (const [address, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(address);
    while (this.windows.size >= MAX_WINDOWS) this.windows.delete(this.windows.keys().next().value!);
  }
}
