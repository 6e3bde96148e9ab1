import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seasonal metrics, what the scorer freezes with a baseline for the significance test and the
 * seasonal adjustment, the pre-fix value behind `improved_before_fix`, and each check's reason and
 * independent units; the new flag kind. Existing metrics are non-seasonal in UTC; their model is measured at their
 * next check; existing checks keep no reason.
 */
export class CalibratedVerdicts1764200000000 implements MigrationInterface {
  name = 'CalibratedVerdicts1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE success_metrics
        ADD COLUMN seasonality text NOT NULL DEFAULT 'none' CHECK (seasonality IN ('none', 'daily', 'weekly')),
        ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC',
        ADD COLUMN baseline_model jsonb,
        ADD COLUMN pre_fix_value double precision,
        ADD COLUMN pre_fix_for timestamptz`);
    await q.query(`
      ALTER TABLE evaluations
        ADD COLUMN effective_samples jsonb,
        ADD COLUMN reason text`);
    await q.query(`ALTER TABLE flags DROP CONSTRAINT flags_kind_check`);
    await q.query(`
      ALTER TABLE flags ADD CONSTRAINT flags_kind_check CHECK (kind IN (
        'overdue', 'stalled', 'ineffective', 'regressed', 'no_telemetry', 'source_error', 'improved_before_fix'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM flags WHERE kind = 'improved_before_fix'`);
    await q.query(`ALTER TABLE flags DROP CONSTRAINT flags_kind_check`);
    await q.query(`
      ALTER TABLE flags ADD CONSTRAINT flags_kind_check CHECK (kind IN (
        'overdue', 'stalled', 'ineffective', 'regressed', 'no_telemetry', 'source_error'))`);
    await q.query(`ALTER TABLE evaluations DROP COLUMN effective_samples, DROP COLUMN reason`);
    await q.query(`
      ALTER TABLE success_metrics
        DROP COLUMN seasonality, DROP COLUMN time_zone, DROP COLUMN baseline_model,
        DROP COLUMN pre_fix_value, DROP COLUMN pre_fix_for`);
  }
}
