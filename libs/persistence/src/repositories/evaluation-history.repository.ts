import { Injectable } from '@nestjs/common';
import type { EvaluationVerdict } from '../entities/evaluation.entity';
import { jsonValue, numberOrNull } from './column-values';
import { managerOf, type Tx } from '../transaction/tx';

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

/**
 * The checks an outcome replay reads: the older ones summarised, the recent ones one by one, inside
 * the transaction that holds the action's row lock.
 */
@Injectable()
export class EvaluationHistoryRepository {
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
      const successful = (jsonValue(row.recentSuccessful) ?? []) as Array<{
        at: string;
        verdict: EvaluationVerdict;
        progress: number | null;
      }>;
      return {
        metricId: row.metricId as string,
        metSince: row.metSince === null || row.metSince === undefined ? null : new Date(row.metSince as string | Date),
        recentVerdicts: (jsonValue(row.recentVerdicts) ?? []) as EvaluationVerdict[],
        recentSuccessful: successful.map((s) => ({
          at: new Date(s.at),
          verdict: s.verdict,
          progress: numberOrNull(s.progress),
        })),
        bestProgress: numberOrNull(row.bestProgress),
        latestProgress: numberOrNull(row.latestProgress),
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
    return rows.map((r) => ({
      metricId: r.metricId,
      at: new Date(r.at),
      verdict: r.verdict,
      progress: numberOrNull(r.progress),
    }));
  }
}
