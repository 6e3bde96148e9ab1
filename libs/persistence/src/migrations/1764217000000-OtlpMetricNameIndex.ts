import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The OTLP store's metric names in byte order, for completion (docs/api.md, "Keys, datasources,
 * notifications"): a prefix `LIKE` becomes a range scan of this index only under the "C"
 * collation, and the distinct names come off it already sorted, whatever the database's collation.
 */
export class OtlpMetricNameIndex1764217000000 implements MigrationInterface {
  name = 'OtlpMetricNameIndex1764217000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX otlp_series_metric_c_idx ON otlp_series (metric COLLATE "C")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX otlp_series_metric_c_idx`);
  }
}
