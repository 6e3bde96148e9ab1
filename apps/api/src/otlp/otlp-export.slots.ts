/**
 * Exports this process holds at once (reading, decoding, waiting for the store, writing). Beyond
 * the limit a request is refused before its body is read: memory stays bounded by the limit times
 * one export, and the sender retries later, where queueing every request would grow without end.
 */
export class ExportSlots {
  private held = 0;

  constructor(private readonly limit: number) {}

  /** Takes a slot; false when all are held (0 turns the limit off). */
  take(): boolean {
    if (this.limit > 0 && this.held >= this.limit) return false;
    this.held += 1;
    return true;
  }

  release(): void {
    this.held = Math.max(0, this.held - 1);
  }

  get inUse(): number {
    return this.held;
  }
}
