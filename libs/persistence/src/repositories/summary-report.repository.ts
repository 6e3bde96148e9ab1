import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Priority } from '@app/domain';
import type { Severity } from '../entities/postmortem.entity';
import { managerOf, type Tx } from '../transaction/tx';
import { TERMINAL_STATUSES_SQL } from './terminal-statuses.sql';

export interface SummaryFilter {
  ownerTeam?: string;
  service?: string;
  priorities?: Priority[];
  /** The severity of the action's post-mortem; actions without one never match. */
  severities?: Severity[];
  postmortemId?: string;
}

/**
 * The counts of one owner team, or (`team` null) of every action in scope. Flag counts are of
 * actions with an active flag of that kind; medians are in seconds, null when nothing was verified.
 */
export interface SummaryCountsRow {
  team: string | null;
  total: number;
  open: number;
  inProgress: number;
  implemented: number;
  verified: number;
  wontFix: number;
  p0: number;
  p1: number;
  p2: number;
  p3: number;
  overdue: number;
  stalled: number;
  ineffective: number;
  regressed: number;
  noTelemetry: number;
  sourceError: number;
  improvedBeforeFix: number;
  flagged: number;
  nonTerminal: number;
  nonTerminalWithMetrics: number;
  byTelemetry: number;
  manually: number;
  implementedToVerifiedCount: number;
  openToVerifiedMedian: number | null;
  implementedToVerifiedMedian: number | null;
}

// Every number the summary shows, per team and (the empty grouping set) for the whole scope, in
// one pass over the filtered actions. Counts are cast to int: PostgreSQL's bigint reaches
// JavaScript as text.
const COUNTS = `
  count(*)::int AS "total",
  count(*) FILTER (WHERE status = 'open')::int AS "open",
  count(*) FILTER (WHERE status = 'in_progress')::int AS "inProgress",
  count(*) FILTER (WHERE status = 'implemented')::int AS "implemented",
  count(*) FILTER (WHERE status = 'verified')::int AS "verified",
  count(*) FILTER (WHERE status = 'wont_fix')::int AS "wontFix",
  count(*) FILTER (WHERE priority = 'P0')::int AS "p0",
  count(*) FILTER (WHERE priority = 'P1')::int AS "p1",
  count(*) FILTER (WHERE priority = 'P2')::int AS "p2",
  count(*) FILTER (WHERE priority = 'P3')::int AS "p3",
  count(*) FILTER (WHERE 'overdue' = ANY (flags))::int AS "overdue",
  count(*) FILTER (WHERE 'stalled' = ANY (flags))::int AS "stalled",
  count(*) FILTER (WHERE 'ineffective' = ANY (flags))::int AS "ineffective",
  count(*) FILTER (WHERE 'regressed' = ANY (flags))::int AS "regressed",
  count(*) FILTER (WHERE 'no_telemetry' = ANY (flags))::int AS "noTelemetry",
  count(*) FILTER (WHERE 'source_error' = ANY (flags))::int AS "sourceError",
  count(*) FILTER (WHERE 'improved_before_fix' = ANY (flags))::int AS "improvedBeforeFix",
  count(*) FILTER (WHERE cardinality(flags) > 0)::int AS "flagged",
  count(*) FILTER (WHERE status NOT IN ${TERMINAL_STATUSES_SQL})::int AS "nonTerminal",
  count(*) FILTER (WHERE status NOT IN ${TERMINAL_STATUSES_SQL} AND has_metrics)::int AS "nonTerminalWithMetrics",
  count(*) FILTER (WHERE status = 'verified' AND verification = 'telemetry')::int AS "byTelemetry",
  count(*) FILTER (WHERE status = 'verified' AND verification = 'manual')::int AS "manually",
  count(*) FILTER (WHERE status = 'verified' AND implemented_at IS NOT NULL)::int AS "implementedToVerifiedCount",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - opened_at)::float8)
    FILTER (WHERE status = 'verified') AS "openToVerifiedMedian",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - implemented_at)::float8)
    FILTER (WHERE status = 'verified' AND implemented_at IS NOT NULL) AS "implementedToVerifiedMedian"`;

/** The aggregates behind GET /api/v1/reports/summary: counted in the database, never per action in code. */
@Injectable()
export class SummaryReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One row per owner team in scope plus the total row (team null), which is there even when nothing matches. */
  async counts(filter: SummaryFilter, tx?: Tx): Promise<SummaryCountsRow[]> {
    const em = managerOf(tx, this.dataSource);
    const { where, params } = whereClause(filter);
    // The active flags and the actions with metrics are each gathered once and hash-joined: a
    // lookup per action (a LATERAL, an EXISTS) costs a hundred thousand index probes at a hundred
    // thousand actions.
    const rows: Array<SummaryCountsRow & { isTotal: boolean }> = await em.query(
      `WITH scope AS (
         SELECT a.owner_team, a.status, a.priority, a.verification, a.opened_at, a.implemented_at, a.closed_at,
                measured.action_id IS NOT NULL AS has_metrics,
                COALESCE(active.kinds, '{}') AS flags
         FROM actions a
         LEFT JOIN postmortems p ON p.id = a.postmortem_id
         LEFT JOIN (
           SELECT f.action_id, array_agg(f.kind) AS kinds FROM flags f WHERE f.cleared_at IS NULL GROUP BY f.action_id
         ) active ON active.action_id = a.id
         LEFT JOIN (SELECT DISTINCT m.action_id FROM success_metrics m) measured ON measured.action_id = a.id
         ${where}
       )
       SELECT GROUPING(owner_team) = 1 AS "isTotal", owner_team AS "team", ${COUNTS}
       FROM scope
       GROUP BY GROUPING SETS ((owner_team), ())`,
      params,
    );
    return rows.map(({ isTotal, ...row }) => ({ ...row, team: isTotal ? null : row.team }));
  }
}

function whereClause(filter: SummaryFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const conditions: string[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const oneOf = (values: readonly string[]): string => `(${values.map(param).join(', ')})`;
  if (filter.ownerTeam !== undefined) conditions.push(`a.owner_team = ${param(filter.ownerTeam)}`);
  // Containment rather than ANY(), so the GIN index on services serves it.
  if (filter.service !== undefined) conditions.push(`a.services @> ARRAY[${param(filter.service)}]::text[]`);
  if (filter.priorities?.length) conditions.push(`a.priority IN ${oneOf(filter.priorities)}`);
  if (filter.severities?.length) conditions.push(`p.severity IN ${oneOf(filter.severities)}`);
  if (filter.postmortemId !== undefined) conditions.push(`a.postmortem_id = ${param(filter.postmortemId)}`);
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
