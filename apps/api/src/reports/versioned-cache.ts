interface Settled<T> {
  version: bigint;
  value: T;
}

/**
 * Answers kept per key until the data they were computed from moves on: an answer is served only for
 * the exact data version it was computed at, so it is never stale. Concurrent requests for the same
 * key and version share one computation; failures are not kept. The least recently used key goes
 * first once `maxEntries` are kept.
 */
export class VersionedCache<T> {
  private readonly settled = new Map<string, Settled<T>>();
  private readonly inFlight = new Map<string, Promise<T>>();

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.settled.size;
  }

  get(key: string, version: bigint, compute: () => Promise<T>): Promise<T> {
    const kept = this.settled.get(key);
    if (kept?.version === version) {
      this.settled.delete(key);
      this.settled.set(key, kept);
      return Promise.resolve(kept.value);
    }
    const flightKey = `${version}\u0000${key}`;
    const shared = this.inFlight.get(flightKey);
    if (shared) return shared;
    const flight = compute()
      .then((value) => {
        this.keep(key, { version, value });
        return value;
      })
      .finally(() => this.inFlight.delete(flightKey));
    this.inFlight.set(flightKey, flight);
    return flight;
  }

  private keep(key: string, answer: Settled<T>): void {
    const kept = this.settled.get(key);
    // A slow computation of an older version must not replace a newer answer.
    if (kept && kept.version > answer.version) return;
    this.settled.delete(key);
    this.settled.set(key, answer);
    while (this.settled.size > this.maxEntries) this.settled.delete(this.settled.keys().next().value!);
  }
}
