import { describe, expect, it } from '@jest/globals';
import { ConcurrencyLimiter } from './concurrency-limiter';

/** A promise the test settles by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('ConcurrencyLimiter', () => {
  it('runs at most `limit` tasks at once and starts waiting ones in arrival order', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await flush();
    expect(started).toEqual([0, 1]);
    expect([limiter.active, limiter.queued]).toEqual([2, 2]);

    gates[1].resolve();
    await flush();
    expect(started).toEqual([0, 1, 2]);
    expect([limiter.active, limiter.queued]).toEqual([2, 1]);

    gates[0].resolve();
    gates[2].resolve();
    gates[3].resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect([limiter.active, limiter.queued]).toEqual([0, 0]);
  });

  it('frees the slot of a task that fails', async () => {
    const limiter = new ConcurrencyLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(limiter.active).toBe(0);
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });

  it('never exceeds the limit under a burst', async () => {
    const limiter = new ConcurrencyLimiter(3);
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limiter.run(async () => {
          inFlight += 1;
          peak = Math.max(peak, inFlight);
          await flush();
          inFlight -= 1;
        }),
      ),
    );
    expect(peak).toBe(3);
  });

  it.each([[0], [-1], [1.5]])('refuses a limit of %d', (limit) =>
    expect(() => new ConcurrencyLimiter(limit)).toThrow(RangeError),
  );

  it('lets an aborted waiter leave the queue without taking a slot', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const gate = deferred();
    const first = limiter.run(() => gate.promise);
    const controller = new AbortController();
    const started: string[] = [];
    const waiting = limiter.run(async () => void started.push('aborted one'), controller.signal);
    const next = limiter.run(async () => void started.push('next'));
    await flush();
    expect(limiter.queued).toBe(2);
    controller.abort(new Error('caller gone'));
    await expect(waiting).rejects.toThrow('caller gone');
    expect(limiter.queued).toBe(1);
    gate.resolve();
    await first;
    await next;
    expect(started).toEqual(['next']);
    expect([limiter.active, limiter.queued]).toEqual([0, 0]);
  });

  it('refuses an already aborted task at once', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const controller = new AbortController();
    controller.abort(new Error('gone before'));
    await expect(limiter.run(async () => 1, controller.signal)).rejects.toThrow('gone before');
    expect(limiter.active).toBe(0);
  });
});
