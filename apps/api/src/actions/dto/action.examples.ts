import type { RequestExample } from '../../http/request-examples.decorator';

export const CREATE_ACTION_EXAMPLES: Record<string, RequestExample> = {
  action: {
    summary: 'A corrective action of a post-mortem (postmortemId: the id POST /api/v1/postmortems returned)',
    value: {
      postmortemId: '0b7f3c52-6c1e-4f0e-9a57-2d1b8f6a9e41',
      title: 'Size the checkout connection pool for both regions',
      description: 'Set the pool to 2x the peak concurrent requests of one region.',
      ownerTeam: 'payments',
      priority: 'P1',
      services: ['checkout'],
      externalRef: 'https://jira.example.com/browse/PAY-1234',
    },
  },
  imported: {
    summary: 'An existing action item imported at its status, with its dates (audited as the moves they imply)',
    value: {
      title: 'Cap client retries at 10% of requests',
      ownerTeam: 'payments',
      priority: 'P2',
      openedAt: '2026-09-01T09:00:00Z',
      status: 'implemented',
      implementedAt: '2026-10-01T17:00:00Z',
      externalRef: 'https://jira.example.com/browse/PAY-1187',
    },
  },
};

export const UPDATE_ACTION_EXAMPLES: Record<string, RequestExample> = {
  start: {
    summary: 'Start the work',
    value: { status: 'in_progress', assignee: 'team-payments-oncall' },
  },
};

/** A CSV import (docs/import.md): a header row, then one action item per row. */
export const ACTION_CSV_EXAMPLE = [
  'sourceId,postmortem,title,ownerTeam,priority,services,status,openedAt,implementedAt,externalRef',
  'pay-1187,checkout-outage,Cap client retries at 10% of requests,payments,P1,checkout,implemented,2026-09-01T09:00:00Z,2026-10-01T17:00:00Z,https://jira.example.com/browse/PAY-1187',
  'pay-1190,checkout-outage,Alert on connection pool saturation,platform,P2,checkout;db,open,2026-09-02T10:00:00Z,,',
].join('\n');
