import type { MetricNamesPage } from '@app/domain';
import type { DatasourceErrorKind, Sample } from '@app/scoring';
import type { CircuitSnapshot } from './circuit-breaker';

/** One series as a datasource returned it. */
export interface Series {
  labels: Record<string, string>;
  /** Ordered by time; values may be NaN or ±Inf (Prometheus returns them as strings). */
  samples: Sample[];
}

export interface RangeRequest {
  query: string;
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, inclusive. */
  end: number;
  stepMs: number;
  /**
   * Aborted when whoever asked has gone (a client closed its connection): the call then ends at
   * once, its connection closed and its concurrency slot freed, and it throws CallAborted.
   */
  signal?: AbortSignal;
}

/** Which metric names to list: those starting with `prefix`, at most `limit` of them. */
export interface MetricNamesRequest {
  prefix: string;
  limit: number;
  /** Aborted when whoever asked has gone: the call ends at once and throws CallAborted. */
  signal?: AbortSignal;
}

/**
 * The one port between scoring and the outside world: anything that can answer "this query's
 * single series over [start, end] at step" (Prometheus and friends; the built-in OTLP store).
 */
export interface MetricSource {
  readonly name: string;
  /**
   * The query's one series over the range, or null when it returned no series at all (no data).
   * Throws DatasourceError: unreachable, timeout, bad_query, too_many_series (naming the
   * labels of the series), bad_response.
   */
  range(request: RangeRequest): Promise<Series | null>;
  /** Checks a query without running it over a range; throws DatasourceError('bad_query', the backend's message). */
  validate(query: string, signal?: AbortSignal): Promise<void>;
  /**
   * The metric names the datasource knows that start with the prefix, sorted, with whether more
   * matched than the limit (completion in the dashboard's editors). Throws DatasourceError.
   */
  metricNames(request: MetricNamesRequest): Promise<MetricNamesPage>;
  /** The circuit breaker's state, for a source that has one (a remote backend). */
  circuit?(): CircuitSnapshot;
}

/**
 * The caller gave up (its `signal` aborted): not a datasource failure, so never recorded as one,
 * never retried.
 */
export class CallAborted extends Error {
  constructor(readonly datasource: string) {
    super(`the call to datasource "${datasource}" was abandoned by its caller`);
    this.name = 'CallAborted';
  }
}

export class DatasourceError extends Error {
  constructor(
    readonly kind: DatasourceErrorKind,
    message: string,
    readonly datasource: string,
  ) {
    super(message);
    this.name = 'DatasourceError';
  }
}
