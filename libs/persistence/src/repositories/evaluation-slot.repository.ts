import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EvaluationEntity } from '../entities/evaluation.entity';
import { managerOf, type Tx } from '../transaction/tx';

export type NewEvaluation = Omit<EvaluationEntity, 'id' | 'createdAt'>;

/** The scorer's record of its checks: one standing check per (metric, slot). */
@Injectable()
export class EvaluationSlotRepository {
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
         verdict, p_value, effective_samples, samples, dropped_samples, error, reason, duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT (metric_id, slot) DO UPDATE SET
         at = EXCLUDED.at, window_start = EXCLUDED.window_start, window_end = EXCLUDED.window_end, value = EXCLUDED.value,
         baseline = EXCLUDED.baseline, goal = EXCLUDED.goal, progress = EXCLUDED.progress, verdict = EXCLUDED.verdict,
         p_value = EXCLUDED.p_value, effective_samples = EXCLUDED.effective_samples, samples = EXCLUDED.samples,
         dropped_samples = EXCLUDED.dropped_samples, error = EXCLUDED.error, reason = EXCLUDED.reason,
         duration_ms = EXCLUDED.duration_ms
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
        row.effectiveSamples === null ? null : JSON.stringify(row.effectiveSamples),
        row.samples,
        row.droppedSamples,
        row.error,
        row.reason,
        row.durationMs,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Of these (metric, slot) pairs, the metrics whose slot already holds a check that stands (to
   * skip their fetch altogether); an `error` one does not. One read for a whole claimed batch.
   */
  async takenSlots(slots: ReadonlyArray<{ metricId: string; slot: Date }>, tx?: Tx): Promise<Set<string>> {
    if (slots.length === 0) return new Set();
    const em = managerOf(tx, this.dataSource);
    const rows: Array<{ metric_id: string }> = await em.query(
      `SELECT DISTINCT e.metric_id FROM evaluations e
       JOIN unnest($1::uuid[], $2::timestamptz[]) AS s(metric_id, slot) ON e.metric_id = s.metric_id AND e.slot = s.slot
       WHERE e.verdict <> 'error'`,
      [slots.map((s) => s.metricId), slots.map((s) => s.slot)],
    );
    return new Set(rows.map((r) => r.metric_id));
  }
}
