import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ActionCount {
  status: string;
  team: string;
  priority: string;
  count: number;
}

export interface FlagCount {
  kind: string;
  team: string;
  priority: string;
  count: number;
}

/** How far scoring is behind, from the database, whichever process scores. */
export interface ScoringBacklog {
  /** Metrics whose next check is due now (never checked: due since they were created). */
  overdueChecks: number;
  /** Now − the oldest due time among them; 0 when none is due. */
  lagSeconds: number;
}

/** The state of the remediation work at one instant, as the service's gauges show it. */
export interface RemediationSnapshot {
  actions: ActionCount[];
  flags: FlagCount[];
  backlog: ScoringBacklog;
}

/**
 * One row of the snapshot statement. `action` rows carry status, team and priority; `flag` rows
 * flag_kind, team and priority; the one `backlog` row lag_seconds. Numbers may arrive as text.
 */
export interface RemediationSnapshotRow {
  row_kind: 'action' | 'flag' | 'backlog';
  status: string | null;
  flag_kind: string | null;
  team: string | null;
  priority: string | null;
  count: number | string;
  lag_seconds: number | string | null;
}

/**
 * Everything the gauges show, in one statement (a scrape costs one round trip). Teams come from
 * the owning team only: the assignee is never read. A metric is due on the same terms the scorer
 * claims it: a configured datasource and next_check_at unset or past.
 */
const SNAPSHOT_SQL = `
  SELECT 'action' AS row_kind, status, NULL::text AS flag_kind, owner_team AS team, priority,
         count(*)::float8 AS count, NULL::float8 AS lag_seconds
    FROM actions GROUP BY status, owner_team, priority
  UNION ALL
  SELECT 'flag', NULL, f.kind, a.owner_team, a.priority, count(*)::float8, NULL
    FROM flags f JOIN actions a ON a.id = f.action_id
   WHERE f.cleared_at IS NULL GROUP BY f.kind, a.owner_team, a.priority
  UNION ALL
  SELECT 'backlog', NULL, NULL, NULL, NULL, count(*)::float8,
         COALESCE(extract(epoch FROM now() - min(COALESCE(next_check_at, created_at))), 0)::float8
    FROM success_metrics
   WHERE datasource = ANY($1::text[]) AND (next_check_at IS NULL OR next_check_at <= now())`;

/** The counts behind the remediation gauges, read at scrape time. */
@Injectable()
export class RemediationSnapshotRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `configuredDatasources`: the names a scorer claims metrics of; a metric on another is never due. */
  async read(configuredDatasources: string[]): Promise<RemediationSnapshot> {
    const rows: RemediationSnapshotRow[] = await this.dataSource.query(SNAPSHOT_SQL, [configuredDatasources]);
    return toRemediationSnapshot(rows);
  }
}

export function toRemediationSnapshot(rows: RemediationSnapshotRow[]): RemediationSnapshot {
  const snapshot: RemediationSnapshot = { actions: [], flags: [], backlog: { overdueChecks: 0, lagSeconds: 0 } };
  for (const row of rows) {
    const count = Number(row.count);
    if (row.row_kind === 'action') {
      snapshot.actions.push({ status: row.status!, team: row.team!, priority: row.priority!, count });
    } else if (row.row_kind === 'flag') {
      snapshot.flags.push({ kind: row.flag_kind!, team: row.team!, priority: row.priority!, count });
    } else {
      snapshot.backlog = {
        overdueChecks: count,
        lagSeconds: count > 0 ? Math.max(0, Number(row.lag_seconds ?? 0)) : 0,
      };
    }
  }
  return snapshot;
}
