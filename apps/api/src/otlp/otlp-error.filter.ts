import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { DomainError, DomainErrorCode } from '@app/domain';
import { isDatabaseUnavailable } from '@app/persistence';
import { DATABASE_RETRY_AFTER_S, HttpErrorFilter } from '../http/http-error.filter';
import { otlpEncodingOf } from './otlp-encoding';
import { OtlpIngestStats } from './otlp-ingest.stats';
import { OtlpRequestError, OtlpRequestErrorCode } from './otlp-request.errors';
import { encodeStatus } from './otlp-response.encoder';

const STATUS_BY_CODE: Record<OtlpRequestErrorCode, number> = {
  [OtlpRequestErrorCode.Undecodable]: HttpStatus.BAD_REQUEST,
  [OtlpRequestErrorCode.UnsupportedMediaType]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [OtlpRequestErrorCode.TooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [OtlpRequestErrorCode.OverBudget]: HttpStatus.TOO_MANY_REQUESTS,
};

/**
 * Errors of POST /v1/metrics as OTLP/HTTP clients expect them: a protobuf google.rpc.Status for
 * protobuf requests, the service's JSON error shape otherwise; Retry-After on 429.
 */
@Catch()
export class OtlpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('OtlpReceiver');
  private readonly json = new HttpErrorFilter();

  constructor(private readonly stats: OtlpIngestStats) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const { status, message, retryAfter } = describe(exception);
    this.stats.recordFailure(status);
    if (response.headersSent) return;
    const protobuf = otlpEncodingOf(request.headers['content-type']) === 'protobuf';
    if (!(exception instanceof OtlpRequestError) && !protobuf) return this.json.catch(exception, host);
    if (status === 503) this.logger.warn(`database unavailable: ${(exception as Error).message}`);
    else if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    sendOtlpError(request, response, { status, message, retryAfter });
  }
}

/** An error answer in the encoding the request came in (protobuf google.rpc.Status, else JSON). */
export function sendOtlpError(
  request: Request,
  response: Response,
  { status, message, retryAfter }: { status: number; message: string; retryAfter?: number },
): void {
  if (retryAfter) response.setHeader('Retry-After', String(retryAfter));
  if (otlpEncodingOf(request.headers['content-type']) === 'protobuf') {
    response.status(status).type('application/x-protobuf').send(encodeStatus(status, message));
  } else {
    response.status(status).json({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', message });
  }
}

function describe(exception: unknown): { status: number; message: string; retryAfter?: number } {
  if (exception instanceof OtlpRequestError) {
    return { status: STATUS_BY_CODE[exception.code], message: exception.message, retryAfter: exception.retryAfter };
  }
  if (exception instanceof DomainError) {
    if (exception.code === DomainErrorCode.Unauthenticated) return { status: 401, message: exception.message };
    if (exception.code === DomainErrorCode.Forbidden) return { status: 403, message: exception.message };
    return { status: 400, message: exception.message };
  }
  if (exception instanceof HttpException) {
    const res = exception.getResponse() as { message?: unknown; retryAfter?: number } | string;
    const message = typeof res === 'string' ? res : String(res.message ?? exception.message);
    return { status: exception.getStatus(), message, retryAfter: typeof res === 'string' ? undefined : res.retryAfter };
  }
  // Retryable for OTLP exporters too: they resend on 503, after Retry-After.
  if (isDatabaseUnavailable(exception)) {
    return {
      status: 503,
      message: `the database is unavailable; retry in ${DATABASE_RETRY_AFTER_S} s`,
      retryAfter: DATABASE_RETRY_AFTER_S,
    };
  }
  return { status: 500, message: 'internal error' };
}
