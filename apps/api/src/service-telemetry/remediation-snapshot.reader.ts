import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';

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

export interface RemediationSnapshot {
  actions: ActionCount[];
  flags: FlagCount[];
  backlog: ScoringBacklog;
}

/**
 * Everything the gauges show, in one statement (a scrape costs one round trip). Teams come from
 * the owning team only: the assignee is never read. A metric is due on the same terms the scorer
 * claims it: a configured datasource and next_check_at unset or past.
 */
const SNAPSHOT_SQL = `
  SELECT 'action' AS row_kind, status AS a, owner_team AS b, priority AS c, count(*)::float8 AS n, NULL::float8 AS lag
    FROM actions GROUP BY status, owner_team, priority
  UNION ALL
  SELECT 'flag', f.kind, a.owner_team, a.priority, count(*)::float8, NULL
    FROM flags f JOIN actions a ON a.id = f.action_id
   WHERE f.cleared_at IS NULL GROUP BY f.kind, a.owner_team, a.priority
  UNION ALL
  SELECT 'backlog', NULL, NULL, NULL, count(*)::float8,
         COALESCE(extract(epoch FROM now() - min(COALESCE(next_check_at, created_at))), 0)::float8
    FROM success_metrics
   WHERE datasource = ANY($1::text[]) AND (next_check_at IS NULL OR next_check_at <= now())`;

export interface SnapshotRow {
  row_kind: 'action' | 'flag' | 'backlog';
  a: string | null;
  b: string | null;
  c: string | null;
  n: number | string;
  lag: number | string | null;
}

@Injectable()
export class RemediationSnapshotReader {
  private readonly datasources: string[];

  constructor(@InjectDataSource() private readonly db: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.datasources = config.datasources.map((d) => d.name);
  }

  async read(): Promise<RemediationSnapshot> {
    const rows: SnapshotRow[] = await this.db.query(SNAPSHOT_SQL, [this.datasources]);
    return toSnapshot(rows);
  }
}

export function toSnapshot(rows: SnapshotRow[]): RemediationSnapshot {
  const snapshot: RemediationSnapshot = { actions: [], flags: [], backlog: { overdueChecks: 0, lagSeconds: 0 } };
  for (const row of rows) {
    const count = Number(row.n);
    if (row.row_kind === 'action') snapshot.actions.push({ status: row.a!, team: row.b!, priority: row.c!, count });
    else if (row.row_kind === 'flag') snapshot.flags.push({ kind: row.a!, team: row.b!, priority: row.c!, count });
    else snapshot.backlog = { overdueChecks: count, lagSeconds: count > 0 ? Math.max(0, Number(row.lag ?? 0)) : 0 };
  }
  return snapshot;
}
