/** A datasource's circuit breaker in this process (docs/operation.md, "Datasource calls"). */
export class DatasourceCircuitDto {
  /** `closed`: calls go; `open`: they fail at once as `unreachable`; `half_open`: the next call is a trial. */
  state: 'closed' | 'open' | 'half_open';
  /** Calls in a row that found the backend down (0 after any answer). */
  failures: number;
  /** When it opened for this outage; null while closed. */
  openSince: string | null;
  /** When the next trial call may go; null unless open. */
  retryAt: string | null;
  /** Why the last of those calls failed, e.g. `timeout: no answer within 10000 ms`; null while closed. */
  lastFailure: string | null;
}

export class DatasourceDto {
  name: string;
  type: 'prometheus' | 'otlp';
  url: string | null;
  timeoutMs: number;
  maxConcurrency: number;
  /** The configured breaker: failures in a row that open it, and how long it stays open. */
  circuitBreaker: { failures: number; coolDown: string };
  /** Its state now in the process answering; null for a datasource without one (`otlp`). */
  circuit: DatasourceCircuitDto | null;
}
