import { type MetricNamesPage, type MetricSelector, pageOfNames, type SelectorTerm } from '@app/domain';
import { traced } from '@app/observability';
import {
  DatasourceError,
  type MetricNamesRequest,
  type MetricSource,
  type RangeRequest,
  type Series,
} from '../metric-source';
import type { OtlpMetricNameReader, OtlpPointReader } from './otlp-point-reader';
import { evaluateSelector, lookbackMs, StatisticError, type StoredSeries, type TermData } from './otlp-statistics';
import { parseSelectorQuery } from './selector-query';

/**
 * The built-in `otlp` datasource: evaluates OpenTelemetry selectors over the points the OTLP
 * receiver stored. The query is libs/domain `selectorQuery(selector)`; the answer is one series whose sample at
 * each step is the selector's statistic over the lookback (t − max(step, 1m), t] (see
 * otlp-statistics.ts). No series matching a term: null (no data).
 */
export class OtlpSelectorSource implements MetricSource {
  constructor(
    readonly name: string,
    private readonly points: OtlpPointReader,
    private readonly names: OtlpMetricNameReader,
  ) {}

  /** One range read of the OTLP store, as one span. */
  range(request: RangeRequest): Promise<Series | null> {
    const attributes = {
      'remediation.datasource': this.name,
      'datasource.type': 'otlp',
      'db.query.text': request.query.slice(0, 1000),
      'datasource.start': new Date(request.start).toISOString(),
      'datasource.end': new Date(request.end).toISOString(),
      'datasource.step_ms': request.stepMs,
    };
    return traced('otlp-store range', attributes, async (span) => {
      try {
        const series = await this.read(request);
        span.setAttribute('datasource.samples', series?.samples.length ?? 0);
        return series;
      } catch (error) {
        if (error instanceof DatasourceError) span.setAttribute('datasource.error_kind', error.kind);
        throw error;
      }
    });
  }

  private async read(request: RangeRequest): Promise<Series | null> {
    const selector = this.parse(request.query);
    const from = request.start - lookbackMs(request.stepMs);
    const numerator = await this.term(selector, from, request.end);
    if (numerator.series.length === 0) return null;
    let denominator: TermData | null = null;
    if (selector.denominator) {
      denominator = await this.term(selector.denominator, from, request.end);
      if (denominator.series.length === 0) return null;
    }
    try {
      const samples = evaluateSelector(numerator, denominator, request.start, request.end, request.stepMs);
      return { labels: { metric: selector.metric }, samples };
    } catch (err) {
      if (err instanceof StatisticError) throw new DatasourceError('bad_query', err.message, this.name);
      throw err;
    }
  }

  async validate(query: string): Promise<void> {
    this.parse(query);
  }

  /**
   * The names the receiver stored. A database that cannot answer is left to fail as the database
   * (a 503 on the API, like any read), not turned into a datasource error: it is ours, not a backend's.
   */
  async metricNames({ prefix, limit }: MetricNamesRequest): Promise<MetricNamesPage> {
    // One name past the page tells whether more matched.
    return pageOfNames(await this.names.metricNames(prefix, limit + 1), prefix, limit);
  }

  private parse(query: string): MetricSelector {
    try {
      return parseSelectorQuery(query);
    } catch (err) {
      throw new DatasourceError('bad_query', (err as Error).message, this.name);
    }
  }

  private async term(term: SelectorTerm, from: number, to: number): Promise<TermData> {
    let series: StoredSeries[];
    try {
      series = await this.points.seriesInWindow({
        metric: term.metric,
        attributes: term.attributes ?? {},
        from: new Date(from),
        to: new Date(to),
      });
    } catch (err) {
      throw new DatasourceError('unreachable', `reading OTLP points failed: ${(err as Error).message}`, this.name);
    }
    return { metric: term.metric, statistic: term.statistic, series };
  }
}
