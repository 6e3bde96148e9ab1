import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { CallAborted, DatasourceError } from '@app/datasources';
import { DomainError, DomainErrorCode } from '@app/domain';
import { inputErrorOf, isDatabaseUnavailable } from '@app/persistence';
import { TrackerError } from '@app/trackers';

const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  [DomainErrorCode.InvalidInput]: HttpStatus.BAD_REQUEST,
  [DomainErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [DomainErrorCode.Conflict]: HttpStatus.CONFLICT,
  [DomainErrorCode.InvalidTransition]: HttpStatus.CONFLICT,
  [DomainErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [DomainErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
};

/** nginx's status for a request its client abandoned; logged as such, not as a server error. */
const CLIENT_CLOSED_REQUEST = 499;

/** Seconds a client is told to wait when the database cannot be reached (a restart takes a few). */
export const DATABASE_RETRY_AFTER_S = 5;

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** A refusal of many items at once (a CSV import) lists each item's problem here too. */
  errors?: unknown[];
}

/** One error shape for every failure: `{statusCode, error, message}`. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { statusCode, message, retryAfter, errors } = this.describe(exception);
    if (statusCode === HttpStatus.SERVICE_UNAVAILABLE)
      // One line, no stack: while the database restarts every request fails the same way.
      this.logger.warn(`database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
    // A datasource's or a tracker's failure is theirs, not a fault here: one line, no stack.
    else if (statusCode === HttpStatus.BAD_GATEWAY) this.logger.warn(message);
    else if (statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    if (retryAfter) response.setHeader('Retry-After', String(retryAfter));
    const body: ErrorBody = {
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message,
      ...(errors ? { errors } : {}),
    };
    response.status(statusCode).json(body);
  }

  private describe(thrown: unknown): { statusCode: number; message: string; retryAfter?: number; errors?: unknown[] } {
    // A database that cannot be reached (restarting, connections refused or cut) is temporary:
    // 503 and when to retry, never 500 (docs/api.md, "Errors").
    if (isDatabaseUnavailable(thrown)) {
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        message: `the database is unavailable; retry in ${DATABASE_RETRY_AFTER_S} s`,
        retryAfter: DATABASE_RETRY_AFTER_S,
      };
    }
    // A statement the database refused because of the caller's input answers like the rule it broke.
    const exception = inputErrorOf(thrown) ?? thrown;
    // The client closed its connection: nobody reads this answer, and nothing failed on our side.
    if (exception instanceof CallAborted) return { statusCode: CLIENT_CLOSED_REQUEST, message: exception.message };
    // A datasource that failed a call a route makes on the caller's behalf, in its own words.
    if (exception instanceof DatasourceError)
      return {
        statusCode: HttpStatus.BAD_GATEWAY,
        message: `datasource "${exception.datasource}" failed (${exception.kind}): ${exception.message}`,
      };
    // An issue tracker that could not answer a call made for the caller (down, rate limited, our
    // token refused): its name and the kind, in the client's words, which never carry the token.
    if (exception instanceof TrackerError)
      return {
        statusCode: HttpStatus.BAD_GATEWAY,
        message: `tracker "${exception.tracker}" failed (${exception.kind}): ${exception.message}`,
        ...(exception.retryAfterMs ? { retryAfter: Math.ceil(exception.retryAfterMs / 1000) } : {}),
      };
    if (exception instanceof DomainError)
      return { statusCode: STATUS_BY_CODE[exception.code], message: exception.message };
    if (exception instanceof HttpException) {
      const res = exception.getResponse();
      const raw = typeof res === 'string' ? res : (res as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
      const statusCode = exception.getStatus();
      const { retryAfter, errors } = typeof res === 'object' ? (res as { retryAfter?: unknown; errors?: unknown }) : {};
      return {
        statusCode,
        message,
        ...(typeof retryAfter === 'number' ? { retryAfter } : {}),
        ...(Array.isArray(errors) ? { errors } : {}),
      };
    }
    // body-parser errors carry their own status: 400 for malformed JSON, 413 over the limit.
    const status = (exception as { status?: number; type?: string }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (exception as { type?: string }).type;
      const message =
        type === 'entity.too.large'
          ? 'request body exceeds the size limit'
          : type === 'entity.parse.failed'
            ? 'request body is not valid JSON'
            : (exception as Error).message;
      return { statusCode: status, message };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'internal error' };
  }
}
