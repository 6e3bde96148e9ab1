import { describe, expect, it } from '@jest/globals';
import { anAction, CLOSED, NOW, SHIPPED } from '../testing/action.factory';
import { auditSnapshot } from './action';

describe('auditSnapshot', () => {
  it('shows every field a change can touch as the API does, and nothing else', () => {
    const action = anAction({ dueAt: CLOSED, implementedAt: SHIPPED, dueAtFromSlo: true, updatedAt: NOW });
    expect(auditSnapshot(action)).toEqual({
      sourceId: null,
      postmortemId: null,
      title: 'Cap retries',
      description: '',
      ownerTeam: 'payments',
      assignee: null,
      priority: 'P2',
      services: ['checkout'],
      externalRef: null,
      openedAt: '2026-09-01T10:00:00.000Z',
      dueAt: CLOSED.toISOString(),
      status: 'open',
      implementedAt: SHIPPED.toISOString(),
      closedAt: null,
      statusChangedAt: '2026-09-01T10:00:00.000Z',
      verification: null,
      verificationNote: null,
    });
  });
});
