import type { NotificationEventType } from '@app/domain';
import type { DeliveryState } from '@app/persistence';

/** One event on its way to one target. Targets are named; their URLs, headers and secrets never appear. */
export class NotificationDeliveryDto {
  id: string;
  /** The event's id: the X-Remediation-Event-Id header, the same on every attempt. */
  eventId: string;
  type: NotificationEventType;
  target: string;
  state: DeliveryState;
  attempts: number;
  lastAttemptAt: string | null;
  /** When the next attempt is due; null once delivered or failed. */
  nextAttemptAt: string | null;
  /** The HTTP status of the last attempt; null when it got no answer. */
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  /** The event as the json format sends it. */
  payload: Record<string, unknown>;
}
