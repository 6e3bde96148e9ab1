import { CommanderError } from 'commander';
import { ApiRequestError, ServerUnreachable } from './http/errors';

/** The CLI's exit codes: scripts tell "fix your input" from "retry later" (README, "CLI"). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  /** 400/409/422: bad input, or a change the resource's state refuses. */
  refused: 4,
  /** 401/403: no valid key, or a role the route does not accept. */
  unauthorized: 5,
  /** The service cannot be reached or cannot serve, or a datasource failed: retry later. */
  serverDown: 6,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake on the command line found before any request (a missing key, a bad flag value). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The request was answered but part of the work could not be done because a datasource failed
 * (a backfill's `failed` checks): worth running again once it answers, like a server that is down.
 */
export class DatasourceFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasourceFailed';
  }
}

/** The exit code for an error, and the message printed on stderr. */
export function exitFor(err: unknown): { code: ExitCode; message: string } {
  if (err instanceof UsageError) return { code: EXIT.usage, message: err.message };
  // A command's own `command.error(…, {exitCode})` carries one of ours; commander's usage errors carry 1.
  if (err instanceof CommanderError)
    return {
      code: err.exitCode > EXIT.failure ? (err.exitCode as ExitCode) : EXIT.usage,
      message: err.message.replace(/^error: /, ''),
    };
  if (err instanceof DatasourceFailed) return { code: EXIT.serverDown, message: err.message };
  if (err instanceof ServerUnreachable) return { code: EXIT.serverDown, message: err.message };
  if (err instanceof ApiRequestError) return { code: codeForStatus(err.status), message: describe(err) };
  const message = err instanceof Error ? err.message : String(err);
  return { code: EXIT.failure, message };
}

function codeForStatus(status: number): ExitCode {
  if (status === 404) return EXIT.notFound;
  if (status === 400 || status === 409 || status === 422) return EXIT.refused;
  if (status === 401 || status === 403) return EXIT.unauthorized;
  // 502 from a datasource, 503 from the database: the service is there but cannot serve.
  if (status === 502 || status === 503) return EXIT.serverDown;
  return EXIT.failure;
}

function describe(err: ApiRequestError): string {
  const kind: Record<number, string> = {
    400: 'refused',
    401: 'not authenticated',
    403: 'forbidden',
    404: 'not found',
    409: 'refused',
    422: 'refused',
    429: 'rate limited',
    502: 'datasource failed',
    503: 'service unavailable',
  };
  const field = err.field ? ` (field ${err.field})` : '';
  return `${kind[err.status] ?? `HTTP ${err.status}`}${field}: ${err.message}`;
}
