import type { DatasourceConfig } from '@app/config';
import { traced } from '@app/observability';
import { Logger } from '@nestjs/common';
import { parseDuration } from '@app/domain';
import {
  CircuitBreaker,
  type CircuitBreakerSettings,
  type CircuitSnapshot,
  type CircuitState,
  DEFAULT_CIRCUIT_BREAKER,
} from '../circuit-breaker';
import { ConcurrencyLimiter } from '../concurrency-limiter';
import { CallAborted, DatasourceError } from '../metric-source';
import { DEFAULT_RETRY_OPTIONS, type RetryOptions, withRetries } from '../retry.policy';
import { PrometheusHttpTransport } from './prometheus-http.transport';
import { MalformedResponseError } from './prometheus-response.errors';
import { decodeData, decodeStringList, type PromData, parseEnvelopeOf } from './prometheus-response.parser';
import {
  type PrometheusHttpResponse,
  type PrometheusMethod,
  type PrometheusTransport,
  TransportFailure,
} from './prometheus.transport';

export interface PrometheusClientOptions {
  /** The datasource's name, carried by every DatasourceError. */
  datasource: string;
  maxConcurrency: number;
  retry?: Partial<RetryOptions>;
  circuitBreaker?: CircuitBreakerSettings;
  /** The breaker's clock; injectable for specs. */
  now?: () => number;
  /** Hears the circuit's changes of state (fromConfig logs them). */
  onCircuitChange?: (from: CircuitState, now: CircuitSnapshot) => void;
}

/** A successful answer: the decoded data, and the warnings Prometheus sent beside it. */
export interface ApiResult<T> {
  data: T;
  warnings: string[];
}

export type QueryResult = ApiResult<PromData>;

/** Which series a label's values are read from, and how many values the backend may send. */
export interface LabelValuesParams {
  /** Series selectors (`match[]`); none: every series. */
  match?: string[];
  /** A cap the backend applies where it supports one (recent Prometheus releases); others ignore it. */
  limit?: number;
}

/** One endpoint call: how it is sent and how its envelope's `data` is read. */
interface ApiCall<T> {
  method: PrometheusMethod;
  path: string;
  params: URLSearchParams;
  decode: (data: unknown) => T;
}

export interface RangeParams {
  /** Epoch ms. */
  start: number;
  /** Epoch ms. */
  end: number;
  stepMs: number;
}

/** The failures that say the backend is down, not that it refused or mangled an answer. */
const DOWN_KINDS: ReadonlySet<DatasourceError['kind']> = new Set(['unreachable', 'timeout']);

/** A failed attempt the retry policy may repeat; carries the error to report if it is the last. */
class RetryableFailure extends Error {
  constructor(readonly failure: DatasourceError) {
    super(failure.message);
  }
}

/**
 * The endpoint methods of the Prometheus HTTP API (after client_golang's api.go: Query, QueryRange),
 * over a transport. Queries are POSTed as forms so long PromQL does not hit URL length limits
 * (Prometheus, Thanos, Mimir and VictoriaMetrics all accept both); label values, which only GET
 * serves, go as GETs. Every call is bounded by the datasource's concurrency limit, retried only
 * when the backend may recover (resets, 5xx other than a timeout), and fails with a
 * DatasourceError. A query that timed out is never retried: it may still be running on the
 * backend, and a retry would pile another heavy query onto it. A circuit breaker per datasource
 * makes every attempt fail at once, as `unreachable`, while the backend is known to be down, so a
 * hanging backend costs one wave of timeouts rather than one per call (docs/operation.md,
 * "Datasource calls").
 */
export class PrometheusClient {
  private readonly limiter: ConcurrencyLimiter;
  private readonly retry: RetryOptions;
  private readonly breaker: CircuitBreaker;

  constructor(
    private readonly transport: PrometheusTransport,
    private readonly options: PrometheusClientOptions,
  ) {
    this.limiter = new ConcurrencyLimiter(options.maxConcurrency);
    this.retry = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
    this.breaker = new CircuitBreaker(options.circuitBreaker ?? DEFAULT_CIRCUIT_BREAKER, options.now, (from, now) =>
      options.onCircuitChange?.(from, now),
    );
  }

  static fromConfig(config: DatasourceConfig, retry?: Partial<RetryOptions>): PrometheusClient {
    if (!config.url) throw new Error(`datasource "${config.name}" has no url`);
    const transport = new PrometheusHttpTransport({
      url: config.url,
      headers: config.headers,
      timeoutMs: config.timeoutMs,
    });
    return new PrometheusClient(transport, {
      datasource: config.name,
      maxConcurrency: config.maxConcurrency,
      retry,
      circuitBreaker: {
        failures: config.circuitBreaker.failures,
        coolDownMs: parseDuration(config.circuitBreaker.coolDown),
      },
      onCircuitChange: (from, now) => logCircuit(config.name, from, now),
    });
  }

  /** Requests waiting for a free slot right now. */
  get queued(): number {
    return this.limiter.queued;
  }

  /** The datasource's circuit as of now. */
  get circuit(): CircuitSnapshot {
    return this.breaker.snapshot();
  }

  /** An instant query evaluated at `time` (epoch ms). */
  query(query: string, time: number, signal?: AbortSignal): Promise<QueryResult> {
    const params = new URLSearchParams({ query, time: toSeconds(time) });
    return this.call({ method: 'POST', path: '/api/v1/query', params, decode: decodeData }, signal);
  }

  /** A range query; Prometheus wants start, end and step in (float) seconds. */
  queryRange(query: string, range: RangeParams, signal?: AbortSignal): Promise<QueryResult> {
    const form = new URLSearchParams({
      query,
      start: toSeconds(range.start),
      end: toSeconds(range.end),
      step: toSeconds(range.stepMs),
    });
    return this.call({ method: 'POST', path: '/api/v1/query_range', params: form, decode: decodeData }, signal);
  }

  /**
   * A label's values (`__name__`: the metric names), sorted by the backend. A GET: this endpoint
   * takes no POST, and its parameters are short.
   */
  labelValues(label: string, options: LabelValuesParams = {}, signal?: AbortSignal): Promise<ApiResult<string[]>> {
    const params = new URLSearchParams();
    for (const selector of options.match ?? []) params.append('match[]', selector);
    if (options.limit !== undefined) params.set('limit', String(options.limit));
    const path = `/api/v1/label/${encodeURIComponent(label)}/values`;
    return this.call({ method: 'GET', path, params, decode: decodeStringList }, signal);
  }

  /** One API call (with its retries) as one span: the datasource, the endpoint, the query. */
  private call<T>(request: ApiCall<T>, signal?: AbortSignal): Promise<ApiResult<T>> {
    const { method, path, params } = request;
    const attributes = {
      'remediation.datasource': this.options.datasource,
      'datasource.type': 'prometheus',
      'http.request.method': method,
      'url.path': path,
      // A bound on what a span carries: PromQL can be long.
      'db.query.text': (params.get('query') ?? params.getAll('match[]').join(' ')).slice(0, 1000),
      ...rangeAttributes(params),
    };
    return traced(`prometheus ${path}`, attributes, async (span) => {
      try {
        const result = await this.callWithRetries(
          request,
          (attempts) => span.setAttribute('datasource.attempts', attempts),
          signal,
        );
        span.setAttribute('datasource.warnings', result.warnings.length);
        return result;
      } catch (error) {
        if (error instanceof DatasourceError) span.setAttribute('datasource.error_kind', error.kind);
        if (error instanceof CallAborted) span.setAttribute('datasource.aborted', true);
        throw error;
      }
    });
  }

  private async callWithRetries<T>(
    request: ApiCall<T>,
    onAttempt: (attempts: number) => void,
    signal?: AbortSignal,
  ): Promise<ApiResult<T>> {
    let attempts = 0;
    try {
      return await withRetries(
        async () => {
          // A caller gone between attempts (or while queued for a slot) ends the call here.
          if (signal?.aborted) throw new CallAborted(this.options.datasource);
          attempts += 1;
          onAttempt(attempts);
          // The breaker is asked once a slot is free, so calls queued behind a wave of timeouts
          // fail at once when that wave opens it, instead of each waiting out its own timeout.
          return await this.limiter
            .run(
              () =>
                this.breaker.run(
                  async () => this.interpret(await this.send(request, signal), request.decode),
                  downReason,
                  (reason) => this.error('unreachable', reason),
                  (error) => error instanceof CallAborted,
                ),
              signal,
            )
            .catch((error: unknown) => {
              throw signal?.aborted ? new CallAborted(this.options.datasource) : error;
            });
        },
        (error) => error instanceof RetryableFailure,
        this.retry,
      );
    } catch (error) {
      if (!(error instanceof RetryableFailure)) throw error;
      const { kind, message } = error.failure;
      const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
      throw new DatasourceError(kind, `${message}${tries}`, this.options.datasource);
    }
  }

  private async send(request: ApiCall<unknown>, signal?: AbortSignal): Promise<PrometheusHttpResponse> {
    const { method, path, params } = request;
    try {
      return await (method === 'GET'
        ? this.transport.get(path, params, signal)
        : this.transport.post(path, params, signal));
    } catch (error) {
      if (!(error instanceof TransportFailure)) throw error;
      switch (error.kind) {
        case 'aborted':
          throw new CallAborted(this.options.datasource);
        case 'timeout':
          throw this.error('timeout', error.message);
        case 'too_large':
          // With at most 11,000 points, one series is far below the cap: only many series reach it.
          throw this.error(
            'too_many_series',
            `${error.message}, far more than one series can take: the query returns many series`,
          );
        case 'reset':
          throw new RetryableFailure(this.error('unreachable', `connection reset: ${error.message}`));
        default:
          throw this.error('unreachable', error.message);
      }
    }
  }

  private interpret<T>(response: PrometheusHttpResponse, decode: (data: unknown) => T): ApiResult<T> {
    const { status } = response;
    let envelope;
    try {
      envelope = parseEnvelopeOf(response.body, decode);
    } catch (error) {
      if (!(error instanceof MalformedResponseError)) throw error;
      if (status === 504) throw this.error('timeout', `HTTP ${status} ${response.statusText}`.trim());
      if (status >= 500)
        throw new RetryableFailure(this.error('unreachable', `HTTP ${status} ${response.statusText}`.trim()));
      throw this.error('bad_response', `HTTP ${status}, not a Prometheus API response: ${error.message}`);
    }
    if (envelope.status === 'success') {
      if (status >= 200 && status < 300) return { data: envelope.data, warnings: envelope.warnings };
      throw this.error('bad_response', `HTTP ${status} with a success envelope`);
    }
    const described = `${envelope.errorType}: ${envelope.error}`;
    // Prometheus answers 503 with errorType "timeout" when the query hit its own query.timeout:
    // not retried, like any timeout.
    if (status >= 500 && (envelope.errorType === 'timeout' || status === 504))
      throw this.error('timeout', `HTTP ${status} ${described}`);
    if (status >= 500) throw new RetryableFailure(this.error('unreachable', `HTTP ${status} ${described}`));
    // Query faults: 400 bad_data (parse errors, the 11,000-points limit) and 422 execution
    // (many-to-many matching…). VictoriaMetrics puts the status code itself in errorType.
    if ((status === 400 || status === 422) && ['bad_data', 'execution', '400', '422'].includes(envelope.errorType)) {
      throw this.error('bad_query', envelope.error);
    }
    throw this.error('bad_response', `HTTP ${status} ${described}`);
  }

  private error(kind: DatasourceError['kind'], message: string): DatasourceError {
    return new DatasourceError(kind, message, this.options.datasource);
  }
}

const circuitLog = new Logger('Datasources');

/** An operator's line for each change of a circuit but the quiet one to half-open. */
function logCircuit(datasource: string, from: CircuitState, now: CircuitSnapshot): void {
  const iso = (ms: number | null) => (ms === null ? '?' : new Date(ms).toISOString());
  if (now.state === 'open' && from === 'closed')
    circuitLog.warn(
      `datasource "${datasource}": circuit open after ${now.failures} failures in a row (last: ${now.lastFailure}); ` +
        `calls fail at once until ${iso(now.retryAt)}`,
    );
  else if (now.state === 'open')
    circuitLog.warn(
      `datasource "${datasource}": trial call failed (${now.lastFailure}); circuit open until ${iso(now.retryAt)}`,
    );
  else if (now.state === 'closed')
    circuitLog.log(`datasource "${datasource}": circuit closed, the backend answered again`);
}

/** Why an attempt says the backend is down (`kind: message`), or null when it answered. */
function downReason(error: unknown): string | null {
  const failure = error instanceof RetryableFailure ? error.failure : error;
  if (failure instanceof DatasourceError && DOWN_KINDS.has(failure.kind)) return `${failure.kind}: ${failure.message}`;
  return null;
}

/** Epoch ms → the float-seconds string Prometheus parses (`1700000000.5`). */
function toSeconds(ms: number): string {
  return String(ms / 1000);
}

/** The range of a query_range call as span attributes (float seconds, as sent). */
function rangeAttributes(form: URLSearchParams): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of ['time', 'start', 'end', 'step']) {
    const value = form.get(key);
    if (value !== null) out[`prometheus.${key}`] = Number(value);
  }
  return out;
}
