import { eventPayload, type OutgoingEvent } from './outgoing-event';

/** Format `json`: the event itself. */
export function jsonBody(event: OutgoingEvent, publicUrl: string | null): string {
  return JSON.stringify(eventPayload(event, publicUrl));
}
