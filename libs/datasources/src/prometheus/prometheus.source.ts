import type { DatasourceConfig } from '@app/config';
import { type MetricNamesPage, pageOfNames } from '@app/domain';
import type { CircuitSnapshot } from '../circuit-breaker';
import {
  DatasourceError,
  type MetricNamesRequest,
  type MetricSource,
  type RangeRequest,
  type Series,
} from '../metric-source';
import type { RetryOptions } from '../retry.policy';
import { metricNamePrefixSelector } from './metric-name-selector';
import { formatLabels } from './prometheus-response.parser';
import { PrometheusClient } from './prometheus.client';

/** How many label sets a too_many_series error names. */
const SERIES_NAMED = 3;

/** A Series with the warnings the backend sent beside it (a Series still, so the port is unchanged). */
export interface PrometheusSeries extends Series {
  warnings: string[];
}

export interface PrometheusSourceOptions {
  /** The clock validate() evaluates at; injectable for tests. */
  now?: () => number;
}

/** A MetricSource over anything speaking the Prometheus HTTP API. */
export class PrometheusSource implements MetricSource {
  private readonly now: () => number;

  constructor(
    readonly name: string,
    private readonly client: PrometheusClient,
    options: PrometheusSourceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  static fromConfig(config: DatasourceConfig, retry?: Partial<RetryOptions>): PrometheusSource {
    return new PrometheusSource(config.name, PrometheusClient.fromConfig(config, retry));
  }

  async range(request: RangeRequest): Promise<PrometheusSeries | null> {
    const { data, warnings } = await this.client.queryRange(request.query, request, request.signal);
    // query_range always answers a matrix, even for a scalar expression (one series, no labels).
    if (data.resultType !== 'matrix')
      throw new DatasourceError('bad_response', `query_range answered a ${data.resultType}, not a matrix`, this.name);
    const [first, ...others] = data.series;
    if (!first) return null;
    if (others.length > 0) throw this.tooManySeries('returned', data.series);
    return { labels: first.labels, samples: first.samples, warnings };
  }

  /**
   * Parses and type-checks the query by evaluating it once, now. An empty result is fine (the
   * telemetry may not exist yet); a parse or type error comes back as 400 bad_data; several series
   * are too_many_series, as every check of the metric would be.
   */
  async validate(query: string, signal?: AbortSignal): Promise<void> {
    const { data } = await this.client.query(query, this.now(), signal);
    // An instant query accepts a range vector (`up[5m]`) that query_range refuses with
    // "invalid expression type "range vector" for range query": catch it here, where the user is.
    if (data.resultType === 'matrix' || data.resultType === 'string') {
      const type = data.resultType === 'matrix' ? 'a range vector' : 'a string';
      throw new DatasourceError(
        'bad_query',
        `the query evaluates to ${type}; a success metric needs an instant vector or a scalar`,
        this.name,
      );
    }
    if (data.resultType === 'vector' && data.series.length > 1) throw this.tooManySeries('returns', data.series);
  }

  /**
   * The values of `__name__` over the backend's whole retention, filtered by the prefix there and
   * again here (a backend may ignore `match[]`), one past the page asked for so a backend that
   * honours `limit` still shows there were more.
   */
  async metricNames({ prefix, limit, signal }: MetricNamesRequest): Promise<MetricNamesPage> {
    const selector = metricNamePrefixSelector(prefix);
    const { data } = await this.client.labelValues(
      '__name__',
      { match: selector ? [selector] : [], limit: limit + 1 },
      signal,
    );
    return pageOfNames(data, prefix, limit);
  }

  circuit(): CircuitSnapshot {
    return this.client.circuit;
  }

  /** Names the first label sets only: a query over every pod can return thousands of series. */
  private tooManySeries(
    verb: 'returns' | 'returned',
    series: ReadonlyArray<{ labels: Record<string, string> }>,
  ): DatasourceError {
    const shown = series.slice(0, SERIES_NAMED).map((s) => formatLabels(s.labels));
    const more = series.length > SERIES_NAMED ? ` and ${series.length - SERIES_NAMED} more` : '';
    return new DatasourceError(
      'too_many_series',
      `the query ${verb} ${series.length} series, it must return one: ${shown.join(', ')}${more}`,
      this.name,
    );
  }
}
