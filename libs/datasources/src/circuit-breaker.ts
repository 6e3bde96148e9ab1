/** When a datasource's circuit opens and how long it stays open (docs/operation.md, "Datasource calls"). */
export interface CircuitBreakerSettings {
  /** Calls in a row that found the backend down before the circuit opens; 0: never opens. */
  failures: number;
  /** How long an open circuit fails calls at once before one trial call is let through. */
  coolDownMs: number;
}

export const DEFAULT_CIRCUIT_BREAKER: CircuitBreakerSettings = { failures: 5, coolDownMs: 30_000 };

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitSnapshot {
  state: CircuitState;
  /** Calls in a row that found the backend down (0 after any answer). */
  failures: number;
  /** When the circuit opened for this outage (epoch ms); null while closed. */
  openSince: number | null;
  /** When the next trial call may go (epoch ms); null unless open. */
  retryAt: number | null;
  /** Why the last of those calls failed; null while closed. */
  lastFailure: string | null;
}

/**
 * What `admit` decided for one call: go (a trial call when the circuit is half-open), or not, saying
 * why; `trialUnderway`: a trial call is deciding, and the call may wait for it (`run` does).
 */
export type Admission =
  { admitted: true; trial: boolean } | { admitted: false; reason: string; trialUnderway: boolean };

/**
 * A circuit breaker as a pure state machine over an injected clock: no timers, nothing runs on its
 * own, so every transition is decided by a call (`admit`) or an outcome (`answered`, `down`).
 *
 * - closed: every call goes; `failures` calls in a row that found the backend down (unreachable, timed
 *   out) open it. Any answer (data, no data, a refused query) resets the count: the backend is there.
 * - open: calls fail at once, until `coolDownMs` after it opened (or after the last failed trial).
 * - half-open: the first call after the cool-down is the trial; calls made while it runs wait for
 *   it (with `run`), so the calls of one check are not failed by their own trial. Its answer
 *   closes the circuit (and the waiting calls go); its failure opens it for another cool-down (and
 *   they fail at once).
 *
 * Calls that were in flight when it opened still report: a failure adds to the count, an answer
 * closes it (the backend answered, whatever the trial will say).
 */
export class CircuitBreaker {
  private state: CircuitState = 'closed';
  private failures = 0;
  private openSince: number | null = null;
  private retryAt: number | null = null;
  private lastFailure: string | null = null;
  /** Settles when the half-open state ends (the trial's outcome, or a late answer). */
  private decision: { promise: Promise<void>; settle: () => void } | null = null;

  /**
   * `onChange` hears every change of state, with the state left and the snapshot after it (what
   * an operator's log wants: why it opened, since when, until when).
   */
  constructor(
    readonly settings: CircuitBreakerSettings,
    private readonly now: () => number = Date.now,
    private readonly onChange: (from: CircuitState, now: CircuitSnapshot) => void = () => undefined,
  ) {
    if (!Number.isInteger(settings.failures) || settings.failures < 0)
      throw new RangeError(`circuit breaker failures must be a whole number ≥ 0, got ${settings.failures}`);
    if (!Number.isFinite(settings.coolDownMs) || settings.coolDownMs < 0)
      throw new RangeError(`circuit breaker coolDownMs must be ≥ 0, got ${settings.coolDownMs}`);
  }

  snapshot(): CircuitSnapshot {
    // An open circuit past its cool-down is half-open as far as anyone looking can tell.
    const state = this.state === 'open' && this.now() >= (this.retryAt ?? 0) ? 'half_open' : this.state;
    return {
      state,
      failures: this.failures,
      openSince: this.openSince,
      retryAt: state === 'open' ? this.retryAt : null,
      lastFailure: this.lastFailure,
    };
  }

  /** Whether a call may go now; a call admitted must report its outcome with `answered` or `down`. */
  admit(): Admission {
    if (this.state === 'closed') return { admitted: true, trial: false };
    if (this.state === 'open' && this.now() >= (this.retryAt as number)) {
      // Half-open until the trial reports: the calls after it fail at once.
      this.moveTo('half_open', () => undefined);
      return { admitted: true, trial: true };
    }
    return { admitted: false, reason: this.reason(), trialUnderway: this.state === 'half_open' };
  }

  /** Settles once the trial call under way has decided (at once when none is). */
  trialDecided(): Promise<void> {
    return this.decision?.promise ?? Promise.resolve();
  }

  /** The backend answered (whatever the answer): closed, count reset. */
  answered(): void {
    this.failures = 0;
    this.lastFailure = null;
    this.moveTo('closed', () => {
      this.openSince = null;
      this.retryAt = null;
    });
  }

  /** The call found the backend down (`message`: why). */
  down(trial: boolean, message: string): void {
    this.failures += 1;
    this.lastFailure = message;
    if (this.state === 'closed') {
      if (this.settings.failures > 0 && this.failures >= this.settings.failures) this.open(this.now());
    } else if (trial) {
      this.moveTo('open', () => (this.retryAt = this.now() + this.settings.coolDownMs));
    }
  }

  /**
   * The caller gave up before the backend answered: nothing was learnt. A trial call abandoned
   * leaves the circuit open with its cool-down over, so the next call is the trial.
   */
  abandoned(trial: boolean): void {
    if (trial) this.moveTo('open', () => (this.retryAt = this.now()));
  }

  /**
   * Runs `call` through the breaker: fails with `rejected(reason)` when not admitted, and reports
   * its outcome (`isDown` tells a backend found down from any other failure, which is an answer;
   * `isAbandoned`, a call its caller gave up, which is neither).
   */
  async run<T>(
    call: () => Promise<T>,
    isDown: (error: unknown) => string | null,
    rejected: (reason: string) => Error,
    isAbandoned: (error: unknown) => boolean = () => false,
  ): Promise<T> {
    let admission = this.admit();
    while (!admission.admitted && admission.trialUnderway) {
      await this.trialDecided();
      admission = this.admit();
    }
    if (!admission.admitted) throw rejected(admission.reason);
    let result: T;
    try {
      result = await call();
    } catch (error) {
      if (isAbandoned(error)) {
        this.abandoned(admission.trial);
        throw error;
      }
      const why = isDown(error);
      if (why === null) this.answered();
      else this.down(admission.trial, why);
      throw error;
    }
    this.answered();
    return result;
  }

  private open(at: number): void {
    this.moveTo('open', () => {
      this.openSince = at;
      this.retryAt = at + this.settings.coolDownMs;
    });
  }

  /** Sets the state (and what `update` changes with it), telling `onChange` when it changed. */
  private moveTo(state: CircuitState, update: () => void): void {
    const from = this.state;
    this.state = state;
    update();
    if (from === state) return;
    if (state === 'half_open') {
      let settle!: () => void;
      const promise = new Promise<void>((resolve) => (settle = resolve));
      this.decision = { promise, settle };
    } else if (from === 'half_open') {
      this.decision?.settle();
      this.decision = null;
    }
    this.onChange(from, this.snapshot());
  }

  private reason(): string {
    const since = new Date(this.openSince as number).toISOString();
    const next =
      this.state === 'open'
        ? `retrying at ${new Date(this.retryAt as number).toISOString()}`
        : 'a trial call is under way';
    const failures = `${this.failures} failure${this.failures === 1 ? '' : 's'}`;
    return `circuit open since ${since} after ${failures} in a row (last: ${this.lastFailure}); ${next}`;
  }
}
