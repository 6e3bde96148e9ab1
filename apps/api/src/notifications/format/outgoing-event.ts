import type { NotificationBody, NotificationEventType, NotificationPayload, NotifiedAction } from '@app/domain';

/** An outbox event as it leaves: its envelope and body. */
export interface OutgoingEvent {
  id: string;
  type: NotificationEventType;
  occurredAt: Date;
  body: NotificationBody;
}

/** The event as receivers get it, with each action linked when the service's public URL is known. */
export function eventPayload(event: OutgoingEvent, publicUrl: string | null): NotificationPayload {
  const link = <T extends NotifiedAction>(action: T): T =>
    publicUrl === null ? action : { ...action, url: `${publicUrl.replace(/\/+$/, '')}/api/v1/actions/${action.id}` };
  const body = event.body;
  const linked: NotificationBody =
    'actions' in body ? { ...body, actions: body.actions.map(link) } : { ...body, action: link(body.action) };
  return { id: event.id, type: event.type, occurredAt: event.occurredAt.toISOString(), ...linked };
}
