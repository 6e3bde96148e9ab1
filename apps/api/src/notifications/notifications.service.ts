import { Inject, Injectable } from '@nestjs/common';
import { checkAsOf, conflict, notFound } from '@app/domain';
import { NotificationDeliveryRepository, type DeliveryRow } from '@app/persistence';
import { DEFAULT_PAGE_SIZE } from '../actions/action.constants';
import { decodeEventCursor, encodeEventCursor } from '../actions/page-cursor';
import { parseInstant } from '../http/validation/instant';
import { DigestService } from './digest/digest.service';
import { eventPayload } from './format/outgoing-event';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from './notification-settings';
import type { DigestRunDto } from './dto/digest-run.dto';
import type { ListNotificationsQueryDto } from './dto/list-notifications-query.dto';
import type { NotificationDeliveryDto } from './dto/notification-delivery.dto';
import type { NotificationPageDto } from './dto/notification-page.dto';
import type { SendDigestDto } from './dto/send-digest.dto';

@Injectable()
export class NotificationsService {
  constructor(
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly digest: DigestService,
  ) {}

  async page(query: ListNotificationsQueryDto): Promise<NotificationPageDto> {
    // A (createdAt, id) position, like the other lists' cursors.
    const before = query.cursor === undefined ? null : decodeEventCursor(query.cursor);
    const filter = { state: query.state, type: query.type, target: query.target };
    const page = await this.deliveries.page(filter, before, query.limit ?? DEFAULT_PAGE_SIZE);
    return {
      items: page.items.map((row) => this.toDto(row)),
      nextCursor: page.next === null ? null : encodeEventCursor(page.next),
    };
  }

  /** Sends a failed delivery again (same event id), with a fresh attempt budget. */
  async redeliver(id: string): Promise<NotificationDeliveryDto> {
    const found = await this.deliveries.redeliver(id);
    if (found === null) throw notFound('delivery', id);
    if (found !== 'failed') throw conflict(`delivery ${id} is ${found}: only a failed delivery is sent again`);
    return this.toDto((await this.deliveries.findById(id))!);
  }

  /** Writes the digests of a week now (for operators and tests); a week's digest is written once per team. */
  sendDigest(input: SendDigestDto): Promise<DigestRunDto> {
    const now = new Date();
    const at = input.at === undefined ? now : parseInstant(input.at);
    // A later week's digest would be sent now and use up that week's key (once per team and week).
    checkAsOf('at', at, now);
    return this.digest.send(this.digest.slotAt(at));
  }

  private toDto(row: DeliveryRow): NotificationDeliveryDto {
    const event = { id: row.eventId, type: row.type, occurredAt: row.occurredAt, body: row.body };
    return {
      id: row.id,
      eventId: row.eventId,
      type: row.type,
      target: row.target,
      state: row.state,
      attempts: row.attempts,
      lastAttemptAt: iso(row.lastAttemptAt),
      nextAttemptAt: iso(row.nextAttemptAt),
      lastStatus: row.lastStatus,
      lastError: row.lastError,
      deliveredAt: iso(row.deliveredAt),
      createdAt: row.createdAt.toISOString(),
      payload: eventPayload(event, this.settings.publicUrl) as unknown as Record<string, unknown>,
    };
  }
}

function iso(date: Date | null): string | null {
  return date?.toISOString() ?? null;
}
