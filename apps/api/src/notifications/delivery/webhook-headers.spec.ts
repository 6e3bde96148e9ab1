import { describe, expect, it } from '@jest/globals';
import { signWebhook } from './webhook-signer';
import { webhookHeaders, type HeaderInput } from './webhook-headers';

const INPUT: HeaderInput = {
  eventId: '6f1c1f0e-0000-4000-8000-000000000001',
  eventType: 'flag.raised',
  deliveryId: '6f1c1f0e-0000-4000-8000-000000000002',
  attempt: 3,
  timestamp: 1_764_000_000,
  body: '{"a":1}',
  extra: {},
};

describe('webhookHeaders', () => {
  it('names the event, the delivery and the attempt, without a signature when there is no secret', () => {
    expect(webhookHeaders(INPUT)).toEqual({
      'content-type': 'application/json',
      'user-agent': 'remediation-tracker-webhooks/1',
      'x-remediation-event-id': INPUT.eventId,
      'x-remediation-event-type': 'flag.raised',
      'x-remediation-delivery-id': INPUT.deliveryId,
      'x-remediation-attempt': '3',
      'x-remediation-timestamp': '1764000000',
    });
  });

  it('signs the timestamp and body with the secret', () => {
    const headers = webhookHeaders({ ...INPUT, secret: 'sixteen-chars-secret' });
    expect(headers['x-remediation-signature']).toBe(signWebhook('sixteen-chars-secret', 1_764_000_000, '{"a":1}'));
  });

  it("adds the target's headers, but never lets them replace ours", () => {
    const headers = webhookHeaders({
      ...INPUT,
      extra: { Authorization: 'Bearer t', 'X-Remediation-Event-Id': 'forged', 'Content-Type': 'text/plain' },
    });
    expect(headers.Authorization).toBe('Bearer t');
    expect(headers['X-Remediation-Event-Id']).toBeUndefined();
    expect(headers['Content-Type']).toBeUndefined();
    expect(headers['x-remediation-event-id']).toBe(INPUT.eventId);
    expect(headers['content-type']).toBe('application/json');
  });
});
