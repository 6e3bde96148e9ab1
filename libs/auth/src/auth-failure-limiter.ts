/**
 * Events counted per client address in a fixed one-minute window: after `limit` of them the address
 * is refused (429) until its window ends. The API key guard counts failed authentications, and
 * refuses every request that does not carry a key known to be good (docs/api.md, "Rate limits");
 * the public pages count every request. Memory is bounded: at most `maxAddresses` windows are kept,
 * the least recently counted one dropped first.
 */
export interface PerAddressLimiterOptions {
  /** Events a minute an address may have; 0 disables the limit. */
  limit: number;
  windowMs?: number;
  maxAddresses?: number;
}

interface Window {
  start: number;
  failures: number;
}

export const AUTH_FAILURE_WINDOW_MS = 60_000;
export const AUTH_FAILURE_MAX_ADDRESSES = 10_000;

export class PerAddressLimiter {
  // A Map iterates in insertion order; re-inserting on each failure makes the first entry the
  // least recently failing address, the one dropped when the map is full.
  private readonly windows = new Map<string, Window>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxAddresses: number;

  constructor(options: PerAddressLimiterOptions) {
    this.limit = options.limit;
    this.windowMs = options.windowMs ?? AUTH_FAILURE_WINDOW_MS;
    this.maxAddresses = options.maxAddresses ?? AUTH_FAILURE_MAX_ADDRESSES;
  }

  /** Seconds until the address may fail again, when it is refused now; null when it is not. */
  refusedFor(address: string, now: number): number | null {
    if (this.limit === 0) return null;
    const window = this.windows.get(address);
    if (!window) return null;
    if (now - window.start >= this.windowMs) {
      this.windows.delete(address);
      return null;
    }
    if (window.failures < this.limit) return null;
    return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
  }

  /** Counts one event (a failed authentication, a public request) of the address. */
  record(address: string, now: number): void {
    if (this.limit === 0) return;
    let window = this.windows.get(address);
    if (window) this.windows.delete(address);
    if (!window || now - window.start >= this.windowMs) window = { start: now, failures: 0 };
    window.failures += 1;
    this.windows.set(address, window);
    while (this.windows.size > this.maxAddresses) this.windows.delete(this.windows.keys().next().value!);
  }

  /** How many addresses are being counted (bounded by `maxAddresses`). */
  get size(): number {
    return this.windows.size;
  }
}

export const KNOWN_KEYS_MAX_AGE_MS = 10_000;
export const KNOWN_KEYS_LIMIT = 100_000;

/**
 * The hashes of the active keys as of at most `maxAgeMs` ago, so that an address refused for its
 * failures can still use a good key while its guesses cost no lookup each: a hash in the set is
 * looked up as usual (a key revoked since is still refused), one outside it is refused at once.
 * Loaded only when asked about a hash it lacks and the snapshot is older than `maxAgeMs`, so a
 * flood of guesses costs one query per `maxAgeMs` at most.
 */
export class KnownKeys {
  private hashes = new Set<string>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly load: () => Promise<string[]>,
    private readonly maxAgeMs = KNOWN_KEYS_MAX_AGE_MS,
  ) {}

  async has(hash: string, now: number): Promise<boolean> {
    if (this.hashes.has(hash)) return true;
    if (now - this.loadedAt >= this.maxAgeMs) await this.refresh(now);
    return this.hashes.has(hash);
  }

  /** A key that just authenticated (issued after the snapshot, perhaps by another process). */
  add(hash: string): void {
    this.hashes.add(hash);
  }

  get size(): number {
    return this.hashes.size;
  }

  private refresh(now: number): Promise<void> {
    // One query however many requests ask at once.
    this.loading ??= this.load()
      .then((list) => {
        this.hashes = new Set(list);
        this.loadedAt = now;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
