import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Priority } from '@app/domain';
import type { Severity } from '../entities/postmortem.entity';
import { managerOf, type Tx } from '../transaction/tx';
import { dateOrNull } from './column-values';

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

/** The scope a bucket adds to the ideal line: the actions opened in it at or after `from`. */
export interface BurndownAdditionRow {
  added: number;
  /** The latest dueAt among them; null when none has one. */
  latestDueAt: Date | null;
}

/** The state at one instant, for the ideal line (at `from`) and the forecast (at `asOf`). */
export interface BurndownStateRow {
  remaining: number;
  latestDueAt: Date | null;
}

export interface BurndownRows {
  /** One per start, in the same order. */
  buckets: BurndownBucketRow[];
  /** One per start, in the same order. */
  additions: BurndownAdditionRow[];
  atFrom: BurndownStateRow;
  /** `overdue`: remaining at `asOf` with dueAt before it. */
  atAsOf: BurndownStateRow & { closedInWindow: number; overdue: number };
}

/** One row of SQL: a bucket, or the state at `from` or at `asOf` (`part` says which). */
interface RawRow extends BurndownBucketRow {
  part: 'bucket' | 'from' | 'as_of';
  i: string | number | null;
  added: number;
  latest_due_at: Date | string | null;
}

/*
 * One statement for the whole chart. Definitions (see docs/reporting.md, "Points"), with `end` the bucket's end (the
 * next start, or `to` for the last) and `closedAt` the action's current one — an action reopened from verified has
 * none, so it counts as never closed:
 *   opened/closed/verified: events in [start, end); verified = closed with status verified now.
 *   remaining: openedAt < end and not closedAt < end;  overdue: remaining and dueAt < end;
 *   stalled: remaining and a stalled flag raised before end and not cleared by then.
 *
 * Each state is a count of intervals holding `end`, so it is computed as a running sum of +1/−1
 * steps rather than by testing every action against every bucket: remaining is +1 at openedAt and
 * −1 at max(openedAt, closedAt); overdue +1 at max(openedAt, dueAt), −1 at max(openedAt, dueAt,
 * closedAt); stalled +1 at max(raisedAt, openedAt), −1 at the max of that and min(clearedAt,
 * closedAt). An interval that ends before it starts cancels out. A step at t counts for every bucket
 * whose end is after t; width_bucket (a binary search over the starts) finds t's bucket, 0 before
 * the first. Steps at or after `to` count for none. The stalled count assumes one action's stalled
 * flags never overlap in time (one active at a time, by a partial unique index).
 * Each bucket also carries what it adds to the ideal line's scope: the actions opened in it at or
 * after `from` (those before are in the state at `from`), and their latest dueAt.
 * The last two parts are the state at `from` (for the ideal line) and at `asOf` (for the forecast,
 * with the remaining actions already past their dueAt).
 */
const SQL = `
WITH scope AS (
  SELECT a.id, a.opened_at, a.closed_at, a.status, a.due_at
  FROM actions a LEFT JOIN postmortems p ON p.id = a.postmortem_id
  WHERE ($6::text IS NULL OR a.owner_team = $6)
    AND ($7::text IS NULL OR a.services @> ARRAY[$7::text])
    AND ($8::text[] IS NULL OR a.priority = ANY($8::text[]))
    AND ($9::text[] IS NULL OR p.severity = ANY($9::text[]))
    AND ($10::uuid IS NULL OR a.postmortem_id = $10::uuid)
),
stalls AS (
  SELECT GREATEST(f.raised_at, s.opened_at) AS lo, LEAST(f.cleared_at, s.closed_at) AS hi
  FROM flags f JOIN scope s ON s.id = f.action_id WHERE f.kind = 'stalled'
),
steps (t, opened, closed, verified, remaining, overdue, stalled) AS (
  SELECT opened_at, 1, 0, 0, 1, 0, 0 FROM scope
  UNION ALL SELECT closed_at, 0, 1, (status = 'verified')::int, 0, 0, 0 FROM scope WHERE closed_at IS NOT NULL
  UNION ALL SELECT GREATEST(opened_at, closed_at), 0, 0, 0, -1, 0, 0 FROM scope WHERE closed_at IS NOT NULL
  UNION ALL SELECT GREATEST(opened_at, due_at), 0, 0, 0, 0, 1, 0 FROM scope WHERE due_at IS NOT NULL
  UNION ALL SELECT GREATEST(opened_at, due_at, closed_at), 0, 0, 0, 0, -1, 0 FROM scope WHERE due_at IS NOT NULL AND closed_at IS NOT NULL
  UNION ALL SELECT lo, 0, 0, 0, 0, 0, 1 FROM stalls
  UNION ALL SELECT GREATEST(lo, hi), 0, 0, 0, 0, 0, -1 FROM stalls WHERE hi IS NOT NULL
),
per_bucket AS (
  SELECT width_bucket(t, $1::timestamptz[]) AS i,
    sum(opened) AS opened, sum(closed) AS closed, sum(verified) AS verified,
    sum(remaining) AS remaining, sum(overdue) AS overdue, sum(stalled) AS stalled
  FROM steps WHERE t < $3::timestamptz
  GROUP BY 1
),
running AS (
  SELECT n.i, COALESCE(p.opened, 0) AS opened, COALESCE(p.closed, 0) AS closed, COALESCE(p.verified, 0) AS verified,
    sum(COALESCE(p.remaining, 0)) OVER w AS remaining,
    sum(COALESCE(p.overdue, 0)) OVER w AS overdue,
    sum(COALESCE(p.stalled, 0)) OVER w AS stalled
  FROM generate_series(0, cardinality($1::timestamptz[])) AS n(i) LEFT JOIN per_bucket p ON p.i = n.i
  WINDOW w AS (ORDER BY n.i)
),
additions AS (
  SELECT width_bucket(opened_at, $1::timestamptz[]) AS i, count(*) AS added, max(due_at) AS latest_due_at
  FROM scope WHERE opened_at >= $2 AND opened_at < $3
  GROUP BY 1
)
SELECT 'bucket' AS part, r.i, r.opened::int, r.closed::int, r.verified::int, r.remaining::int, r.overdue::int, r.stalled::int,
  COALESCE(a.added, 0)::int AS added, a.latest_due_at
FROM running r LEFT JOIN additions a ON a.i = r.i WHERE r.i >= 1
UNION ALL
SELECT 'from', NULL, 0, 0, 0, count(*)::int, 0, 0, 0, max(due_at)
FROM scope WHERE opened_at < $2 AND NOT (closed_at IS NOT NULL AND closed_at < $2)
UNION ALL
SELECT 'as_of', NULL, 0,
  (SELECT count(*) FROM scope WHERE closed_at >= $5 AND closed_at < $4)::int,
  0, count(*)::int, count(*) FILTER (WHERE due_at < $4)::int, 0, 0, max(due_at)
FROM scope WHERE opened_at < $4 AND NOT (closed_at IS NOT NULL AND closed_at < $4)
`;

/** The burndown's counts, computed in the database in one statement. */
@Injectable()
export class BurndownRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async burndown(query: BurndownQuery, tx?: Tx): Promise<BurndownRows> {
    const em = managerOf(tx, this.dataSource);
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
    const bucketRows = rows.filter((r) => r.part === 'bucket').sort((a, b) => Number(a.i) - Number(b.i));
    const buckets = bucketRows.map(({ opened, closed, verified, remaining, overdue, stalled }) => ({
      opened,
      closed,
      verified,
      remaining,
      overdue,
      stalled,
    }));
    const additions = bucketRows.map((r) => ({ added: r.added, latestDueAt: dateOrNull(r.latest_due_at) }));
    const fromRow = rows.find((r) => r.part === 'from')!;
    const asOfRow = rows.find((r) => r.part === 'as_of')!;
    return {
      buckets,
      additions,
      atFrom: { remaining: fromRow.remaining, latestDueAt: dateOrNull(fromRow.latest_due_at) },
      atAsOf: {
        remaining: asOfRow.remaining,
        latestDueAt: dateOrNull(asOfRow.latest_due_at),
        closedInWindow: asOfRow.closed,
        overdue: asOfRow.overdue,
      },
    };
  }
}
