import { Injectable } from '@nestjs/common';
import { managerOf, type Tx } from '../transaction/tx';

/**
 * What the scorer learns about a success metric from its checks and keeps on the metric's row: the
 * baseline it measured (when no one gave one) and the met streak. Written inside the transaction
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

  /** The met streak as of the metric's newest check, as the scorer derived it from its checks in time order. */
  async setMetSince(metricId: string, metSince: Date | null, tx: Tx): Promise<void> {
    const em = managerOf(tx);
    await em.query(`UPDATE success_metrics SET met_since = $2 WHERE id = $1`, [metricId, metSince]);
  }
}
