import { describe, expect, it } from '@jest/globals';
import { VersionedCache } from './versioned-cache';

/** A computation that counts its calls and resolves when told to. */
function deferred(value: string) {
  let calls = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return {
    compute: async () => {
      calls++;
      await gate;
      return value;
    },
    release: () => release(),
    calls: () => calls,
  };
}

const now = (value: string) => () => Promise.resolve(value);

describe('VersionedCache', () => {
  it('serves a kept answer for the same key and version without computing', async () => {
    const cache = new VersionedCache<string>(4);
    await expect(cache.get('a', 1n, now('first'))).resolves.toBe('first');
    await expect(cache.get('a', 1n, now('second'))).resolves.toBe('first');
  });

  it('computes again once the version moves, and keeps the new answer', async () => {
    const cache = new VersionedCache<string>(4);
    await cache.get('a', 1n, now('at 1'));
    await expect(cache.get('a', 2n, now('at 2'))).resolves.toBe('at 2');
    await expect(cache.get('a', 2n, now('again'))).resolves.toBe('at 2');
    expect(cache.size).toBe(1);
  });

  it('keeps keys apart', async () => {
    const cache = new VersionedCache<string>(4);
    await cache.get('a', 1n, now('for a'));
    await expect(cache.get('b', 1n, now('for b'))).resolves.toBe('for b');
    await expect(cache.get('a', 1n, now('other'))).resolves.toBe('for a');
  });

  it('shares one computation between concurrent requests of a key and version', async () => {
    const cache = new VersionedCache<string>(4);
    const slow = deferred('shared');
    const first = cache.get('a', 1n, slow.compute);
    const second = cache.get('a', 1n, slow.compute);
    slow.release();
    await expect(Promise.all([first, second])).resolves.toEqual(['shared', 'shared']);
    expect(slow.calls()).toBe(1);
  });

  it('does not share a computation across versions', async () => {
    const cache = new VersionedCache<string>(4);
    const older = deferred('at 1');
    const newer = deferred('at 2');
    const first = cache.get('a', 1n, older.compute);
    const second = cache.get('a', 2n, newer.compute);
    newer.release();
    older.release();
    await expect(Promise.all([first, second])).resolves.toEqual(['at 1', 'at 2']);
    expect([older.calls(), newer.calls()]).toEqual([1, 1]);
  });

  it('does not let an older answer that settles late replace a newer one', async () => {
    const cache = new VersionedCache<string>(4);
    const older = deferred('at 1');
    const first = cache.get('a', 1n, older.compute);
    await cache.get('a', 2n, now('at 2'));
    older.release();
    await first;
    await expect(cache.get('a', 2n, now('recomputed'))).resolves.toBe('at 2');
  });

  it('keeps no failure: the next request computes again', async () => {
    const cache = new VersionedCache<string>(4);
    await expect(cache.get('a', 1n, () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    await expect(cache.get('a', 1n, now('recovered'))).resolves.toBe('recovered');
    expect(cache.size).toBe(1);
  });

  it('drops the least recently used key beyond its size', async () => {
    const cache = new VersionedCache<string>(2);
    await cache.get('a', 1n, now('a'));
    await cache.get('b', 1n, now('b'));
    await cache.get('a', 1n, now('a again')); // a is now the most recent
    await cache.get('c', 1n, now('c'));
    expect(cache.size).toBe(2);
    await expect(cache.get('a', 1n, now('a recomputed'))).resolves.toBe('a');
    await expect(cache.get('b', 1n, now('b recomputed'))).resolves.toBe('b recomputed');
  });
});
