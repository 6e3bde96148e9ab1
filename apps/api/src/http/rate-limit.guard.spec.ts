import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ExecutionContext, HttpException, HttpStatus } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { AppConfig } from '@app/config';
import { PUBLIC_KEY } from '@app/auth';
import { RateLimitGuard } from './rate-limit.guard';

interface FakeRequest {
  headers: { authorization?: string };
  ip: string;
  /** Set by ApiKeyGuard, which runs first, when the key authenticated. */
  principal?: { keyId: string; name: string; role: string };
}

/** The only Reflector call the guard makes: is this route public? */
function fakeReflector(publicRoute: boolean): Reflector {
  return {
    getAllAndOverride: (key: string) => (key === PUBLIC_KEY ? publicRoute : undefined),
  } as unknown as Reflector;
}

function context(request: FakeRequest): ExecutionContext {
  return {
    getHandler: () => function handler() {},
    getClass: () => class Controller {},
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

/** A request whose key authenticated (as key id `key`). */
const withKey = (key: string, ip = '10.0.0.1'): FakeRequest => ({
  headers: { authorization: `Bearer ${key}` },
  ip,
  principal: { keyId: key, name: key, role: 'viewer' },
});
/** A request whose token did not authenticate (ApiKeyGuard refuses it; this guard must not count it). */
const unauthenticated = (token: string | null, ip = '10.0.0.1'): FakeRequest => ({
  headers: token ? { authorization: `Bearer ${token}` } : {},
  ip,
});

function guard(limit: number, publicRoute = false): RateLimitGuard {
  const config = { server: { rateLimitPerMinute: limit } } as AppConfig;
  return new RateLimitGuard(fakeReflector(publicRoute), config);
}

/** Calls the guard `times` times and returns how many calls it let through before refusing. */
function admitted(subject: RateLimitGuard, request: FakeRequest, times: number): number {
  let passed = 0;
  for (let i = 0; i < times; i++) {
    try {
      if (subject.canActivate(context(request))) passed += 1;
    } catch (err) {
      if (!(err instanceof HttpException) || err.getStatus() !== HttpStatus.TOO_MANY_REQUESTS) throw err;
    }
  }
  return passed;
}

function refusal(
  subject: RateLimitGuard,
  request: FakeRequest,
): { status: number; retryAfter: number; message: string } {
  try {
    subject.canActivate(context(request));
  } catch (err) {
    const response = (err as HttpException).getResponse() as { retryAfter: number; message: string };
    return { status: (err as HttpException).getStatus(), ...response };
  }
  throw new Error('expected the guard to refuse the request');
}

describe('RateLimitGuard', () => {
  const start = new Date('2026-01-05T10:00:00.000Z');
  beforeEach(() => {
    jest.useFakeTimers({ now: start });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('lets `limit` requests a minute through per key and refuses the next with 429', () => {
    const subject = guard(5);
    expect(admitted(subject, withKey('key-a'), 5)).toBe(5);
    const refused = refusal(subject, withKey('key-a'));
    expect(refused.status).toBe(429);
    expect(refused.message).toContain('5');
  });

  it('says when to retry: the seconds left in the window, rounded up', () => {
    const subject = guard(2);
    admitted(subject, withKey('key-a'), 2);
    jest.advanceTimersByTime(44_500);
    expect(refusal(subject, withKey('key-a')).retryAfter).toBe(16);
    jest.advanceTimersByTime(15_000);
    expect(refusal(subject, withKey('key-a')).retryAfter).toBe(1);
  });

  it('opens a fresh window a minute after the first request of the last one', () => {
    const subject = guard(3);
    expect(admitted(subject, withKey('key-a'), 5)).toBe(3);
    jest.advanceTimersByTime(59_999);
    expect(admitted(subject, withKey('key-a'), 1)).toBe(0);
    jest.advanceTimersByTime(1);
    expect(admitted(subject, withKey('key-a'), 5)).toBe(3);
  });

  it('counts each key alone, whatever address it comes from', () => {
    const subject = guard(2);
    expect(admitted(subject, withKey('key-a', '10.0.0.1'), 1)).toBe(1);
    expect(admitted(subject, withKey('key-a', '10.0.0.2'), 2)).toBe(1);
    expect(admitted(subject, withKey('key-b', '10.0.0.1'), 2)).toBe(2);
  });

  it('gives a token that did not authenticate no window, however many there are', () => {
    const subject = guard(3);
    for (let i = 0; i < 20_000; i++) admitted(subject, unauthenticated(`rt_guess_${i}`), 1);
    expect(admitted(subject, unauthenticated(null, '192.0.2.1'), 10)).toBe(10);
    expect(subject.size).toBe(0);
  });

  it('keeps at most 10,000 windows, the oldest dropped first', () => {
    const subject = guard(3);
    for (let i = 0; i < 20_000; i++) admitted(subject, withKey(`key-${i}`), 1);
    expect(subject.size).toBe(10_000);
  });

  it('never limits when the limit is 0', () => {
    expect(admitted(guard(0), withKey('key-a'), 2_000)).toBe(2_000);
  });

  it('never counts public routes', () => {
    const subject = guard(1, true);
    expect(admitted(subject, withKey('key-a'), 50)).toBe(50);
  });
});
