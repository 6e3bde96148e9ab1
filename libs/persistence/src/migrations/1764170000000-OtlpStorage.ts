import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Storage for the built-in OTLP receiver: one row per series (metric name + merged attribute
 * set), one row per data point. The primary key (series_id, at) is the window index every query
 * uses and also makes a retried export idempotent; the `at` index keeps the retention purge cheap.
 */
export class OtlpStorage1764170000000 implements MigrationInterface {
  name = 'OtlpStorage1764170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE otlp_series (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        metric text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('gauge', 'sum', 'histogram')),
        temporality text NOT NULL CHECK (temporality IN ('unspecified', 'delta', 'cumulative')),
        monotonic boolean NOT NULL DEFAULT false,
        unit text NOT NULL DEFAULT '',
        attributes jsonb NOT NULL,
        attributes_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_at timestamptz,
        CONSTRAINT otlp_series_metric_hash_key UNIQUE (metric, attributes_hash)
      )`);
    // Selectors match attribute subsets (attributes @> '{"service.name": "checkout"}').
    await q.query(`CREATE INDEX otlp_series_attributes_idx ON otlp_series USING gin (attributes jsonb_path_ops)`);
    await q.query(`
      CREATE TABLE otlp_points (
        series_id bigint NOT NULL REFERENCES otlp_series (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        start_at timestamptz,
        value double precision,
        bounds double precision[],
        counts bigint[],
        hist_sum double precision,
        hist_count bigint,
        PRIMARY KEY (series_id, at),
        -- A point is either a number (gauge, sum) or a whole explicit-bucket histogram.
        CONSTRAINT otlp_points_number_or_histogram CHECK ((value IS NULL) <> (counts IS NULL)),
        CONSTRAINT otlp_points_histogram_whole CHECK (
          counts IS NULL OR (bounds IS NOT NULL AND hist_count IS NOT NULL AND cardinality(counts) = cardinality(bounds) + 1)
        )
      )`);
    await q.query(`CREATE INDEX otlp_points_at_idx ON otlp_points (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE otlp_points`);
    await q.query(`DROP TABLE otlp_series`);
  }
}
