import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OtlpMetricKind, OtlpTemporality } from '../entities/otlp-series.entity';
import { managerOf, type Tx } from '../transaction/tx';
import { prefixPattern } from './like-pattern';

export interface OtlpSeriesKey {
  metric: string;
  attributesHash: string;
}

export interface NewOtlpSeries extends OtlpSeriesKey {
  kind: OtlpMetricKind;
  temporality: OtlpTemporality;
  monotonic: boolean;
  unit: string;
  attributes: Record<string, string>;
}

/** What ingestion needs to know of a stored series; `lastAtUs` in microseconds since the epoch. */
export interface OtlpSeriesState extends OtlpSeriesKey {
  id: string;
  kind: OtlpMetricKind;
  temporality: OtlpTemporality;
  lastAtUs: bigint | null;
}

interface StateRow {
  id: string;
  metric: string;
  attributes_hash: string;
  kind: OtlpMetricKind;
  temporality: OtlpTemporality;
  last_us: string | null;
}

// Rows per statement: each column travels as one array parameter.
const CHUNK = 5_000;

const STATE_COLUMNS = `s.id::text AS id, s.metric, s.attributes_hash, s.kind, s.temporality,
  (extract(epoch FROM s.last_at) * 1000000)::bigint::text AS last_us`;

@Injectable()
export class OtlpSeriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The stored series of these keys, their rows locked until the transaction ends, in id order and
   * in one statement (in chunks, two large exports could each hold a chunk the other waits for), so
   * two exports locking overlapping series cannot deadlock: an export's order check then sees the
   * last point another export of the same series wrote. The keys travel as two array parameters,
   * whatever their number.
   */
  async lockByKeys(keys: OtlpSeriesKey[], tx: Tx): Promise<OtlpSeriesState[]> {
    if (keys.length === 0) return [];
    const rows: StateRow[] = await managerOf(tx).query(
      `SELECT ${STATE_COLUMNS} FROM otlp_series s
       JOIN unnest($1::text[], $2::text[]) AS k(metric, attributes_hash)
         ON s.metric = k.metric AND s.attributes_hash = k.attributes_hash
       ORDER BY s.id FOR UPDATE OF s`,
      [keys.map((k) => k.metric), keys.map((k) => k.attributesHash)],
    );
    return rows.map(toState);
  }

  /** Series stored per metric name, for the per-metric series limit. */
  async countByMetric(metrics: string[], tx?: Tx): Promise<Map<string, number>> {
    const em = managerOf(tx, this.dataSource);
    if (metrics.length === 0) return new Map();
    const rows: Array<{ metric: string; n: number }> = await em.query(
      `SELECT metric, count(*)::int AS n FROM otlp_series WHERE metric = ANY($1::text[]) GROUP BY metric`,
      [metrics],
    );
    return new Map(rows.map((r) => [r.metric, Number(r.n)]));
  }

  /** Series stored across all metrics, for the overall series budget. */
  async countAll(tx?: Tx): Promise<number> {
    const em = managerOf(tx, this.dataSource);
    const rows: Array<{ n: number }> = await em.query(`SELECT count(*)::int AS n FROM otlp_series`);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * The first `limit` distinct metric names starting with `prefix` (taken literally), in byte
   * order. Both the prefix range and the order come off otlp_series_metric_c_idx, so the scan stops
   * after `limit` names however many series the store holds.
   */
  async metricNames(prefix: string, limit: number): Promise<string[]> {
    const rows: Array<{ name: string }> = await this.dataSource.query(
      `SELECT DISTINCT metric COLLATE "C" AS name FROM otlp_series
       WHERE metric COLLATE "C" LIKE $1 ESCAPE '\\'
       ORDER BY 1 LIMIT $2`,
      [prefixPattern(prefix), limit],
    );
    return rows.map((r) => r.name);
  }

  /** Inserts the series (a concurrent writer's copy wins quietly) and returns the stored states, locked. */
  async insertMany(series: NewOtlpSeries[], tx: Tx): Promise<OtlpSeriesState[]> {
    const em = managerOf(tx);
    for (let i = 0; i < series.length; i += CHUNK) {
      const chunk = series.slice(i, i + CHUNK);
      await em.query(
        `INSERT INTO otlp_series (metric, kind, temporality, monotonic, unit, attributes, attributes_hash)
         SELECT metric, kind, temporality, monotonic, unit, attributes, "attributesHash"
         FROM jsonb_to_recordset($1::jsonb) AS x(metric text, kind text, temporality text, monotonic boolean,
           unit text, attributes jsonb, "attributesHash" text)
         ON CONFLICT (metric, attributes_hash) DO NOTHING`,
        [JSON.stringify(chunk)],
      );
    }
    return this.lockByKeys(series, tx);
  }

  /** Moves each series' last point time forward (never back). `at`: ISO-8601 with microseconds. */
  async advanceLastAt(updates: Array<{ id: string; at: string }>, tx: Tx): Promise<void> {
    const em = managerOf(tx);
    for (let i = 0; i < updates.length; i += CHUNK) {
      const chunk = updates.slice(i, i + CHUNK);
      await em.query(
        `UPDATE otlp_series s SET last_at = GREATEST(s.last_at, u.at)
         FROM unnest($1::bigint[], $2::timestamptz[]) AS u(id, at) WHERE s.id = u.id`,
        [chunk.map((u) => u.id), chunk.map((u) => u.at)],
      );
    }
  }

  /** Forgets series with no point left after the retention purge. */
  async deleteEmptyOlderThan(cutoff: Date, tx?: Tx): Promise<number> {
    const em = managerOf(tx, this.dataSource);
    const rows: Array<{ id: string }> = await em.query(
      `DELETE FROM otlp_series s WHERE coalesce(s.last_at, s.created_at) < $1
         AND NOT EXISTS (SELECT 1 FROM otlp_points p WHERE p.series_id = s.id)
       RETURNING s.id`,
      [cutoff.toISOString()],
    );
    return rows.length;
  }
}

function toState(row: StateRow): OtlpSeriesState {
  return {
    id: row.id,
    metric: row.metric,
    attributesHash: row.attributes_hash,
    kind: row.kind,
    temporality: row.temporality,
    lastAtUs: row.last_us === null ? null : BigInt(row.last_us),
  };
}
