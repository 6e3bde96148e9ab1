/**
 * A counting semaphore: at most `limit` tasks run at once, the rest wait in arrival order.
 * Each datasource has its own, so one slow backend cannot starve the others, and a scoring pass
 * over hundreds of metrics never opens hundreds of connections to one Prometheus.
 */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
  }

  /** Tasks holding a slot right now. */
  get active(): number {
    return this.running;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Runs `task` once a slot is free. An aborted `signal` leaves the queue at once (rejecting with
   * its reason) and takes no slot; the slot of a running task is freed when the task ends.
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (this.running < this.limit) {
      this.running += 1;
      return Promise.resolve();
    }
    // The slot is handed over by release() without decrementing, so a newcomer cannot jump the queue.
    return new Promise((resolve, reject) => {
      const granted = () => {
        signal?.removeEventListener('abort', gone);
        resolve();
      };
      const gone = () => {
        const at = this.waiting.indexOf(granted);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', gone, { once: true });
      this.waiting.push(granted);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}
