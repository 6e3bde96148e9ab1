/** The API answered with an error status; `message` is the API's own words (docs/api.md, "Errors"). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
    /** The field the message starts with (`dueAt: must not…`, `timeline.0.at must…`), when it names one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** No answer at all: connection refused, an unknown host, or no answer within the timeout. */
export class ServerUnreachable extends Error {
  constructor(
    readonly baseUrl: string,
    readonly reason: string,
  ) {
    super(`cannot reach ${baseUrl}: ${reason}`);
    this.name = 'ServerUnreachable';
  }
}

/** The field a validation message names by its leading path, as the dashboard's forms read it. */
export function fieldOf(message: string): string | undefined {
  const match = /^([A-Za-z]+(?:\.\d+\.[A-Za-z]+|\.[A-Za-z]+)*)(?=[:\s])/.exec(message);
  if (match && /^property /.test(message) === false) return match[1];
  const unknown = /^property (\S+) should not exist/.exec(message);
  return unknown?.[1];
}
