import { describe, expect, it } from '@jest/globals';
import { anAction, CLOSED, NOW, SHIPPED } from '../testing/action.factory';
import { ACTION_STATUSES } from '../types';
import { flagEvents, statusEvents, verifiedEvent, verifies } from './action-notifications';

const EVIDENCE = [{ metric: 'checkout latency', reason: 'avg 390 over 1–2 Nov (288 samples) vs goal ≤ 300: not met.' }];
const raisedAt = new Date('2026-11-01T00:00:00.000Z');
const action = anAction({ status: 'implemented', implementedAt: SHIPPED, dueAt: CLOSED, assignee: 'sam' });
const notified = {
  id: 'a-1',
  title: 'Cap retries',
  ownerTeam: 'payments',
  priority: 'P2',
  status: 'implemented',
  dueAt: CLOSED.toISOString(),
};

describe('verifiedEvent', () => {
  it('falls back to statusChangedAt and manual for a row that lacks them', () => {
    expect(verifiedEvent({ ...action, status: 'verified', statusChangedAt: NOW }, EVIDENCE)).toEqual({
      type: 'action.verified',
      occurredAt: NOW,
      body: { action: { ...notified, status: 'verified' }, verification: 'manual', closedAt: null, evidence: EVIDENCE },
    });
  });
});

describe('statusEvents', () => {
  it.each(ACTION_STATUSES.flatMap((from) => ACTION_STATUSES.map((to) => [from, to] as const)))(
    '%s → %s',
    (from, to) => {
      const [before, after] = [
        anAction({ status: from }),
        anAction({ status: to, closedAt: CLOSED, verification: 'telemetry' }),
      ];
      const events = statusEvents(before, after, EVIDENCE);
      const verifying = to === 'verified' && from !== 'verified';
      expect(verifies(before, after)).toBe(verifying);
      expect(events.map((e) => e.type)).toEqual(verifying ? ['action.verified'] : []);
      for (const event of events) expect(event.body).toMatchObject({ evidence: EVIDENCE });
    },
  );
});

describe('flagEvents', () => {
  const flag = { kind: 'stalled' as const, reason: 'no progress', raisedAt, clearedAt: null };

  it('reports a raised flag at its raisedAt, never naming the assignee', () => {
    expect(flagEvents(action, 'flag.raised', flag, EVIDENCE)).toEqual([
      {
        type: 'flag.raised',
        occurredAt: raisedAt,
        body: {
          action: notified,
          flag: { kind: 'stalled', reason: 'no progress', raisedAt: raisedAt.toISOString(), clearedAt: null },
          evidence: EVIDENCE,
        },
      },
    ]);
  });

  it('reports a cleared flag at its clearedAt', () => {
    const [event] = flagEvents(action, 'flag.cleared', { ...flag, clearedAt: NOW }, EVIDENCE);
    expect(event).toMatchObject({
      type: 'flag.cleared',
      occurredAt: NOW,
      body: { flag: { clearedAt: NOW.toISOString() } },
    });
  });

  it('adds action.ineffective to a raised ineffective flag, with the same body', () => {
    const events = flagEvents(action, 'flag.raised', { ...flag, kind: 'ineffective' }, EVIDENCE);
    expect(events.map((e) => e.type)).toEqual(['flag.raised', 'action.ineffective']);
    expect(events[1].body).toBe(events[0].body);
  });

  it('does not repeat action.ineffective when the flag clears', () => {
    expect(
      flagEvents(action, 'flag.cleared', { ...flag, kind: 'ineffective', clearedAt: NOW }, EVIDENCE).map((e) => e.type),
    ).toEqual(['flag.cleared']);
  });
});
