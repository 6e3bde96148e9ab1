import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether an action's due date came from its priority's remediation SLO (and so follows openedAt
 * and priority when they change) or was given by a person (and stays).
 */
export class DueAtFromSlo1764190000000 implements MigrationInterface {
  name = 'DueAtFromSlo1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE actions ADD COLUMN due_at_from_slo boolean NOT NULL DEFAULT false`);
    // Existing actions: a due date exactly the default SLO (28, 56, 90 days; none for P3) after
    // openedAt is taken as defaulted; any other stays as it is. The configuration may have other
    // SLO days, which a migration cannot read: those actions keep the date they have.
    await q.query(`
      UPDATE actions SET due_at_from_slo = true
      WHERE (priority = 'P0' AND due_at = opened_at + interval '28 days')
         OR (priority = 'P1' AND due_at = opened_at + interval '56 days')
         OR (priority = 'P2' AND due_at = opened_at + interval '90 days')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE actions DROP COLUMN due_at_from_slo`);
  }
}
