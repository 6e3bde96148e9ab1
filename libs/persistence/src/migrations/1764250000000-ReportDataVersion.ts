import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A number that moves whenever a committed write may change the whole-table reports (the burndown
 * and the summary read actions, their post-mortems, flags and which actions have metrics), so a
 * computed report can be kept until it does. Scoring's own bookkeeping (checks, leases, frozen
 * baselines) does not move it.
 *
 * The triggers are deferred to commit: the counter row is locked only while the writing transaction
 * commits, never in the middle of it, so writers cannot deadlock on it and hold it for microseconds.
 * A transaction moves it once however many rows it writes (the row remembers the last transaction).
 * TRUNCATE fires no row trigger, so a statement trigger covers it.
 */
export class ReportDataVersion1764250000000 implements MigrationInterface {
  name = 'ReportDataVersion1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_data_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL,
        last_xid xid8
      )`);
    await q.query(`INSERT INTO report_data_version (version) VALUES (1)`);
    await q.query(`
      CREATE FUNCTION bump_report_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE report_data_version SET version = version + 1, last_xid = pg_current_xact_id()
        WHERE last_xid IS DISTINCT FROM pg_current_xact_id();
        RETURN NULL;
      END $$`);
    for (const [table, events] of TRIGGERED) {
      await q.query(
        `CREATE CONSTRAINT TRIGGER ${table}_report_data_version AFTER ${events} ON ${table}
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_report_data_version()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_report_data_version_truncate AFTER TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION bump_report_data_version()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of TRIGGERED) {
      await q.query(`DROP TRIGGER ${table}_report_data_version_truncate ON ${table}`);
      await q.query(`DROP TRIGGER ${table}_report_data_version ON ${table}`);
    }
    await q.query(`DROP FUNCTION bump_report_data_version()`);
    await q.query(`DROP TABLE report_data_version`);
  }
}

/** The tables the reports read, with the writes that can change them. */
const TRIGGERED: ReadonlyArray<readonly [string, string]> = [
  ['actions', 'INSERT OR UPDATE OR DELETE'],
  ['postmortems', 'INSERT OR UPDATE OR DELETE'],
  ['flags', 'INSERT OR UPDATE OR DELETE'],
  // Only whether an action has metrics is reported; scoring updates metrics on every check.
  ['success_metrics', 'INSERT OR DELETE'],
];
