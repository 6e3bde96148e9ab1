import { QueryFailedError } from 'typeorm';
import { conflict, invalidInput, type DomainError } from '@app/domain';

// PostgreSQL error codes that mean "your input", not "our bug".
const INPUT_ERRORS: Record<string, (message: string) => DomainError> = {
  '22P02': invalidInput, // invalid text representation (e.g. a malformed uuid)
  '22007': invalidInput, // invalid datetime format
  '22008': invalidInput, // datetime field overflow
  '23514': invalidInput, // check constraint
  '23505': conflict, // unique violation
};

/**
 * The domain error a failed statement stands for when the database refused the caller's input (a
 * value it cannot parse, a check or unique constraint); null for anything else, which is ours.
 */
export function inputErrorOf(exception: unknown): DomainError | null {
  if (!(exception instanceof QueryFailedError)) return null;
  const driverError = exception.driverError as { code?: string; message?: string } | undefined;
  const make = driverError?.code ? INPUT_ERRORS[driverError.code] : undefined;
  return make ? make(driverError?.message ?? exception.message) : null;
}

// Node socket errors on the way to the database server.
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

// PostgreSQL codes for a server that is going away or not taking connections yet.
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the connection was ended by a shutdown or restart
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting up or shutting down
  '53300', // too_many_connections
]);

// What node-postgres and its pool say, without a code, when a connection breaks or cannot be had.
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /client has encountered a connection error and is not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

/**
 * Whether a failure means the database cannot be reached right now (refused or broken
 * connections, a server restarting, a pool that timed out waiting for a connection) rather than
 * a fault of the statement: such a request may succeed when retried (docs/api.md, "Errors": 503).
 * Looks through TypeORM's wrapper (`driverError`) and `cause` chains.
 */
export function isDatabaseUnavailable(exception: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = exception;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { code, message, errors } = current as { code?: unknown; message?: unknown; errors?: unknown };
    if (typeof code === 'string') {
      if (CONNECTION_ERRNOS.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    // An AggregateError (a connect to each of several resolved addresses) is unavailable if each part is.
    if (Array.isArray(errors) && errors.length > 0 && errors.every(isDatabaseUnavailable)) return true;
    const next = current as { driverError?: unknown; cause?: unknown };
    current = next.driverError ?? next.cause;
  }
  return false;
}
