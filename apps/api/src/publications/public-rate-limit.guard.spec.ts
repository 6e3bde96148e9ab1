import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { HttpException } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { PublicRateLimitGuard } from './public-rate-limit.guard';

const from = (ip: string) => ({ switchToHttp: () => ({ getRequest: () => ({ ip }) }) }) as unknown as ExecutionContext;
const guard = (limit: number) =>
  new PublicRateLimitGuard({ server: { publicRequestsPerMinute: limit } } as unknown as AppConfig);

describe('PublicRateLimitGuard', () => {
  it('lets an address through up to the limit, then answers 429 with when to retry', () => {
    const limited = guard(3);
    for (let i = 0; i < 3; i++) expect(limited.canActivate(from('203.0.113.7'))).toBe(true);
    let refused: unknown = null;
    try {
      limited.canActivate(from('203.0.113.7'));
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(HttpException);
    expect((refused as HttpException).getStatus()).toBe(429);
    const retryAfter = ((refused as HttpException).getResponse() as { retryAfter: number }).retryAfter;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('counts each address alone', () => {
    const limited = guard(1);
    expect(limited.canActivate(from('203.0.113.7'))).toBe(true);
    expect(limited.canActivate(from('198.51.100.1'))).toBe(true);
    expect(() => limited.canActivate(from('203.0.113.7'))).toThrow(HttpException);
  });

  it('does not limit when the limit is 0', () => {
    const open = guard(0);
    for (let i = 0; i < 1000; i++) expect(open.canActivate(from('203.0.113.7'))).toBe(true);
  });
});
