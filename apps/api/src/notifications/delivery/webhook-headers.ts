import { signWebhook } from './webhook-signer';

export interface HeaderInput {
  eventId: string;
  eventType: string;
  deliveryId: string;
  attempt: number;
  /** Unix seconds. */
  timestamp: number;
  body: string;
  secret?: string;
  /** The target's own headers; ours win on a clash, so a target cannot fake an id or a signature. */
  extra: Readonly<Record<string, string>>;
}

/** Every delivery's headers. The event id is the same on every retry: receivers deduplicate by it. */
export function webhookHeaders(input: HeaderInput): Record<string, string> {
  const ours: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'remediation-tracker-webhooks/1',
    'x-remediation-event-id': input.eventId,
    'x-remediation-event-type': input.eventType,
    'x-remediation-delivery-id': input.deliveryId,
    'x-remediation-attempt': String(input.attempt),
    'x-remediation-timestamp': String(input.timestamp),
  };
  if (input.secret !== undefined)
    ours['x-remediation-signature'] = signWebhook(input.secret, input.timestamp, input.body);
  const theirs = Object.fromEntries(Object.entries(input.extra).filter(([k]) => !(k.toLowerCase() in ours)));
  return { ...theirs, ...ours };
}
