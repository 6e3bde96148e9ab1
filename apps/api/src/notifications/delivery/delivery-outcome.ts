/** What to do with a delivery after an attempt. */
export type DeliveryDecision = { kind: 'delivered' } | { kind: 'retry' } | { kind: 'give_up'; why: string };

/**
 * 2xx is delivered. 410 Gone means the receiver retired the endpoint: retrying cannot help, so the
 * delivery fails at once (the target stays configured; the operator removes it). Anything else —
 * no answer, a timeout, a redirect, 4xx, 5xx — is retried until `maxAttempts` attempts were made.
 */
export function decideAfterAttempt(status: number | null, attempt: number, maxAttempts: number): DeliveryDecision {
  if (status !== null && status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 410) return { kind: 'give_up', why: 'the receiver answered 410 Gone' };
  if (attempt >= maxAttempts) return { kind: 'give_up', why: `no 2xx after ${attempt} attempts` };
  return { kind: 'retry' };
}

/**
 * After a failed write to a tracker: a tracker that is down or rate limiting is tried again until
 * `maxAttempts` attempts were made; one that refused the write (unauthorized, no such issue, no
 * reopen transition) gives the same answer to a retry, so the delivery fails at once.
 */
export function decideAfterTrackerFailure(
  failure: { retriable: boolean; kind: string },
  attempt: number,
  maxAttempts: number,
): DeliveryDecision {
  if (!failure.retriable) return { kind: 'give_up', why: `the tracker answered ${failure.kind}` };
  if (attempt >= maxAttempts) return { kind: 'give_up', why: `no success after ${attempt} attempts` };
  return { kind: 'retry' };
}
