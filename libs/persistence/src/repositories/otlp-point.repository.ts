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

const CHUNK = 5_000;

@Injectable()
export class OtlpPointRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores the points; one already stored at the same (series, time) — an exporter retrying an
   * export — is kept as it was. Returns how many rows were new.
   */
  async insertMany(points: NewOtlpPoint[], tx: Tx): Promise<number> {
    const em = managerOf(tx);
    let inserted = 0;
    for (let i = 0; i < points.length; i += CHUNK) {
      const rows: Array<{ n: number }> = await em.query(
        `WITH ins AS (
           INSERT INTO otlp_points (series_id, at, start_at, value, bounds, counts, hist_sum, hist_count)
           SELECT "seriesId", at, "startAt", value, bounds, counts, "histSum", "histCount"
           FROM jsonb_to_recordset($1::jsonb) AS x("seriesId" bigint, at timestamptz, "startAt" timestamptz,
             value double precision, bounds double precision[], counts bigint[], "histSum" double precision,
             "histCount" bigint)
           ON CONFLICT (series_id, at) DO NOTHING
           RETURNING 1)
         SELECT count(*)::int AS n FROM ins`,
        [JSON.stringify(points.slice(i, i + CHUNK))],
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
