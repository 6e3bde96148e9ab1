import type { RequestExample } from '../../http/request-examples.decorator';

export const CREATE_POSTMORTEM_EXAMPLES: Record<string, RequestExample> = {
  incident: {
    summary: 'An incident with its timeline and contributing factors',
    value: {
      kind: 'incident',
      title: 'Checkout latency spike after the payment gateway failover',
      severity: 'SEV2',
      occurredAt: '2026-11-02T14:05:00Z',
      resolvedAt: '2026-11-02T16:40:00Z',
      services: ['checkout', 'payment-gateway'],
      summary:
        'p99 checkout latency rose from 0.8 s to 4 s for 2.5 hours after the gateway failed over to the secondary region.',
      timeline: [
        { at: '2026-11-02T14:05:00Z', text: 'Gateway fails over to eu-west-2' },
        { at: '2026-11-02T14:12:00Z', text: 'Checkout p99 alert pages the on-call engineer' },
        { at: '2026-11-02T16:40:00Z', text: 'Connection pool resized; latency back to normal' },
      ],
      contributingFactors: [
        { kind: 'trigger', category: 'technology', text: 'Failover doubled the round trip to the gateway' },
        { kind: 'latent', category: 'technology', text: 'The connection pool was sized for one region' },
      ],
    },
  },
};

export const UPDATE_POSTMORTEM_EXAMPLES: Record<string, RequestExample> = {
  resolved: {
    summary: 'Correct the resolution time and add a service',
    value: { resolvedAt: '2026-11-02T16:45:00Z', services: ['checkout', 'payment-gateway', 'cart'] },
  },
};
