import type { MetricSelector, SelectorTerm } from '@app/domain';
import { traced } from '@app/observability';
import { DatasourceError, type MetricSource, type RangeRequest, type Series } from '../metric-source';
import {
  evaluateSelector,
  lookbackMs,
  StatisticError,
  type OtlpKind,
  type OtlpTemporalityKind,
  type StoredPoint,
  type StoredSeries,
  type TermData,
} from './otlp-statistics';
import { parseSelectorQuery } from './selector-query';

/** Runs one SQL statement with positional parameters and answers its rows (a TypeORM DataSource's `query`). */
export type SqlRunner = (sql: string, params: unknown[]) => Promise<unknown[]>;

interface PointRow {
  series_id: string;
  kind: OtlpKind;
  temporality: OtlpTemporalityKind;
  monotonic: boolean;
  at_ms: number | string;
  start_ms: number | string | null;
  value: number | string | null;
  bounds: Array<number | string> | null;
  counts: string[] | null;
  hist_sum: number | string | null;
  hist_count: string | null;
}

/**
 * One selector term's points over a range, in one statement: the series of the metric whose
 * attributes contain the term's (jsonb @>, the GIN index), each with its points in (from, to] plus its
 * last point at or before `from` — what a cumulative counter's value at the lookback's start is
 * interpolated from. Ordered by series, then time.
 */
export const TERM_POINTS_SQL = `
  SELECT s.id::text AS series_id, s.kind, s.temporality, s.monotonic,
         (extract(epoch FROM p.at) * 1000)::float8 AS at_ms,
         (extract(epoch FROM p.start_at) * 1000)::float8 AS start_ms,
         p.value, p.bounds, p.counts::text[] AS counts, p.hist_sum, p.hist_count::text AS hist_count
  FROM otlp_series s
  CROSS JOIN LATERAL (
    (SELECT at, start_at, value, bounds, counts, hist_sum, hist_count FROM otlp_points
      WHERE series_id = s.id AND at <= $3::timestamptz ORDER BY at DESC LIMIT 1)
    UNION ALL
    (SELECT at, start_at, value, bounds, counts, hist_sum, hist_count FROM otlp_points
      WHERE series_id = s.id AND at > $3::timestamptz AND at <= $4::timestamptz)
  ) p
  WHERE s.metric = $1 AND s.attributes @> $2::jsonb
  ORDER BY s.id, p.at`;

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** Rows (ordered by series, time) to series. */
export function rowsToSeries(rows: PointRow[]): StoredSeries[] {
  const bySeries = new Map<string, StoredSeries>();
  for (const row of rows) {
    let series = bySeries.get(row.series_id);
    if (!series) {
      series = { kind: row.kind, temporality: row.temporality, monotonic: row.monotonic === true, points: [] };
      bySeries.set(row.series_id, series);
    }
    const point: StoredPoint = {
      at: Number(row.at_ms),
      startAt: num(row.start_ms),
      value: num(row.value),
      bounds: row.bounds ? row.bounds.map(Number) : null,
      counts: row.counts ? row.counts.map(Number) : null,
      sum: num(row.hist_sum),
      count: num(row.hist_count),
    };
    series.points.push(point);
  }
  for (const s of bySeries.values()) s.points.sort((a, b) => a.at - b.at);
  return [...bySeries.values()];
}

/**
 * The built-in `otlp` datasource: evaluates OpenTelemetry selectors over the points the OTLP
 * receiver stored. The query is libs/domain `selectorQuery(selector)`; the answer is one series whose sample at
 * each step is the selector's statistic over the lookback (t − max(step, 1m), t] (see
 * otlp-statistics.ts). No series matching a term: null (no data).
 */
export class OtlpSelectorSource implements MetricSource {
  constructor(
    readonly name: string,
    private readonly sql: SqlRunner,
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

  private parse(query: string): MetricSelector {
    try {
      return parseSelectorQuery(query);
    } catch (err) {
      throw new DatasourceError('bad_query', (err as Error).message, this.name);
    }
  }

  private async term(term: SelectorTerm, from: number, to: number): Promise<TermData> {
    let rows: unknown[];
    try {
      rows = await this.sql(TERM_POINTS_SQL, [term.metric, JSON.stringify(term.attributes ?? {}), new Date(from).toISOString(), new Date(to).toISOString()]);
    } catch (err) {
      throw new DatasourceError('unreachable', `reading OTLP points failed: ${(err as Error).message}`, this.name);
    }
    return { metric: term.metric, statistic: term.statistic, series: rowsToSeries(rows as PointRow[]) };
  }
}
