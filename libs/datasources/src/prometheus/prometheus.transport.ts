/**
 * What the client needs from HTTP: one form POST (or, for the endpoints that take no POST, one GET
 * with the same parameters in its query string), the raw answer back. Any status is an answer.
 */
export interface PrometheusTransport {
  /** `signal`: the caller's; aborting it ends the request at once (TransportFailure `aborted`). */
  post(path: string, form: URLSearchParams, signal?: AbortSignal): Promise<PrometheusHttpResponse>;
  get(path: string, params: URLSearchParams, signal?: AbortSignal): Promise<PrometheusHttpResponse>;
}

export type PrometheusMethod = 'GET' | 'POST';

export interface PrometheusHttpResponse {
  status: number;
  statusText: string;
  /** The raw body; decoding is the parser's job. */
  body: string;
}

/**
 * Why no (whole) answer came back. Only `reset` is worth retrying (a restarting backend). Not
 * `timeout`: the query may still be running on the backend, and asking again piles heavy queries
 * onto it. Not `too_large`: the same query answers the same flood. Not `refused` or `dns`: nothing
 * listens there, a retry 100 ms later will not help. Not `aborted`: the caller has gone
 * (docs/operation.md, "Datasource calls").
 */
export type TransportFailureKind = 'timeout' | 'reset' | 'refused' | 'dns' | 'network' | 'too_large' | 'aborted';

export class TransportFailure extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'TransportFailure';
  }
}
