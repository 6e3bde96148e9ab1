import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every OTLP export moves the last point time of each series it writes. With full pages each of
 * those updates wrote a new row version into every index of otlp_series (the GIN index on the
 * attributes included), which cost more than inserting the points. Room left on each page lets
 * PostgreSQL update the row in place of its index entries (a heap-only update): last_at is in no
 * index. Pages written before this migration get the room as they are rewritten.
 */
export class OtlpSeriesFillfactor1764240000000 implements MigrationInterface {
  name = 'OtlpSeriesFillfactor1764240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE otlp_series SET (fillfactor = 50)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE otlp_series RESET (fillfactor)`);
  }
}
