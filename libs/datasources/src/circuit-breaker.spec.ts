import { describe, expect, it } from '@jest/globals';
import { CircuitBreaker, type CircuitBreakerSettings } from './circuit-breaker';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');

/** A breaker on a clock the test moves by hand. */
function breaker(settings: CircuitBreakerSettings = { failures: 3, coolDownMs: 30_000 }) {
  const clock = { now: T0 };
  return { breaker: new CircuitBreaker(settings, () => clock.now), clock };
}

/** Admits one call and reports it down, as a call timing out would. */
function failOnce(b: CircuitBreaker, why = 'timeout: no answer within 2000 ms'): void {
  const admission = b.admit();
  if (!admission.admitted) throw new Error(`not admitted: ${admission.reason}`);
  b.down(admission.trial, why);
}

describe('CircuitBreaker', () => {
  it('starts closed and lets every call through', () => {
    const { breaker: b } = breaker();
    expect(b.snapshot()).toEqual({ state: 'closed', failures: 0, openSince: null, retryAt: null, lastFailure: null });
    for (let i = 0; i < 10; i++) expect(b.admit()).toEqual({ admitted: true, trial: false });
  });

  it('opens after `failures` calls in a row found the backend down, and then fails calls at once saying why and until when', () => {
    const { breaker: b, clock } = breaker();
    failOnce(b);
    clock.now += 1_000;
    failOnce(b);
    expect(b.snapshot()).toMatchObject({ state: 'closed', failures: 2 });
    clock.now += 1_000;
    failOnce(b, 'unreachable: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9');
    expect(b.snapshot()).toEqual({
      state: 'open',
      failures: 3,
      openSince: T0 + 2_000,
      retryAt: T0 + 32_000,
      lastFailure: 'unreachable: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9',
    });
    expect(b.admit()).toEqual({
      admitted: false,
      reason:
        'circuit open since 2026-03-01T12:00:02.000Z after 3 failures in a row ' +
        '(last: unreachable: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9); retrying at 2026-03-01T12:00:32.000Z',
      trialUnderway: false,
    });
    clock.now = T0 + 31_999;
    expect(b.admit().admitted).toBe(false);
  });

  it('counts failures in a row only: any answer in between resets the count', () => {
    const { breaker: b } = breaker();
    failOnce(b);
    failOnce(b);
    b.admit();
    b.answered();
    expect(b.snapshot()).toMatchObject({ state: 'closed', failures: 0, lastFailure: null });
    failOnce(b);
    failOnce(b);
    expect(b.snapshot().state).toBe('closed');
    failOnce(b);
    expect(b.snapshot().state).toBe('open');
  });

  it('after the cool-down lets one trial call through and admits no other while it runs', () => {
    const { breaker: b, clock } = breaker();
    for (let i = 0; i < 3; i++) failOnce(b);
    clock.now = T0 + 30_000;
    // Past the cool-down, whoever looks sees it half-open before any call.
    expect(b.snapshot()).toMatchObject({ state: 'half_open', retryAt: null });
    expect(b.admit()).toEqual({ admitted: true, trial: true });
    const other = b.admit();
    expect(other).toEqual({
      admitted: false,
      trialUnderway: true,
      reason: expect.stringMatching(
        /^circuit open since 2026-03-01T12:00:00.000Z after 3 failures in a row \(last: timeout: .*\); a trial call is under way$/,
      ),
    });
    expect(b.snapshot()).toMatchObject({ state: 'half_open', failures: 3 });
  });

  it('closes when the trial call is answered', () => {
    const { breaker: b, clock } = breaker();
    for (let i = 0; i < 3; i++) failOnce(b);
    clock.now = T0 + 30_000;
    b.admit();
    b.answered();
    expect(b.snapshot()).toEqual({ state: 'closed', failures: 0, openSince: null, retryAt: null, lastFailure: null });
    expect(b.admit()).toEqual({ admitted: true, trial: false });
  });

  it('opens again for another cool-down when the trial call fails, keeping when the outage began', () => {
    const { breaker: b, clock } = breaker();
    for (let i = 0; i < 3; i++) failOnce(b);
    clock.now = T0 + 30_000;
    failOnce(b, 'timeout: no answer within 2000 ms (trial)');
    clock.now = T0 + 32_000;
    expect(b.snapshot()).toEqual({
      state: 'open',
      failures: 4,
      openSince: T0,
      retryAt: T0 + 60_000,
      lastFailure: 'timeout: no answer within 2000 ms (trial)',
    });
    expect(b.admit()).toMatchObject({
      admitted: false,
      reason: expect.stringContaining('retrying at 2026-03-01T12:01:00.000Z'),
    });
    clock.now = T0 + 60_000;
    expect(b.admit()).toEqual({ admitted: true, trial: true });
  });

  it('counts a late failure of a call made before it opened without moving the cool-down', () => {
    const { breaker: b, clock } = breaker();
    const late = b.admit();
    for (let i = 0; i < 3; i++) failOnce(b);
    clock.now = T0 + 5_000;
    b.down(late.admitted && late.trial, 'timeout: late');
    expect(b.snapshot()).toMatchObject({ state: 'open', failures: 4, openSince: T0, retryAt: T0 + 30_000 });
    // And while half-open, only the trial's failure reopens it.
    clock.now = T0 + 30_000;
    expect(b.admit()).toEqual({ admitted: true, trial: true });
    b.down(false, 'timeout: another late one');
    expect(b.snapshot()).toMatchObject({ state: 'half_open', failures: 5 });
  });

  it('closes on a late answer of a call made before it opened: the backend is there', () => {
    const { breaker: b } = breaker();
    b.admit();
    for (let i = 0; i < 3; i++) failOnce(b);
    b.answered();
    expect(b.snapshot().state).toBe('closed');
  });

  it('never opens with failures 0', () => {
    const { breaker: b } = breaker({ failures: 0, coolDownMs: 30_000 });
    for (let i = 0; i < 100; i++) failOnce(b);
    expect(b.snapshot()).toMatchObject({ state: 'closed', failures: 100 });
  });

  it('opens on the first failure with failures 1, and says "1 failure"', () => {
    const { breaker: b } = breaker({ failures: 1, coolDownMs: 1_000 });
    failOnce(b);
    expect(b.admit()).toMatchObject({ admitted: false, reason: expect.stringContaining('after 1 failure in a row') });
  });

  it('tells every change of state, with the state left and the snapshot after it', () => {
    const clock = { now: T0 };
    const changes: string[] = [];
    const b = new CircuitBreaker(
      { failures: 2, coolDownMs: 1_000 },
      () => clock.now,
      (from, now) =>
        changes.push(
          `${from} → ${now.state} (${now.failures}, retry ${now.retryAt === null ? '-' : now.retryAt - T0})`,
        ),
    );
    failOnce(b);
    expect(changes).toEqual([]);
    failOnce(b);
    clock.now = T0 + 1_000;
    failOnce(b);
    clock.now = T0 + 2_000;
    b.admit();
    b.answered();
    b.answered();
    expect(changes).toEqual([
      'closed → open (2, retry 1000)',
      'open → half_open (2, retry -)',
      'half_open → open (3, retry 2000)',
      'open → half_open (3, retry -)',
      'half_open → closed (0, retry -)',
    ]);
  });

  it('refuses settings that make no sense', () => {
    expect(() => new CircuitBreaker({ failures: -1, coolDownMs: 1 })).toThrow(RangeError);
    expect(() => new CircuitBreaker({ failures: 1.5, coolDownMs: 1 })).toThrow(RangeError);
    expect(() => new CircuitBreaker({ failures: 1, coolDownMs: -1 })).toThrow(RangeError);
    expect(() => new CircuitBreaker({ failures: 1, coolDownMs: Number.NaN })).toThrow(RangeError);
  });

  describe('run', () => {
    const isDown = (error: unknown) => ((error as Error).message.startsWith('down') ? (error as Error).message : null);
    const rejected = (reason: string) => new Error(`rejected: ${reason}`);

    it('passes results and errors through, counting only the failures `isDown` names', async () => {
      const { breaker: b } = breaker({ failures: 2, coolDownMs: 1_000 });
      await expect(b.run(async () => 42, isDown, rejected)).resolves.toBe(42);
      await expect(b.run(() => Promise.reject(new Error('down: timeout')), isDown, rejected)).rejects.toThrow(
        'down: timeout',
      );
      // A refused query is an answer: the count starts over.
      await expect(b.run(() => Promise.reject(new Error('bad query')), isDown, rejected)).rejects.toThrow('bad query');
      expect(b.snapshot()).toMatchObject({ state: 'closed', failures: 0 });
      await expect(b.run(() => Promise.reject(new Error('down: 1')), isDown, rejected)).rejects.toThrow('down: 1');
      await expect(b.run(() => Promise.reject(new Error('down: 2')), isDown, rejected)).rejects.toThrow('down: 2');
      let called = false;
      const call = async () => {
        called = true;
        return 1;
      };
      await expect(b.run(call, isDown, rejected)).rejects.toThrow(
        /^rejected: circuit open since .* \(last: down: 2\); retrying at /,
      );
      expect(called).toBe(false);
    });

    it('learns nothing from a call its caller abandoned: an abandoned trial hands the trial to the next call', async () => {
      const { breaker: b, clock } = breaker({ failures: 1, coolDownMs: 1_000 });
      const isAbandoned = (error: unknown) => (error as Error).message === 'abandoned';
      await expect(b.run(() => Promise.reject(new Error('down')), isDown, rejected)).rejects.toThrow('down');
      clock.now += 1_000;
      let abandon!: (error: Error) => void;
      const trial = b.run(() => new Promise<string>((_, reject) => (abandon = reject)), isDown, rejected, isAbandoned);
      const waiting = b.run(async () => 'next trial', isDown, rejected, isAbandoned);
      await new Promise((r) => setImmediate(r));
      abandon(new Error('abandoned'));
      await expect(trial).rejects.toThrow('abandoned');
      // Neither closed by the abandoned call nor opened for another cool-down: the waiting call is the trial.
      await expect(waiting).resolves.toBe('next trial');
      expect(b.snapshot()).toMatchObject({ state: 'closed', failures: 0 });
    });

    it('neither counts nor resets on an abandoned call while closed', async () => {
      const { breaker: b } = breaker({ failures: 2, coolDownMs: 1_000 });
      const isAbandoned = (error: unknown) => (error as Error).message === 'abandoned';
      await expect(b.run(() => Promise.reject(new Error('down 1')), isDown, rejected)).rejects.toThrow('down 1');
      await expect(
        b.run(() => Promise.reject(new Error('abandoned')), isDown, rejected, isAbandoned),
      ).rejects.toThrow();
      expect(b.snapshot()).toMatchObject({ state: 'closed', failures: 1 });
    });

    it('makes the calls made while the trial runs wait for it: they go when it is answered', async () => {
      const { breaker: b, clock } = breaker({ failures: 1, coolDownMs: 1_000 });
      await expect(b.run(() => Promise.reject(new Error('down')), isDown, rejected)).rejects.toThrow('down');
      clock.now += 1_000;
      let answer!: (value: string) => void;
      const trial = b.run(() => new Promise<string>((resolve) => (answer = resolve)), isDown, rejected);
      const waiting = [b.run(async () => 'second', isDown, rejected), b.run(async () => 'third', isDown, rejected)];
      await new Promise((r) => setImmediate(r));
      expect(b.snapshot().state).toBe('half_open');
      answer('trial');
      await expect(Promise.all([trial, ...waiting])).resolves.toEqual(['trial', 'second', 'third']);
      expect(b.snapshot().state).toBe('closed');
    });

    it('makes the calls made while the trial runs wait for it: they fail at once when it fails', async () => {
      const { breaker: b, clock } = breaker({ failures: 1, coolDownMs: 1_000 });
      await expect(b.run(() => Promise.reject(new Error('down 1')), isDown, rejected)).rejects.toThrow('down 1');
      clock.now += 1_000;
      let fail!: (error: Error) => void;
      const trial = b.run(() => new Promise<string>((_, reject) => (fail = reject)), isDown, rejected);
      let called = false;
      const waiting = b.run(
        async () => {
          called = true;
          return 'never';
        },
        isDown,
        rejected,
      );
      await new Promise((r) => setImmediate(r));
      fail(new Error('down 2'));
      await expect(trial).rejects.toThrow('down 2');
      await expect(waiting).rejects.toThrow(/^rejected: circuit open .* \(last: down 2\); retrying at /);
      expect(called).toBe(false);
      expect(b.trialDecided()).toBeInstanceOf(Promise);
    });

    it('closes after a successful trial run', async () => {
      const { breaker: b, clock } = breaker({ failures: 1, coolDownMs: 1_000 });
      await expect(b.run(() => Promise.reject(new Error('down')), isDown, rejected)).rejects.toThrow('down');
      clock.now += 1_000;
      await expect(b.run(async () => 'back', isDown, rejected)).resolves.toBe('back');
      expect(b.snapshot().state).toBe('closed');
    });
  });
});
