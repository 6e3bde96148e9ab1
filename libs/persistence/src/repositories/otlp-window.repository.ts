import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OtlpMetricKind, OtlpTemporality } from '../entities/otlp-series.entity';
import { numberOrNull } from './column-values';

/** The series of one metric whose attributes include `attributes`, over the window (from, to]. */
export interface OtlpWindowRequest {
  metric: string;
  attributes: Record<string, string>;
  from: Date;
  to: Date;
}

/** A stored point; times in epoch ms (fractional: the store keeps microseconds). */
export interface OtlpWindowPoint {
  at: number;
  startAt: number | null;
  /** Gauges and sums. */
  value: number | null;
  /** Histograms: finite ascending upper bounds; counts has one more entry (the +Inf bucket). */
  bounds: number[] | null;
  counts: number[] | null;
  sum: number | null;
  count: number | null;
}

export interface OtlpWindowSeries {
  kind: OtlpMetricKind;
  temporality: OtlpTemporality;
  monotonic: boolean;
  /** Ordered by time; starts with the last point at or before the window's start, when there is one. */
  points: OtlpWindowPoint[];
}

/** One row of OTLP_WINDOW_SQL: a point with its series; numbers may arrive as text, bigint arrays as text[]. */
export interface OtlpWindowRow {
  series_id: string;
  kind: OtlpMetricKind;
  temporality: OtlpTemporality;
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
 * One selector term's points over a window, in one statement: the series of the metric whose
 * attributes contain the term's (jsonb @>, the GIN index), each with its points in (from, to] plus its
 * last point at or before `from` — what a cumulative counter's value at the lookback's start is
 * interpolated from. Ordered by series, then time. Parameters: metric, attributes (jsonb), from, to.
 */
export const OTLP_WINDOW_SQL = `
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

/** What the built-in `otlp` datasource reads of the points the OTLP receiver stored. */
@Injectable()
export class OtlpWindowRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async seriesInWindow(request: OtlpWindowRequest): Promise<OtlpWindowSeries[]> {
    const rows: OtlpWindowRow[] = await this.dataSource.query(OTLP_WINDOW_SQL, [
      request.metric,
      JSON.stringify(request.attributes),
      request.from.toISOString(),
      request.to.toISOString(),
    ]);
    return rowsToSeries(rows);
  }
}

/** Rows (ordered by series, time) to series, each point's numbers as numbers. */
export function rowsToSeries(rows: OtlpWindowRow[]): OtlpWindowSeries[] {
  const bySeries = new Map<string, OtlpWindowSeries>();
  for (const row of rows) {
    let series = bySeries.get(row.series_id);
    if (!series) {
      series = { kind: row.kind, temporality: row.temporality, monotonic: row.monotonic === true, points: [] };
      bySeries.set(row.series_id, series);
    }
    series.points.push({
      at: Number(row.at_ms),
      startAt: numberOrNull(row.start_ms),
      value: numberOrNull(row.value),
      bounds: row.bounds ? row.bounds.map(Number) : null,
      counts: row.counts ? row.counts.map(Number) : null,
      sum: numberOrNull(row.hist_sum),
      count: numberOrNull(row.hist_count),
    });
  }
  for (const s of bySeries.values()) s.points.sort((a, b) => a.at - b.at);
  return [...bySeries.values()];
}
