import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Priority } from '@app/domain';
import type { Severity } from '../entities/postmortem.entity';

/** Which actions a burndown counts; every field narrows, absent ones do not. */
export interface BurndownFilter {
  team?: string;
  service?: string;
  priorities?: Priority[];
  /** The severity of the action's post-mortem: actions without one never match. */
  severities?: Severity[];
  postmortemId?: string;
}

export interface BurndownQuery {
  /** Bucket starts, ascending; each bucket ends where the next starts, the last at `to`. */
  starts: Date[];
  from: Date;
  to: Date;
  /** The forecast's instant, min(to, now), and the start of its closing-rate window. */
  asOf: Date;
  rateWindowStart: Date;
  filter: BurndownFilter;
}

export interface BurndownBucketRow {
  opened: number;
  closed: number;
  verified: number;
  remaining: number;
  overdue: number;
  stalled: number;
}

/** The state at one instant, for the ideal line (at `from`) and the forecast (at `asOf`). */
export interface BurndownStateRow {
  remaining: number;
  latestDueAt: Date | null;
}

export interface BurndownRows {
  /** One per start, in the same order. */
  buckets: BurndownBucketRow[];
  atFrom: BurndownStateRow;
  atAsOf: BurndownStateRow & { closedInWindow: number };
}

interface RawRow {
  part: 'bucket' | 'from' | 'as_of';
  i: string | number | null;
  opened: number;
  closed: number;
  verified: number;
  remaining: number;
  overdue: number;
  stalled: number;
  latest_due_at: Date | string | null;
}

/*
 * One statement for the whole chart. Definitions (SPEC §4), with `end` the bucket's end (the next
 * start, or `to` for the last) and `closedAt` the action's current one — an action reopened from
 * verified has none, so it counts as never closed:
 *   opened/closed/verified: events in [start, end); verified = closed with status verified now.
 *   remaining: openedAt < end and not closedAt < end;  overdue: remaining and dueAt < end;
 *   stalled: remaining and a stalled flag raised before end and not cleared by then.
 * The last two parts are the state at `from` (for the ideal line) and at `asOf` (for the forecast).
 */
const SQL = `
WITH starts AS (
  SELECT s.at, s.i FROM unnest($1::timestamptz[]) WITH ORDINALITY AS s(at, i)
),
buckets AS (
  SELECT i, at, LEAST(COALESCE(lead(at) OVER (ORDER BY i), $3::timestamptz), $3::timestamptz) AS end_at FROM starts
),
scope AS (
  SELECT a.id, a.opened_at, a.closed_at, a.status, a.due_at
  FROM actions a LEFT JOIN postmortems p ON p.id = a.postmortem_id
  WHERE ($6::text IS NULL OR a.owner_team = $6)
    AND ($7::text IS NULL OR a.services @> ARRAY[$7::text])
    AND ($8::text[] IS NULL OR a.priority = ANY($8::text[]))
    AND ($9::text[] IS NULL OR p.severity = ANY($9::text[]))
    AND ($10::uuid IS NULL OR a.postmortem_id = $10::uuid)
),
stalls AS (
  SELECT f.action_id, f.raised_at, f.cleared_at FROM flags f JOIN scope ON scope.id = f.action_id WHERE f.kind = 'stalled'
),
state AS (
  SELECT b.i, b.at, b.end_at, s.*,
    s.opened_at < b.end_at AND NOT (s.closed_at IS NOT NULL AND s.closed_at < b.end_at) AS open_at_end
  FROM buckets b JOIN scope s ON s.opened_at < b.end_at
)
SELECT 'bucket' AS part, b.i,
  count(st.id) FILTER (WHERE st.opened_at >= b.at)::int AS opened,
  count(st.id) FILTER (WHERE st.closed_at >= b.at AND st.closed_at < b.end_at)::int AS closed,
  count(st.id) FILTER (WHERE st.closed_at >= b.at AND st.closed_at < b.end_at AND st.status = 'verified')::int AS verified,
  count(st.id) FILTER (WHERE st.open_at_end)::int AS remaining,
  count(st.id) FILTER (WHERE st.open_at_end AND st.due_at < b.end_at)::int AS overdue,
  count(st.id) FILTER (WHERE st.open_at_end AND EXISTS (
    SELECT 1 FROM stalls f WHERE f.action_id = st.id AND f.raised_at < b.end_at AND (f.cleared_at IS NULL OR f.cleared_at >= b.end_at)
  ))::int AS stalled,
  NULL::timestamptz AS latest_due_at
FROM buckets b LEFT JOIN state st ON st.i = b.i
GROUP BY b.i
UNION ALL
SELECT 'from', NULL, 0, 0, 0, count(*)::int, 0, 0, max(due_at)
FROM scope WHERE opened_at < $2 AND NOT (closed_at IS NOT NULL AND closed_at < $2)
UNION ALL
SELECT 'as_of', NULL, 0,
  (SELECT count(*) FROM scope WHERE closed_at >= $5 AND closed_at < $4)::int,
  0, count(*)::int, 0, 0, max(due_at)
FROM scope WHERE opened_at < $4 AND NOT (closed_at IS NOT NULL AND closed_at < $4)
`;

/** The burndown's counts, computed in the database in one statement. */
@Injectable()
export class BurndownRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async burndown(query: BurndownQuery, em: EntityManager = this.dataSource.manager): Promise<BurndownRows> {
    const { filter } = query;
    // Instants travel as ISO text: both drivers then hand PostgreSQL the same literal.
    const rows: RawRow[] = await em.query(SQL, [
      query.starts.map((at) => at.toISOString()),
      query.from.toISOString(),
      query.to.toISOString(),
      query.asOf.toISOString(),
      query.rateWindowStart.toISOString(),
      filter.team ?? null,
      filter.service ?? null,
      filter.priorities?.length ? filter.priorities : null,
      filter.severities?.length ? filter.severities : null,
      filter.postmortemId ?? null,
    ]);
    const buckets = rows
      .filter((r) => r.part === 'bucket')
      .sort((a, b) => Number(a.i) - Number(b.i))
      .map(({ opened, closed, verified, remaining, overdue, stalled }) => ({ opened, closed, verified, remaining, overdue, stalled }));
    const fromRow = rows.find((r) => r.part === 'from')!;
    const asOfRow = rows.find((r) => r.part === 'as_of')!;
    return {
      buckets,
      atFrom: { remaining: fromRow.remaining, latestDueAt: toDate(fromRow.latest_due_at) },
      atAsOf: { remaining: asOfRow.remaining, latestDueAt: toDate(asOfRow.latest_due_at), closedInWindow: asOfRow.closed },
    };
  }
}

function toDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}
