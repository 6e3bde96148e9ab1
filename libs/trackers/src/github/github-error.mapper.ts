import { TrackerError } from '../tracker-client';

/** What an Octokit failure carries that the mapping reads (RequestError, or a bare fetch error). */
export interface GitHubFailure {
  status?: number;
  message?: string;
  name?: string;
  /** What fetch threw, when there was no answer. */
  cause?: { name?: string; message?: string; cause?: { code?: string } };
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

/** When GitHub gives no hint at all, come back after a minute (what Octokit itself assumes). */
const FALLBACK_RETRY_AFTER_MS = 60_000;

/**
 * Maps a failed call to the tracker's error kinds. The message names the call and GitHub's own
 * words, never the request headers: the token must not leave this client.
 */
export function toTrackerError(tracker: string, call: string, error: unknown, now = Date.now()): TrackerError {
  if (error instanceof TrackerError) return error;
  const failure = (error ?? {}) as GitHubFailure;
  const status = typeof failure.status === 'number' ? failure.status : 0;
  const headers = failure.response?.headers ?? {};
  const said = githubMessage(failure.response?.data);
  const what = `GitHub ${call}`;
  // Octokit reports a connection failure or a timeout as status 500 without a response.
  if (!failure.response) return new TrackerError(tracker, 'unavailable', `${what}: no answer (${noAnswer(failure)})`);
  if (status >= 500 || status === 0) return new TrackerError(tracker, 'unavailable', `${what}: HTTP ${status}${said}`);
  const retryAfterMs = rateLimitWait(status, headers, said, now);
  if (retryAfterMs !== null)
    return new TrackerError(tracker, 'rate_limited', `${what}: rate limited (HTTP ${status})${said}`, retryAfterMs);
  if (status === 401) return new TrackerError(tracker, 'unauthorized', `${what}: HTTP 401${said}`);
  if (status === 404) return new TrackerError(tracker, 'not_found', `${what}: HTTP 404${said}`);
  return new TrackerError(tracker, 'refused', `${what}: HTTP ${status}${said}`);
}

/**
 * How long GitHub asked to wait, or null when the answer is not a rate limit. A 403 is a rate
 * limit only with its signs (retry-after, an exhausted x-ratelimit-remaining, or GitHub's words);
 * otherwise it is a permission refusal.
 */
export function rateLimitWait(
  status: number,
  headers: Record<string, string | number | undefined>,
  message: string,
  now: number,
): number | null {
  if (status !== 403 && status !== 429) return null;
  const retryAfter = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) return Math.max(retryAfter, 0) * 1000;
  const reset = Number(headers['x-ratelimit-reset']);
  if (String(headers['x-ratelimit-remaining']) === '0' && Number.isFinite(reset))
    return Math.max(reset * 1000 - now, 0);
  if (status === 429 || /rate limit/i.test(message)) return FALLBACK_RETRY_AFTER_MS;
  return null;
}

function noAnswer(failure: GitHubFailure): string {
  const cause = failure.cause;
  if (failure.name === 'TimeoutError' || cause?.name === 'TimeoutError') return 'timed out';
  return (cause?.cause?.code ?? cause?.message ?? failure.message ?? 'network error').slice(0, 200);
}

function githubMessage(data: unknown): string {
  const message = (data as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? `: ${message.slice(0, 300)}` : '';
}
