import { describe, expect, it } from '@jest/globals';
import type { NotificationBody, NotificationEventType } from '@app/domain';
import { outcomeMarker, outcomeOfEvent, stalledWhenLinked } from './outcome-of-event';

const action = {
  id: '6f1c2a9e-0000-4000-8000-000000000001',
  title: 'Cap the retry budget',
  ownerTeam: 'payments',
  priority: 'P2' as const,
  status: 'verified' as const,
  dueAt: null,
};
const flagged = (kind: string, reason: string): NotificationBody =>
  ({
    action,
    flag: { kind, reason, raisedAt: '2026-11-01T00:00:00.000Z', clearedAt: null },
    evidence: [],
  }) as NotificationBody;
const verified = (verification: 'telemetry' | 'manual'): NotificationBody => ({
  action,
  verification,
  closedAt: '2026-11-01T00:00:00.000Z',
  evidence: [
    { metric: 'p99 latency', reason: 'met: 240 ≤ 300 for 7 days' },
    { metric: 'errors', reason: null },
    { metric: 'saturation', reason: 'met: 0.4 ≤ 0.6 for 7 days' },
  ],
});

describe('outcomeOfEvent', () => {
  it.each<[NotificationEventType, NotificationBody, string, string]>([
    ['flag.raised', flagged('stalled', 'no progress in 14 days'), 'stalled', 'no progress in 14 days'],
    ['flag.raised', flagged('regressed', 'back above 300 ms'), 'regressed', 'back above 300 ms'],
    ['action.ineffective', flagged('ineffective', 'not met within 3 days'), 'ineffective', 'not met within 3 days'],
    ['action.verified', verified('manual'), 'verified', 'verified by a person'],
  ])('%s is written back', (type, body, outcome, reason) => {
    expect(outcomeOfEvent(type, body)).toEqual({ outcome, actionId: action.id, reason });
  });

  it("quotes each metric's latest reason for a verification by telemetry, metrics without one left out", () => {
    expect(outcomeOfEvent('action.verified', verified('telemetry'))?.reason).toBe(
      'p99 latency: met: 240 ≤ 300 for 7 days; saturation: met: 0.4 ≤ 0.6 for 7 days',
    );
  });

  it.each<[NotificationEventType, NotificationBody]>([
    ['flag.raised', flagged('ineffective', 'said by action.ineffective')],
    ['flag.raised', flagged('overdue', 'due yesterday')],
    ['flag.raised', flagged('no_telemetry', 'no samples')],
    ['flag.cleared', flagged('regressed', 'recovered')],
    ['flag.cleared', flagged('stalled', 'moving again')],
    [
      'digest.weekly',
      {
        team: 'payments',
        week: '2026-W45',
        counts: { open: 1, overdue: 0, stalled: 0 },
        actions: [],
        truncated: false,
      },
    ],
  ])('%s (%#) is not written back', (type, body) => {
    expect(outcomeOfEvent(type, body)).toBeNull();
  });
});

describe('outcomeMarker', () => {
  it('is an HTML comment (hidden in rendered Markdown) naming the event', () => {
    expect(outcomeMarker('e-1')).toBe('<!-- remediation-event:e-1 -->');
    expect(outcomeMarker('e-1')).not.toBe(outcomeMarker('e-2'));
  });
});

describe('stalledWhenLinked', () => {
  const DAY = 86_400_000;
  const linkedAt = new Date('2026-06-15T00:00:00Z');
  const changedDaysBeforeLink = (days: number) => new Date(linkedAt.getTime() - days * DAY);

  it.each([
    [30, true],
    [14, true],
    [13.9, false],
    [0, false],
    [-3, false],
  ])('status unchanged for %d days when linked (stallAfter 14d) → %s', (days, expected) => {
    expect(stalledWhenLinked(changedDaysBeforeLink(days), 14 * DAY, linkedAt)).toBe(expected);
  });
});
