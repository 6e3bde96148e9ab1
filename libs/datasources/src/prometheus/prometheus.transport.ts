/** What the client needs from HTTP: one form POST, the raw answer back. Any status is an answer. */
export interface PrometheusTransport {
  post(path: string, form: URLSearchParams): Promise<PrometheusHttpResponse>;
}

export interface PrometheusHttpResponse {
  status: number;
  statusText: string;
  /** The raw body; decoding is the parser's job. */
  body: string;
}

/**
 * Why no answer came back. `timeout` and `reset` are worth retrying (an overloaded or restarting
 * backend); `refused` and `dns` are not (nothing listens there, a retry 100 ms later will not help).
 */
export type TransportFailureKind = 'timeout' | 'reset' | 'refused' | 'dns' | 'network';

export class TransportFailure extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'TransportFailure';
  }
}
