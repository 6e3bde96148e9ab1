import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { SuccessMetricEntity } from '../entities/success-metric.entity';
import { managerOf, type Tx } from '../transaction/tx';
import { TERMINAL_STATUSES_SQL } from './terminal-statuses.sql';

export interface ClaimRequest {
  /** Who claims (one id per scorer process). */
  owner: string;
  leaseMs: number;
  /** The check time: with `dueOnly`, metrics whose next check is at or before it. */
  at: Date;
  /** false: every metric (a requested run or a replay), the slot's uniqueness then skips repeats. */
  dueOnly: boolean;
  /** Only metrics on these datasources (the ones this scorer can query). */
  datasources: string[];
  /** Only these actions' metrics; null: all. */
  actionIds: string[] | null;
  /** Metrics this pass has already had, so a pass never takes one twice. */
  exclude: string[];
  limit: number;
}

/**
 * What a scoring pass takes on: success metrics claimed under a row lease and released with their
 * next check time, and the actions no claim reaches. The scheduling columns (next_check_at, the
 * lease) are scorer bookkeeping, not part of the metric's definition, so they stay out of the entity
 * and are only ever written here.
 */
@Injectable()
export class ScoringLeaseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` metrics in one statement. SKIP LOCKED makes concurrent scorers take
   * disjoint rows instead of waiting on each other; the lease outlives the statement, so a
   * claimed metric stays this scorer's until released or, if the scorer dies, until it expires and
   * another takes it over. Metrics of one action are ordered together so a batch tends to hold
   * whole actions (the outcome is per action).
   *
   * The datasource is the only gate: a metric is claimable when its datasource is one this scorer
   * can query (`datasources`), whether it is measured by PromQL or by an OpenTelemetry selector
   * (translated to PromQL on a prometheus datasource, answered by the OTLP store once that is
   * registered). A source type that cannot evaluate selectors must stay out of that list.
   */
  async claim(request: ClaimRequest, tx?: Tx): Promise<SuccessMetricEntity[]> {
    const em = managerOf(tx, this.dataSource);
    const result: unknown[] = await em.query(
      `UPDATE success_metrics SET lease_owner = $1, lease_expires_at = now() + $2 * interval '1 millisecond'
       WHERE id IN (
         SELECT id FROM success_metrics
         WHERE datasource = ANY($3::text[])
           AND ($4::boolean IS FALSE OR next_check_at IS NULL OR next_check_at <= $5)
           AND (lease_expires_at IS NULL OR lease_expires_at < now())
           AND ($6::uuid[] IS NULL OR action_id = ANY($6::uuid[]))
           AND NOT (id = ANY($7::uuid[]))
         ORDER BY next_check_at NULLS FIRST, action_id, id
         LIMIT $8
         FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [
        request.owner,
        request.leaseMs,
        request.datasources,
        request.dueOnly,
        request.at,
        request.actionIds,
        request.exclude,
        request.limit,
      ],
    );
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const rows = (Array.isArray(result[0]) ? result[0] : result) as Array<{ id: string }>;
    if (rows.length === 0) return [];
    return em
      .getRepository(SuccessMetricEntity)
      .find({ where: { id: In(rows.map((r) => r.id)) }, order: { actionId: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * Gives the metric back after its check was written: the next check is due at `nextCheckAt`
   * (never moved backwards, so replaying an old slot does not make a metric due again).
   */
  async release(metricId: string, owner: string, nextCheckAt: Date | null, tx?: Tx): Promise<void> {
    const em = managerOf(tx, this.dataSource);
    await em.query(
      `UPDATE success_metrics
       SET lease_owner = NULL, lease_expires_at = NULL,
           next_check_at = CASE WHEN $3::timestamptz IS NULL THEN next_check_at
                                ELSE GREATEST(COALESCE(next_check_at, $3::timestamptz), $3::timestamptz) END
       WHERE id = $1 AND lease_owner = $2`,
      [metricId, owner, nextCheckAt],
    );
  }

  /**
   * Actions no claim will reach — no metric this scorer can query — whose flags may still change:
   * open ones (overdue; stalled on statusChangedAt alone) and closed ones with a flag to clear.
   */
  async actionsWithoutScorableMetrics(
    request: Pick<ClaimRequest, 'datasources' | 'actionIds' | 'limit'>,
    tx?: Tx,
  ): Promise<string[]> {
    const em = managerOf(tx, this.dataSource);
    const rows: Array<{ id: string }> = await em.query(
      `SELECT a.id FROM actions a
       WHERE ($2::uuid[] IS NULL OR a.id = ANY($2::uuid[]))
         AND NOT EXISTS (
           SELECT 1 FROM success_metrics m
           WHERE m.action_id = a.id AND m.datasource = ANY($1::text[]))
         AND (a.status NOT IN ${TERMINAL_STATUSES_SQL}
              OR EXISTS (SELECT 1 FROM flags f WHERE f.action_id = a.id AND f.cleared_at IS NULL))
       ORDER BY a.id
       LIMIT $3`,
      [request.datasources, request.actionIds, request.limit],
    );
    return rows.map((r) => r.id);
  }
}
