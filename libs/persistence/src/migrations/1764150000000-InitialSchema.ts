import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Post-mortems, corrective actions with their audit trail, success metrics, flags and API keys.
 * Rules that matter are constraints here, so no code path can write a row the API would refuse.
 */
export class InitialSchema1764150000000 implements MigrationInterface {
  name = 'InitialSchema1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE postmortems (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        kind text NOT NULL CHECK (kind IN ('incident', 'success', 'premortem')),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        severity text CHECK (severity IN ('SEV1', 'SEV2', 'SEV3', 'SEV4')),
        occurred_at timestamptz,
        resolved_at timestamptz,
        services text[] NOT NULL DEFAULT '{}',
        summary text NOT NULL DEFAULT '',
        timeline jsonb NOT NULL DEFAULT '[]',
        contributing_factors jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT postmortems_incident_fields CHECK (kind <> 'incident' OR (severity IS NOT NULL AND occurred_at IS NOT NULL)),
        CONSTRAINT postmortems_resolved_after_occurred CHECK (resolved_at IS NULL OR occurred_at IS NULL OR resolved_at >= occurred_at)
      )`);
    await q.query(`CREATE INDEX postmortems_occurred_at_idx ON postmortems (occurred_at)`);
    await q.query(`CREATE INDEX postmortems_services_idx ON postmortems USING gin (services)`);

    await q.query(`
      CREATE TABLE actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        postmortem_id uuid REFERENCES postmortems (id) ON DELETE RESTRICT,
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '',
        owner_team text NOT NULL CHECK (char_length(owner_team) BETWEEN 1 AND 100),
        assignee text,
        priority text NOT NULL CHECK (priority IN ('P0', 'P1', 'P2', 'P3')),
        services text[] NOT NULL DEFAULT '{}',
        external_ref text,
        opened_at timestamptz NOT NULL,
        due_at timestamptz,
        status text NOT NULL CHECK (status IN ('open', 'in_progress', 'implemented', 'verified', 'wont_fix')),
        implemented_at timestamptz,
        closed_at timestamptz,
        status_changed_at timestamptz NOT NULL,
        verification text CHECK (verification IN ('telemetry', 'manual')),
        verification_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT actions_closed_iff_terminal CHECK ((status IN ('verified', 'wont_fix')) = (closed_at IS NOT NULL)),
        CONSTRAINT actions_verification_iff_verified CHECK ((status = 'verified') = (verification IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX actions_postmortem_idx ON actions (postmortem_id)`);
    await q.query(`CREATE INDEX actions_status_idx ON actions (status)`);
    await q.query(`CREATE INDEX actions_team_idx ON actions (owner_team)`);
    await q.query(`CREATE INDEX actions_due_open_idx ON actions (due_at) WHERE status NOT IN ('verified', 'wont_fix')`);
    await q.query(`CREATE INDEX actions_services_idx ON actions USING gin (services)`);

    await q.query(`
      CREATE TABLE action_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_id uuid NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        type text NOT NULL,
        changes jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX action_events_action_at_idx ON action_events (action_id, at, id)`);

    await q.query(`
      CREATE TABLE success_metrics (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_id uuid NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        datasource text NOT NULL,
        query text,
        selector jsonb,
        direction text NOT NULL CHECK (direction IN ('decrease', 'increase')),
        target jsonb NOT NULL,
        aggregation text NOT NULL CHECK (aggregation IN ('avg', 'min', 'max', 'p50', 'p90', 'p95', 'p99', 'last')),
        baseline_window text NOT NULL,
        baseline_end timestamptz,
        baseline double precision,
        baseline_value double precision,
        evaluation_window text NOT NULL,
        sustain_for text NOT NULL,
        verify_within text NOT NULL,
        check_every text NOT NULL,
        step text,
        confidence double precision CHECK (confidence > 0 AND confidence < 1),
        met_since timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT success_metrics_query_xor_selector CHECK ((query IS NULL) <> (selector IS NULL))
      )`);
    await q.query(`CREATE INDEX success_metrics_action_idx ON success_metrics (action_id)`);

    await q.query(`
      CREATE TABLE flags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_id uuid NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('overdue', 'stalled', 'ineffective', 'regressed', 'no_telemetry', 'source_error')),
        raised_at timestamptz NOT NULL,
        cleared_at timestamptz,
        reason text NOT NULL
      )`);
    // At most one active flag of a kind per action: raising twice is a bug, not a second row.
    await q.query(`CREATE UNIQUE INDEX flags_one_active_idx ON flags (action_id, kind) WHERE cleared_at IS NULL`);
    await q.query(`CREATE INDEX flags_active_kind_idx ON flags (kind) WHERE cleared_at IS NULL`);

    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        role text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin', 'ingest', 'scorer')),
        prefix text NOT NULL,
        hash text NOT NULL UNIQUE,
        source text NOT NULL CHECK (source IN ('api', 'environment', 'generated')),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX api_keys_active_name_idx ON api_keys (name) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['api_keys', 'flags', 'success_metrics', 'action_events', 'actions', 'postmortems']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
