import { describe, expect, it } from '@jest/globals';
import { AuthFailureLimiter, RecentKeys } from './auth-failure-limiter';

const T0 = Date.parse('2026-01-05T10:00:00.000Z');

function failTimes(limiter: AuthFailureLimiter, address: string, times: number, now = T0): void {
  for (let i = 0; i < times; i++) limiter.recordFailure(address, now);
}

describe('AuthFailureLimiter', () => {
  it('refuses an address once it has failed `limit` times in the window, saying for how long', () => {
    const limiter = new AuthFailureLimiter({ limit: 3 });
    failTimes(limiter, '192.0.2.1', 2);
    expect(limiter.refusedFor('192.0.2.1', T0)).toBeNull();
    limiter.recordFailure('192.0.2.1', T0);
    expect(limiter.refusedFor('192.0.2.1', T0 + 15_500)).toBe(45);
    expect(limiter.refusedFor('192.0.2.1', T0 + 59_999)).toBe(1);
  });

  it('counts each address alone', () => {
    const limiter = new AuthFailureLimiter({ limit: 2 });
    failTimes(limiter, '192.0.2.1', 2);
    expect(limiter.refusedFor('192.0.2.1', T0)).not.toBeNull();
    expect(limiter.refusedFor('192.0.2.2', T0)).toBeNull();
  });

  it('lets the address in again when its window ends', () => {
    const limiter = new AuthFailureLimiter({ limit: 2 });
    failTimes(limiter, '192.0.2.1', 5);
    expect(limiter.refusedFor('192.0.2.1', T0 + 60_000)).toBeNull();
    limiter.recordFailure('192.0.2.1', T0 + 60_000);
    expect(limiter.refusedFor('192.0.2.1', T0 + 60_000)).toBeNull();
  });

  it('never refuses when the limit is 0, and then keeps nothing', () => {
    const limiter = new AuthFailureLimiter({ limit: 0 });
    failTimes(limiter, '192.0.2.1', 1_000);
    expect(limiter.refusedFor('192.0.2.1', T0)).toBeNull();
    expect(limiter.size).toBe(0);
  });

  it('keeps at most maxAddresses windows, however many addresses fail', () => {
    const limiter = new AuthFailureLimiter({ limit: 30, maxAddresses: 1_000 });
    for (let i = 0; i < 20_000; i++) limiter.recordFailure(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, T0);
    expect(limiter.size).toBe(1_000);
  });

  it('drops the least recently failing address first, so an active guesser stays counted', () => {
    const limiter = new AuthFailureLimiter({ limit: 3, maxAddresses: 100 });
    failTimes(limiter, '198.51.100.7', 2);
    for (let i = 0; i < 500; i++) {
      limiter.recordFailure(`10.0.${i >> 8}.${i & 255}`, T0);
      if (i % 50 === 0) limiter.recordFailure('198.51.100.7', T0);
    }
    expect(limiter.size).toBe(100);
    expect(limiter.refusedFor('198.51.100.7', T0)).not.toBeNull();
  });
});

describe('RecentKeys', () => {
  it('remembers added hashes and forgets on demand', () => {
    const recent = new RecentKeys(10);
    recent.add('a');
    expect(recent.has('a')).toBe(true);
    recent.forget('a');
    expect(recent.has('a')).toBe(false);
  });

  it('keeps at most `max` hashes, the least recently used dropped first', () => {
    const recent = new RecentKeys(100);
    recent.add('kept');
    for (let i = 0; i < 20_000; i++) {
      recent.add(`hash-${i}`);
      if (i % 50 === 0) recent.add('kept');
    }
    expect(recent.size).toBe(100);
    expect(recent.has('kept')).toBe(true);
    expect(recent.has('hash-0')).toBe(false);
  });
});
