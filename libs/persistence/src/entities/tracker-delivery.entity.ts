import { Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from './columns';

/** A tracker's webhook delivery, recorded once: a repeated delivery is recognised and ignored. */
@Entity('tracker_deliveries')
export class TrackerDeliveryEntity {
  @PrimaryColumn({ type: 'text' })
  tracker: string;

  @PrimaryColumn({ type: 'text' })
  deliveryId: string;

  @TimestampColumn({ default: () => 'now()', insert: false, update: false })
  receivedAt: Date;
}
