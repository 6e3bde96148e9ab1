import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stable id a definitions file gives a post-mortem, an action or a success metric
 * (docs/definitions.md): what `remediation apply` finds a resource by, so applying a file twice
 * changes nothing. Unique per kind (a metric's per action) where given; null for what people made.
 */
export class SourceIds1764220000000 implements MigrationInterface {
  name = 'SourceIds1764220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE postmortems ADD COLUMN source_id text`);
    await q.query(`ALTER TABLE actions ADD COLUMN source_id text`);
    await q.query(`ALTER TABLE success_metrics ADD COLUMN source_id text`);
    await q.query(
      `CREATE UNIQUE INDEX postmortems_source_id_key ON postmortems (source_id) WHERE source_id IS NOT NULL`,
    );
    await q.query(`CREATE UNIQUE INDEX actions_source_id_key ON actions (source_id) WHERE source_id IS NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX success_metrics_source_id_key ON success_metrics (action_id, source_id) WHERE source_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE success_metrics DROP COLUMN source_id`);
    await q.query(`ALTER TABLE actions DROP COLUMN source_id`);
    await q.query(`ALTER TABLE postmortems DROP COLUMN source_id`);
  }
}
