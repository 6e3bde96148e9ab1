/**
 * A value read at most once per `ttlMs`: callers within the TTL get the last read, concurrent
 * callers share the read in flight. A failed read is not kept, so the next call tries again.
 */
export class CachedSnapshot<T> {
  private value: { at: number; data: T } | null = null;
  private inFlight: Promise<T> | null = null;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    if (this.value && this.now() - this.value.at < this.ttlMs) return Promise.resolve(this.value.data);
    this.inFlight ??= this.read()
      .then((data) => {
        this.value = { at: this.now(), data };
        return data;
      })
      .finally(() => (this.inFlight = null));
    return this.inFlight;
  }
}
