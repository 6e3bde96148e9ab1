import { describe, expect, it } from '@jest/globals';
import { CachedSnapshot } from './cached-snapshot';

describe('CachedSnapshot', () => {
  function counter(values: Array<number | Error>) {
    let reads = 0;
    let release: (() => void) | null = null;
    const read = async (): Promise<number> => {
      const value = values[Math.min(reads, values.length - 1)];
      reads += 1;
      await new Promise<void>((r) => (release = r));
      if (value instanceof Error) throw value;
      return value;
    };
    return { read, reads: () => reads, release: () => release?.() };
  }

  it('reads once for every caller within the TTL, concurrent ones included', async () => {
    let now = 1_000;
    const source = counter([7, 8]);
    const cache = new CachedSnapshot(source.read, 5_000, () => now);
    const first = cache.get();
    const second = cache.get();
    source.release();
    expect(await Promise.all([first, second])).toEqual([7, 7]);
    now += 4_999;
    expect(await cache.get()).toBe(7);
    expect(source.reads()).toBe(1);
  });

  it('reads again once the TTL is over', async () => {
    let now = 0;
    const source = counter([1, 2]);
    const cache = new CachedSnapshot(source.read, 100, () => now);
    const first = cache.get();
    source.release();
    expect(await first).toBe(1);
    now = 100;
    const second = cache.get();
    source.release();
    expect(await second).toBe(2);
    expect(source.reads()).toBe(2);
  });

  it('keeps no failure: the next call reads again', async () => {
    const source = counter([new Error('database down'), 3]);
    const cache = new CachedSnapshot(source.read, 60_000, () => 0);
    const failed = cache.get();
    source.release();
    await expect(failed).rejects.toThrow('database down');
    const retried = cache.get();
    source.release();
    expect(await retried).toBe(3);
    expect(source.reads()).toBe(2);
  });
});
