/**
 * Failed authentications counted per client address in a fixed one-minute window: after `limit`
 * failures the address is refused (429) until its window ends, for every request that does not
 * carry a key known to be good (docs/api.md, "Rate limits"). Memory is bounded: at most
 * `maxAddresses` windows are kept, the least recently failing one dropped first.
 */
export interface AuthFailureLimiterOptions {
  /** Failures a minute an address may have; 0 disables the limit. */
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

export class AuthFailureLimiter {
  // A Map iterates in insertion order; re-inserting on each failure makes the first entry the
  // least recently failing address, the one dropped when the map is full.
  private readonly windows = new Map<string, Window>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxAddresses: number;

  constructor(options: AuthFailureLimiterOptions) {
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

  /** Counts one failed authentication of the address. */
  recordFailure(address: string, now: number): void {
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

/**
 * Hashes of keys that authenticated lately, so an address refused for failures can still use a
 * good key without the refusal costing a database lookup for the bad ones. Bounded like the
 * limiter: the least recently used hash is forgotten first (its key then needs a window to pass).
 */
export class RecentKeys {
  private readonly hashes = new Map<string, true>();

  constructor(private readonly max = AUTH_FAILURE_MAX_ADDRESSES) {}

  has(hash: string): boolean {
    return this.hashes.has(hash);
  }

  add(hash: string): void {
    this.hashes.delete(hash);
    this.hashes.set(hash, true);
    while (this.hashes.size > this.max) this.hashes.delete(this.hashes.keys().next().value!);
  }

  forget(hash: string): void {
    this.hashes.delete(hash);
  }

  get size(): number {
    return this.hashes.size;
  }
}
