import { describe, expect, it } from '@jest/globals';
import { notifiedAction, subscribedTargets, type ActionFacts } from './notification-event';

describe('notifiedAction', () => {
  it('keeps what a receiver needs and drops everything else — the assignee above all', () => {
    const row = {
      id: 'a-1',
      title: 'Cap retries',
      ownerTeam: 'payments',
      priority: 'P1',
      status: 'implemented',
      dueAt: new Date('2026-12-01T00:00:00Z'),
      assignee: 'someone',
      description: 'long text',
    } as ActionFacts;
    expect(notifiedAction(row)).toEqual({
      id: 'a-1',
      title: 'Cap retries',
      ownerTeam: 'payments',
      priority: 'P1',
      status: 'implemented',
      dueAt: '2026-12-01T00:00:00.000Z',
    });
  });

  it('says null for an action without a due date', () => {
    expect(
      notifiedAction({ id: 'a', title: 't', ownerTeam: 'x', priority: 'P3', status: 'open', dueAt: null }).dueAt,
    ).toBeNull();
  });
});

describe('subscribedTargets', () => {
  const targets = [
    { name: 'all' },
    { name: 'flags', events: ['flag.raised', 'flag.cleared'] },
    { name: 'digest', events: ['digest.weekly'] },
  ];

  it.each([
    ['flag.raised', ['all', 'flags']],
    ['flag.cleared', ['all', 'flags']],
    ['action.verified', ['all']],
    ['action.ineffective', ['all']],
    ['digest.weekly', ['all', 'digest']],
  ] as const)('sends %s to %j', (type, names) => {
    expect(subscribedTargets(targets, type)).toEqual(names);
  });

  it('sends nothing when no target is configured', () => {
    expect(subscribedTargets([], 'flag.raised')).toEqual([]);
  });
});
