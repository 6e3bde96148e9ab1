const WINDOW_MS = 60_000;

/**
 * Data points a minute the receiver decodes, all senders together, in a fixed one-minute window.
 * A request is refused once the window is spent; the one that spends it still passes, so a
 * request larger than the whole budget is not refused forever.
 */
export class PointBudget {
  private windowStart = 0;
  private used = 0;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the budget frees up, or 0 when there is budget left. */
  retryAfter(): number {
    if (this.perMinute === 0) return 0;
    this.roll();
    if (this.used < this.perMinute) return 0;
    return Math.max(1, Math.ceil((this.windowStart + WINDOW_MS - this.now()) / 1000));
  }

  /** Counts `points` against the window; returns retryAfter() as it was before spending. */
  spend(points: number): number {
    const wait = this.retryAfter();
    if (wait === 0) this.used += points;
    return wait;
  }

  private roll(): void {
    const now = this.now();
    if (now - this.windowStart >= WINDOW_MS) {
      this.windowStart = now;
      this.used = 0;
    }
  }
}
