import { Injectable } from '@nestjs/common';
import type { BaselineModel } from '@app/scoring';
import { managerOf, type Tx } from '../transaction/tx';

/**
 * What the scorer learns about a success metric from its checks and keeps on the metric's row: the
 * baseline it measured (when no one gave one), the model of the baseline's samples, the pre-fix
 * value and the met streak. Written inside the transaction
 * that records the checks.
 */
@Injectable()
export class MetricMeasuredStateRepository {
  /**
   * Stores the baseline the scorer measured, the first time only: a measured baseline stored
   * meanwhile, or an explicit one given by a person, wins and stays.
   */
  async recordMeasuredBaselineOnce(metricId: string, value: number, tx: Tx): Promise<void> {
    const em = managerOf(tx);
    await em.query(
      `UPDATE success_metrics SET baseline_value = $2 WHERE id = $1 AND baseline_value IS NULL AND baseline IS NULL`,
      [metricId, value],
    );
  }

  /** Stores the model of the baseline's samples the first time only: one stored meanwhile wins and stays. */
  async recordBaselineModelOnce(metricId: string, model: BaselineModel, tx: Tx): Promise<void> {
    const em = managerOf(tx);
    await em.query(`UPDATE success_metrics SET baseline_model = $2 WHERE id = $1 AND baseline_model IS NULL`, [
      metricId,
      JSON.stringify(model),
    ]);
  }

  /** The pre-fix window's value, measured for the fix shipped at `implementedAt`. */
  async setPreFixValue(metricId: string, value: number, implementedAt: Date, tx: Tx): Promise<void> {
    const em = managerOf(tx);
    await em.query(`UPDATE success_metrics SET pre_fix_value = $2, pre_fix_for = $3 WHERE id = $1`, [
      metricId,
      value,
      implementedAt,
    ]);
  }

  /** The met streak as of the metric's newest check, as the scorer derived it from its checks in time order. */
  async setMetSince(metricId: string, metSince: Date | null, tx: Tx): Promise<void> {
    const em = managerOf(tx);
    await em.query(`UPDATE success_metrics SET met_since = $2 WHERE id = $1`, [metricId, metSince]);
  }
}
