/*
 * Stand-in for the CLI's HTTP errors (the CLI branch has the real ones; the lead keeps those at
 * merge). Same names and fields, so the commands built on them compile against either.
 */

/** The API answered with an error status; `message` is its own words. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** No answer at all: the service is down or the address is wrong. */
export class ServerUnreachable extends Error {
  constructor(
    readonly baseUrl: string,
    cause?: unknown,
  ) {
    super(`cannot reach ${baseUrl}`, { cause });
    this.name = 'ServerUnreachable';
  }
}
