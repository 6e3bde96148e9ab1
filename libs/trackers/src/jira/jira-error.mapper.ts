import { TrackerError } from '../tracker-client';
import type { JiraJsModule } from './jira-js';

/**
 * Any failure of a jira.js call as a TrackerError. The message is built here from the status and
 * Jira's own error messages only: jira.js's errors carry the request URL and response body, and
 * the original error is not kept as a cause, so no credential can ride along into logs or JSON.
 */
export function toTrackerError(
  tracker: string,
  action: string,
  error: unknown,
  { isApiError, isNetworkError, isRateLimitError }: JiraJsModule,
): TrackerError {
  if (error instanceof TrackerError) return error;
  if (isRateLimitError(error)) {
    return new TrackerError(tracker, 'rate_limited', `${action}: Jira rate limit (429)`, error.retryAfterMs);
  }
  if (isApiError(error)) {
    const detail = jiraMessages(error.body);
    const message = `${action}: Jira answered ${error.status}${detail ? ` (${detail})` : ''}`;
    if (error.status === 401 || error.status === 403) return new TrackerError(tracker, 'unauthorized', message);
    if (error.status === 404) return new TrackerError(tracker, 'not_found', message);
    if (error.status >= 500) return new TrackerError(tracker, 'unavailable', message);
    return new TrackerError(tracker, 'refused', message);
  }
  if (isNetworkError(error)) {
    return new TrackerError(
      tracker,
      'unavailable',
      `${action}: Jira unreachable${error.code ? ` (${error.code})` : ''}`,
    );
  }
  return new TrackerError(tracker, 'unavailable', `${action}: ${error instanceof Error ? error.name : 'failed'}`);
}

/** A failed answer from Jira's REST API read without jira.js (Data Center), as a TrackerError. */
export function httpTrackerError(
  tracker: string,
  action: string,
  status: number,
  retryAfter: string | null,
  body: unknown,
): TrackerError {
  const detail = jiraMessages(body);
  const message = `${action}: Jira answered ${status}${detail ? ` (${detail})` : ''}`;
  if (status === 429) return new TrackerError(tracker, 'rate_limited', message, retryAfterMs(retryAfter));
  if (status === 401 || status === 403) return new TrackerError(tracker, 'unauthorized', message);
  if (status === 404) return new TrackerError(tracker, 'not_found', message);
  if (status >= 500) return new TrackerError(tracker, 'unavailable', message);
  return new TrackerError(tracker, 'refused', message);
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Jira's `{errorMessages: [], errors: {field: message}}`, flattened and kept short. */
function jiraMessages(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const { errorMessages, errors } = body as { errorMessages?: unknown; errors?: unknown };
  const messages = Array.isArray(errorMessages) ? errorMessages.filter((m) => typeof m === 'string') : [];
  if (typeof errors === 'object' && errors !== null) {
    for (const [field, message] of Object.entries(errors)) messages.push(`${field}: ${String(message)}`);
  }
  return messages.join('; ').slice(0, 300);
}
