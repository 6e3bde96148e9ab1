import { Injectable } from '@nestjs/common';
import { managerOf, type Tx } from '../transaction/tx';

/** Webhook deliveries already acted on, so a repeated delivery changes nothing twice. */
@Injectable()
export class TrackerDeliveryRepository {
  /**
   * Records the delivery in the transaction that acts on it; false when it was recorded before.
   * Two concurrent deliveries of one id: the second waits on the first's row and then sees it.
   */
  async recordOnce(tracker: string, deliveryId: string, tx: Tx): Promise<boolean> {
    const rows: unknown[] = await managerOf(tx).query(
      `INSERT INTO tracker_deliveries (tracker, delivery_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING delivery_id`,
      [tracker, deliveryId],
    );
    return rows.length > 0;
  }
}
