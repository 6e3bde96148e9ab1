import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ExecutionContext, HttpException, HttpStatus } from '@nestjs/common';
import { WEBHOOK_DELIVERIES_PER_MINUTE, WebhookRateLimitGuard } from './webhook-rate-limit.guard';

const from = (ip: string): ExecutionContext =>
  ({ switchToHttp: () => ({ getRequest: () => ({ ip }) }) }) as unknown as ExecutionContext;

/** How many of `times` deliveries from `ip` the guard lets through. */
function admitted(guard: WebhookRateLimitGuard, ip: string, times: number): number {
  let passed = 0;
  for (let i = 0; i < times; i++) {
    try {
      if (guard.canActivate(from(ip))) passed += 1;
    } catch (err) {
      if (!(err instanceof HttpException) || err.getStatus() !== HttpStatus.TOO_MANY_REQUESTS) throw err;
    }
  }
  return passed;
}

describe('WebhookRateLimitGuard', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('lets an address deliver up to the limit a minute, then answers 429 with when to retry', () => {
    const guard = new WebhookRateLimitGuard();
    expect(admitted(guard, '192.0.2.1', WEBHOOK_DELIVERIES_PER_MINUTE + 5)).toBe(WEBHOOK_DELIVERIES_PER_MINUTE);
    jest.advanceTimersByTime(45_000);
    try {
      guard.canActivate(from('192.0.2.1'));
      throw new Error('expected a refusal');
    } catch (err) {
      expect((err as HttpException).getStatus()).toBe(429);
      expect((err as HttpException).getResponse()).toMatchObject({ retryAfter: 15 });
    }
  });

  it('counts each address on its own, and starts a new window after a minute', () => {
    const guard = new WebhookRateLimitGuard();
    expect(admitted(guard, '192.0.2.1', WEBHOOK_DELIVERIES_PER_MINUTE + 1)).toBe(WEBHOOK_DELIVERIES_PER_MINUTE);
    expect(admitted(guard, '198.51.100.7', 3)).toBe(3);
    jest.advanceTimersByTime(60_000);
    expect(admitted(guard, '192.0.2.1', 3)).toBe(3);
  });
});
