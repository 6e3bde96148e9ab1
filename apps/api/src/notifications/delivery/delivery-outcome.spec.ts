import { describe, expect, it } from '@jest/globals';
import { decideAfterAttempt, decideAfterTrackerFailure } from './delivery-outcome';

describe('decideAfterAttempt', () => {
  it.each([200, 201, 202, 204, 299])('counts %i as delivered, even on the last attempt', (status) => {
    expect(decideAfterAttempt(status, 5, 5)).toEqual({ kind: 'delivered' });
  });

  it.each([null, 199, 301, 302, 400, 401, 404, 429, 500, 502, 503])('retries %p while attempts remain', (status) => {
    expect(decideAfterAttempt(status, 1, 5)).toEqual({ kind: 'retry' });
    expect(decideAfterAttempt(status, 4, 5)).toEqual({ kind: 'retry' });
  });

  it.each([null, 400, 500])('gives %p up after maxAttempts', (status) => {
    expect(decideAfterAttempt(status, 5, 5)).toEqual({ kind: 'give_up', why: 'no 2xx after 5 attempts' });
    expect(decideAfterAttempt(status, 6, 5).kind).toBe('give_up');
  });

  it('gives up at once on 410 Gone', () => {
    expect(decideAfterAttempt(410, 1, 5)).toEqual({ kind: 'give_up', why: 'the receiver answered 410 Gone' });
  });
});

describe('decideAfterTrackerFailure', () => {
  const down = { retriable: true, kind: 'unavailable' };
  it.each([
    ['unavailable', true],
    ['rate_limited', true],
  ])('retries a tracker that is %s while attempts remain, then gives up', (kind, retriable) => {
    expect(decideAfterTrackerFailure({ kind, retriable }, 1, 5)).toEqual({ kind: 'retry' });
    expect(decideAfterTrackerFailure({ kind, retriable }, 4, 5)).toEqual({ kind: 'retry' });
    expect(decideAfterTrackerFailure({ kind, retriable }, 5, 5)).toEqual({
      kind: 'give_up',
      why: 'no success after 5 attempts',
    });
  });

  it.each(['unauthorized', 'refused', 'not_found'])('gives up at once when the tracker answers %s', (kind) => {
    expect(decideAfterTrackerFailure({ kind, retriable: false }, 1, 5)).toEqual({
      kind: 'give_up',
      why: `the tracker answered ${kind}`,
    });
  });

  it('never retries past maxAttempts', () => {
    expect(decideAfterTrackerFailure(down, 7, 5).kind).toBe('give_up');
  });
});
