import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EvaluationEntity, EvaluationVerdict } from '../entities/evaluation.entity';
import { keysetPage, type EventPosition, type KeysetPage } from './keyset-page';
import { managerOf, type Tx } from '../transaction/tx';

export type NewEvaluation = Omit<EvaluationEntity, 'id' | 'createdAt'>;

/** Where a page of evaluations starts: after this (at, id), newest first. */
export type EvaluationPosition = EventPosition;

export type EvaluationPage = KeysetPage<EvaluationEntity>;

/** A metric's checks before some time, summarised as the action-level rules read them. */
export interface PriorChecksRow {
  metricId: string;
  metSince: Date | null;
  /** Newest first. */
  recentVerdicts: EvaluationVerdict[];
  /** Successful checks (met/improving/not_met), newest first. */
  recentSuccessful: Array<{ at: Date; verdict: EvaluationVerdict; progress: number | null }>;
  bestProgress: number | null;
  latestProgress: number | null;
}

/** One check as the action-level rules read it. */
export interface CheckRow {
  metricId: string;
  at: Date;
  verdict: EvaluationVerdict;
  progress: number | null;
}

const SUCCESSFUL = `verdict IN ('met', 'improving', 'not_met')`;

@Injectable()
export class EvaluationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records a check unless its (metric, slot) was already scored — by this scorer or another:
   * the unique constraint decides, so a slot is scored once however many scorers race for it.
   * An `error` check holds its slot only until a successful one replaces it (a retry, a later
   * pass, a replay); never the reverse, and a successful check is never replaced.
   * Returns the id written, or null when the slot was taken.
   */
  async insertIfNew(row: NewEvaluation, tx: Tx): Promise<string | null> {
    const em = managerOf(tx);
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO evaluations (metric_id, action_id, slot, at, window_start, window_end, value, baseline, goal, progress,
         verdict, p_value, samples, dropped_samples, error, duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (metric_id, slot) DO UPDATE SET
         at = EXCLUDED.at, window_start = EXCLUDED.window_start, window_end = EXCLUDED.window_end, value = EXCLUDED.value,
         baseline = EXCLUDED.baseline, goal = EXCLUDED.goal, progress = EXCLUDED.progress, verdict = EXCLUDED.verdict,
         p_value = EXCLUDED.p_value, samples = EXCLUDED.samples, dropped_samples = EXCLUDED.dropped_samples,
         error = EXCLUDED.error, duration_ms = EXCLUDED.duration_ms
       WHERE evaluations.verdict = 'error' AND EXCLUDED.verdict <> 'error'
       RETURNING id`,
      [
        row.metricId,
        row.actionId,
        row.slot,
        row.at,
        row.windowStart,
        row.windowEnd,
        row.value,
        row.baseline,
        row.goal,
        row.progress,
        row.verdict,
        row.pValue,
        row.samples,
        row.droppedSamples,
        row.error,
        row.durationMs,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** Whether the metric already has a check in this slot that stands (to skip the fetch altogether); an `error` one does not. */
  async slotTaken(metricId: string, slot: Date, tx?: Tx): Promise<boolean> {
    const em = managerOf(tx, this.dataSource);
    const rows: unknown[] = await em.query(`SELECT 1 FROM evaluations WHERE metric_id = $1 AND slot = $2 AND verdict <> 'error'`, [metricId, slot]);
    return rows.length > 0;
  }

  /** The newest check of each metric, in one query whatever the number of metrics. */
  async latestByMetrics(metricIds: string[], tx?: Tx): Promise<EvaluationEntity[]> {
    const em = managerOf(tx, this.dataSource);
    if (metricIds.length === 0) return [];
    return em
      .getRepository(EvaluationEntity)
      .createQueryBuilder('e')
      .distinctOn(['e.metricId'])
      .where('e.metricId IN (:...metricIds)', { metricIds })
      .orderBy('e.metricId')
      .addOrderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .getMany();
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

  /**
   * Each metric's checks before `before`, summarised as the action-level rules read them once the
   * checks are out of every sliding window: the met streak (the first `met` after the last
   * `improving`/`not_met`), the last `depth` verdicts and successful checks, the best and the latest
   * progress of successful checks (see libs/scoring `summariseChecks`, which this mirrors).
   */
  async priorChecks(metricIds: string[], before: Date, depth: number, tx: Tx): Promise<PriorChecksRow[]> {
    const em = managerOf(tx);
    if (metricIds.length === 0) return [];
    const rows: Array<Record<string, unknown>> = await em.query(
      `WITH e AS (
         SELECT metric_id, at, verdict, progress,
           row_number() OVER (PARTITION BY metric_id ORDER BY at DESC, id DESC) AS rn,
           CASE WHEN ${SUCCESSFUL}
             THEN row_number() OVER (PARTITION BY metric_id, ${SUCCESSFUL} ORDER BY at DESC, id DESC) END AS srn,
           max(at) FILTER (WHERE verdict IN ('improving', 'not_met')) OVER (PARTITION BY metric_id) AS last_miss
         FROM evaluations
         WHERE metric_id = ANY($1::uuid[]) AND at < $2
       )
       SELECT metric_id AS "metricId",
         min(at) FILTER (WHERE verdict = 'met' AND (last_miss IS NULL OR at > last_miss)) AS "metSince",
         json_agg(verdict ORDER BY rn) FILTER (WHERE rn <= $3) AS "recentVerdicts",
         json_agg(json_build_object('at', at, 'verdict', verdict, 'progress', progress) ORDER BY srn)
           FILTER (WHERE srn <= $3) AS "recentSuccessful",
         max(progress) FILTER (WHERE srn IS NOT NULL) AS "bestProgress",
         max(progress) FILTER (WHERE srn = 1) AS "latestProgress"
       FROM e GROUP BY metric_id`,
      [metricIds, before, depth],
    );
    return rows.map((row) => {
      const successful = (json(row.recentSuccessful) ?? []) as Array<{ at: string; verdict: EvaluationVerdict; progress: number | null }>;
      return {
        metricId: row.metricId as string,
        metSince: row.metSince === null || row.metSince === undefined ? null : new Date(row.metSince as string | Date),
        recentVerdicts: (json(row.recentVerdicts) ?? []) as EvaluationVerdict[],
        recentSuccessful: successful.map((s) => ({ at: new Date(s.at), verdict: s.verdict, progress: num(s.progress) })),
        bestProgress: num(row.bestProgress),
        latestProgress: num(row.latestProgress),
      };
    });
  }

  /** The metrics' checks at or after `from`, oldest first, as the action-level rules read them. */
  async checksSince(metricIds: string[], from: Date, tx: Tx): Promise<CheckRow[]> {
    const em = managerOf(tx);
    if (metricIds.length === 0) return [];
    const rows: Array<{ metricId: string; at: Date; verdict: EvaluationVerdict; progress: unknown }> = await em.query(
      `SELECT metric_id AS "metricId", at, verdict, progress FROM evaluations
       WHERE metric_id = ANY($1::uuid[]) AND at >= $2
       ORDER BY at, id`,
      [metricIds, from],
    );
    return rows.map((r) => ({ metricId: r.metricId, at: new Date(r.at), verdict: r.verdict, progress: num(r.progress) }));
  }
}

/** node-postgres parses json columns; the embedded driver may hand them over as text. */
function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function num(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
