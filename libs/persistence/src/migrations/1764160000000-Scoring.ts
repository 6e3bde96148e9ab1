import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scored checks, and the scheduling state scorers claim metrics with. The rule that matters —
 * each (metric, scheduled slot) is scored once, however many scorers run — is the unique
 * constraint on evaluations, not a hope in code.
 */
export class Scoring1764160000000 implements MigrationInterface {
  name = 'Scoring1764160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evaluations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        metric_id uuid NOT NULL REFERENCES success_metrics (id) ON DELETE CASCADE,
        action_id uuid NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
        slot timestamptz NOT NULL,
        at timestamptz NOT NULL,
        window_start timestamptz NOT NULL,
        window_end timestamptz NOT NULL,
        value double precision,
        baseline double precision,
        goal double precision,
        progress double precision CHECK (progress >= 0 AND progress <= 1),
        verdict text NOT NULL CHECK (verdict IN ('error', 'no_data', 'pending', 'met', 'improving', 'not_met')),
        p_value double precision CHECK (p_value >= 0 AND p_value <= 1),
        samples integer NOT NULL DEFAULT 0 CHECK (samples >= 0),
        dropped_samples integer NOT NULL DEFAULT 0 CHECK (dropped_samples >= 0),
        error text,
        duration_ms integer NOT NULL DEFAULT 0 CHECK (duration_ms >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT evaluations_one_per_slot UNIQUE (metric_id, slot),
        CONSTRAINT evaluations_slot_not_after_at CHECK (slot <= at),
        CONSTRAINT evaluations_window_ordered CHECK (window_start <= window_end),
        -- An error check always says what went wrong; a judged check has a value.
        CONSTRAINT evaluations_error_has_message CHECK (verdict <> 'error' OR error IS NOT NULL),
        CONSTRAINT evaluations_judged_has_value CHECK (verdict NOT IN ('met', 'improving', 'not_met') OR value IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX evaluations_action_at_idx ON evaluations (action_id, at DESC, id DESC)`);
    // The history of one metric, newest first: latest evaluation, tracks for the flag rules.
    await q.query(`CREATE INDEX evaluations_metric_at_idx ON evaluations (metric_id, at DESC)`);

    await q.query(`ALTER TABLE success_metrics ADD COLUMN next_check_at timestamptz`);
    await q.query(`ALTER TABLE success_metrics ADD COLUMN lease_owner text`);
    await q.query(`ALTER TABLE success_metrics ADD COLUMN lease_expires_at timestamptz`);
    await q.query(
      `ALTER TABLE success_metrics ADD CONSTRAINT success_metrics_lease_whole CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL))`,
    );
    await q.query(`CREATE INDEX success_metrics_next_check_idx ON success_metrics (next_check_at NULLS FIRST)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX success_metrics_next_check_idx`);
    await q.query(`ALTER TABLE success_metrics DROP CONSTRAINT success_metrics_lease_whole`);
    await q.query(`ALTER TABLE success_metrics DROP COLUMN lease_expires_at`);
    await q.query(`ALTER TABLE success_metrics DROP COLUMN lease_owner`);
    await q.query(`ALTER TABLE success_metrics DROP COLUMN next_check_at`);
    await q.query(`DROP TABLE evaluations`);
  }
}
