import { NotificationDeliveryDto } from './notification-delivery.dto';

export class NotificationPageDto {
  /** Newest first. */
  items: NotificationDeliveryDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
