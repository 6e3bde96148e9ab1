import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { managerOf, type Tx } from '../transaction/tx';

/**
 * A point to store. Times are ISO-8601 strings with microseconds (exact: never through a JS
 * Date); histogram counts are decimal strings (uint64 on the wire).
 */
export interface NewOtlpPoint {
  seriesId: string;
  at: string;
  startAt: string | null;
  value: number | null;
  bounds: number[] | null;
  counts: string[] | null;
  histSum: number | null;
  histCount: string | null;
}

// Rows per statement: each column travels as one array parameter.
const CHUNK = 5_000;

/** A histogram's arrays as array literals: unnest flattens an array of arrays, so they go as text. */
const arrayLiteral = (values: ReadonlyArray<number | string> | null): string | null =>
  values === null ? null : `{${values.join(',')}}`;

@Injectable()
export class OtlpPointRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores the points; one already stored at the same (series, time) — an exporter retrying an
   * export — is kept as it was. Returns how many rows were new. One statement per chunk, the
   * columns as arrays: parsing a jsonb document of the rows cost more than the insert itself.
   */
  async insertMany(points: NewOtlpPoint[], tx: Tx): Promise<number> {
    const em = managerOf(tx);
    let inserted = 0;
    for (let i = 0; i < points.length; i += CHUNK) {
      const chunk = points.slice(i, i + CHUNK);
      const rows: Array<{ n: number }> = await em.query(
        `WITH ins AS (
           INSERT INTO otlp_points (series_id, at, start_at, value, bounds, counts, hist_sum, hist_count)
           SELECT series_id, at, start_at, value, bounds::float8[], counts::bigint[], hist_sum, hist_count
           FROM unnest($1::bigint[], $2::timestamptz[], $3::timestamptz[], $4::float8[], $5::text[], $6::text[],
             $7::float8[], $8::bigint[])
             AS x(series_id, at, start_at, value, bounds, counts, hist_sum, hist_count)
           ON CONFLICT (series_id, at) DO NOTHING
           RETURNING 1)
         SELECT count(*)::int AS n FROM ins`,
        [
          chunk.map((p) => p.seriesId),
          chunk.map((p) => p.at),
          chunk.map((p) => p.startAt),
          chunk.map((p) => p.value),
          chunk.map((p) => arrayLiteral(p.bounds)),
          chunk.map((p) => arrayLiteral(p.counts)),
          chunk.map((p) => p.histSum),
          chunk.map((p) => p.histCount),
        ],
      );
      inserted += Number(rows[0]?.n ?? 0);
    }
    return inserted;
  }

  /** Deletes up to `batch` points older than `cutoff`; returns how many went. */
  async purgeBatch(cutoff: Date, batch: number, tx?: Tx): Promise<number> {
    const em = managerOf(tx, this.dataSource);
    const rows: Array<{ n: number }> = await em.query(
      `WITH gone AS (
         DELETE FROM otlp_points WHERE ctid IN (SELECT ctid FROM otlp_points WHERE at < $1 LIMIT $2)
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [cutoff.toISOString(), batch],
    );
    return Number(rows[0]?.n ?? 0);
  }
}
