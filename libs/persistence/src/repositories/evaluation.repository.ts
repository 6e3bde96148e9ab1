import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Direction, MetricEvidence } from '@app/domain';
import { EvaluationEntity } from '../entities/evaluation.entity';
import { keysetPage, type EventPosition, type KeysetPage } from './keyset-page';
import { managerOf, type Tx } from '../transaction/tx';

/** A metric's newest check, in numbers. */
export interface LatestMeasurement {
  name: string;
  direction: Direction;
  baseline: number | null;
  value: number | null;
  goal: number | null;
}

/** Where a page of evaluations starts: after this (at, id), newest first. */
export type EvaluationPosition = EventPosition;

export type EvaluationPage = KeysetPage<EvaluationEntity>;

/** The checks as the API shows them: each metric's newest, and an action's history page by page. */
/** A check that measured a value. */
export interface MeasuredCheckRow {
  metricId: string;
  at: Date;
  value: number;
  goal: number | null;
}

@Injectable()
export class EvaluationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The newest check of each metric, in one query whatever the number of metrics. */
  async latestByMetrics(metricIds: string[], tx?: Tx): Promise<EvaluationEntity[]> {
    const em = managerOf(tx, this.dataSource);
    if (metricIds.length === 0) return [];
    return (
      em
        .getRepository(EvaluationEntity)
        .createQueryBuilder('e')
        // One index probe per metric for its newest check, rather than reading every check of every
        // metric and sorting them (DISTINCT ON): a metric's history grows with every check.
        .where(
          `e.id IN (SELECT (SELECT x.id FROM evaluations x WHERE x.metric_id = m.id ORDER BY x.at DESC, x.id DESC LIMIT 1)
                  FROM unnest(CAST(:metricIds AS uuid[])) AS m(id))`,
          { metricIds },
        )
        .orderBy('e.metricId')
        .getMany()
    );
  }

  /**
   * Each metric's newest `perMetric` checks that measured a value (no error), oldest first: the
   * trend a small chart draws. One index range per metric, however long its history.
   */
  async recentValues(metricIds: string[], perMetric: number, tx?: Tx): Promise<MeasuredCheckRow[]> {
    const em = managerOf(tx, this.dataSource);
    if (metricIds.length === 0) return [];
    const rows: Array<{ metricId: string; at: Date | string; value: number | string; goal: number | string | null }> =
      await em.query(
        `SELECT m.id AS "metricId", r.at, r.value, r.goal
         FROM unnest(CAST($1 AS uuid[])) AS m(id)
         CROSS JOIN LATERAL (
           SELECT e.at, e.value, e.goal FROM evaluations e
           WHERE e.metric_id = m.id AND e.value IS NOT NULL AND e.error IS NULL
           ORDER BY e.at DESC, e.id DESC LIMIT $2
         ) r
         ORDER BY m.id, r.at`,
        [metricIds, perMetric],
      );
    return rows.map((row) => ({
      metricId: row.metricId,
      at: new Date(row.at),
      value: Number(row.value),
      goal: row.goal === null ? null : Number(row.goal),
    }));
  }

  /**
   * Each of an action's metrics by name with its newest check's reason (null when it has no check
   * yet), oldest metric first: the evidence a notification carries. "Newest" as `latestByMetrics`
   * orders it, so the event says what the API shows.
   */
  async latestReasonsOfAction(actionId: string, tx?: Tx): Promise<MetricEvidence[]> {
    const em = managerOf(tx, this.dataSource);
    const rows: Array<{ metric: string; reason: string | null }> = await em.query(
      `SELECT m.name AS metric, latest.reason AS reason
       FROM success_metrics m
       LEFT JOIN LATERAL (
         SELECT e.reason FROM evaluations e WHERE e.metric_id = m.id ORDER BY e.at DESC, e.id DESC LIMIT 1
       ) latest ON true
       WHERE m.action_id = $1
       ORDER BY m.created_at, m.id`,
      [actionId],
    );
    return rows.map((row) => ({ metric: row.metric, reason: row.reason ?? null }));
  }

  /**
   * Each of an action's metrics with its newest check's baseline, value and goal (null before its
   * first check), oldest metric first: the numbers an outcome written back to an issue quotes.
   */
  async latestMeasurementsOfAction(actionId: string, tx?: Tx): Promise<LatestMeasurement[]> {
    const em = managerOf(tx, this.dataSource);
    const rows: Array<Record<string, unknown>> = await em.query(
      `SELECT m.name, m.direction, latest.baseline, latest.value, latest.goal
       FROM success_metrics m
       LEFT JOIN LATERAL (
         SELECT e.baseline, e.value, e.goal FROM evaluations e
         WHERE e.metric_id = m.id ORDER BY e.at DESC, e.id DESC LIMIT 1
       ) latest ON true
       WHERE m.action_id = $1
       ORDER BY m.created_at, m.id`,
      [actionId],
    );
    const number = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return rows.map((r) => ({
      name: r.name as string,
      direction: r.direction as Direction,
      baseline: number(r.baseline),
      value: number(r.value),
      goal: number(r.goal),
    }));
  }

  /** An action's checks, newest first; one row more than asked tells whether a next page exists. */
  async pageByAction(
    actionId: string,
    before: EvaluationPosition | null,
    limit: number,
    tx?: Tx,
  ): Promise<EvaluationPage> {
    const em = managerOf(tx, this.dataSource);
    const qb = em.getRepository(EvaluationEntity).createQueryBuilder('e').where('e.actionId = :actionId', { actionId });
    return keysetPage(qb, { by: 'at', direction: 'DESC' }, before, limit);
  }
}
