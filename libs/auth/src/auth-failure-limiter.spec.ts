import { describe, expect, it } from '@jest/globals';
import { PerAddressLimiter, KnownKeys } from './auth-failure-limiter';

const T0 = Date.parse('2026-01-05T10:00:00.000Z');

function failTimes(limiter: PerAddressLimiter, address: string, times: number, now = T0): void {
  for (let i = 0; i < times; i++) limiter.record(address, now);
}

describe('PerAddressLimiter', () => {
  it('refuses an address once it has failed `limit` times in the window, saying for how long', () => {
    const limiter = new PerAddressLimiter({ limit: 3 });
    failTimes(limiter, '192.0.2.1', 2);
    expect(limiter.refusedFor('192.0.2.1', T0)).toBeNull();
    limiter.record('192.0.2.1', T0);
    expect(limiter.refusedFor('192.0.2.1', T0 + 15_500)).toBe(45);
    expect(limiter.refusedFor('192.0.2.1', T0 + 59_999)).toBe(1);
  });

  it('counts each address alone', () => {
    const limiter = new PerAddressLimiter({ limit: 2 });
    failTimes(limiter, '192.0.2.1', 2);
    expect(limiter.refusedFor('192.0.2.1', T0)).not.toBeNull();
    expect(limiter.refusedFor('192.0.2.2', T0)).toBeNull();
  });

  it('lets the address in again when its window ends', () => {
    const limiter = new PerAddressLimiter({ limit: 2 });
    failTimes(limiter, '192.0.2.1', 5);
    expect(limiter.refusedFor('192.0.2.1', T0 + 60_000)).toBeNull();
    limiter.record('192.0.2.1', T0 + 60_000);
    expect(limiter.refusedFor('192.0.2.1', T0 + 60_000)).toBeNull();
  });

  it('never refuses when the limit is 0, and then keeps nothing', () => {
    const limiter = new PerAddressLimiter({ limit: 0 });
    failTimes(limiter, '192.0.2.1', 1_000);
    expect(limiter.refusedFor('192.0.2.1', T0)).toBeNull();
    expect(limiter.size).toBe(0);
  });

  it('keeps at most maxAddresses windows, however many addresses fail', () => {
    const limiter = new PerAddressLimiter({ limit: 30, maxAddresses: 1_000 });
    for (let i = 0; i < 20_000; i++) limiter.record(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, T0);
    expect(limiter.size).toBe(1_000);
  });

  it('drops the least recently failing address first, so an active guesser stays counted', () => {
    const limiter = new PerAddressLimiter({ limit: 3, maxAddresses: 100 });
    failTimes(limiter, '198.51.100.7', 2);
    for (let i = 0; i < 500; i++) {
      limiter.record(`10.0.${i >> 8}.${i & 255}`, T0);
      if (i % 50 === 0) limiter.record('198.51.100.7', T0);
    }
    expect(limiter.size).toBe(100);
    expect(limiter.refusedFor('198.51.100.7', T0)).not.toBeNull();
  });
});

describe('KnownKeys', () => {
  /** A loader standing for the active keys' query, counting its calls. */
  function loader(active: string[]) {
    const calls = { count: 0 };
    return { calls, load: async () => (calls.count++, [...active]) };
  }

  it('knows the active hashes, loading them when first asked', async () => {
    const { calls, load } = loader(['a', 'b']);
    const known = new KnownKeys(load, 10_000);
    expect(await known.has('a', T0)).toBe(true);
    expect(await known.has('guess', T0)).toBe(false);
    expect(calls.count).toBe(1);
  });

  it('costs one load per maxAge however many guesses come, and sees keys issued since', async () => {
    const active = ['a'];
    let calls = 0;
    const known = new KnownKeys(async () => (calls++, [...active]), 10_000);
    for (let i = 0; i < 20_000; i++) expect(await known.has(`guess-${i}`, T0 + (i % 9_000))).toBe(false);
    expect(calls).toBe(1);
    active.push('issued later');
    expect(await known.has('issued later', T0 + 9_999)).toBe(false);
    expect(await known.has('issued later', T0 + 10_000)).toBe(true);
    expect(calls).toBe(2);
  });

  it('loads once for many concurrent questions', async () => {
    const { calls, load } = loader(['a']);
    const known = new KnownKeys(load, 10_000);
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => known.has(`guess-${i}`, T0)));
    expect(answers.every((a) => a === false)).toBe(true);
    expect(calls.count).toBe(1);
  });

  it('knows a key added after it authenticated, and forgets it when a load no longer has it', async () => {
    const { load } = loader([]);
    const known = new KnownKeys(load, 10_000);
    expect(await known.has('x', T0)).toBe(false);
    known.add('x');
    expect(await known.has('x', T0 + 1)).toBe(true);
    expect(await known.has('other', T0 + 20_000)).toBe(false);
    expect(await known.has('x', T0 + 20_001)).toBe(false);
  });
});
