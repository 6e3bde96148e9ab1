import { describe, expect, it } from '@jest/globals';
import { issuePriority } from './issue-priority';

describe('issuePriority', () => {
  it.each<[string[], string | null, string | null]>([
    [['P0'], null, 'P0'],
    [['p1'], null, 'P1'],
    [['P3'], null, 'P3'],
    [['priority:P1'], null, 'P1'],
    [['Priority: p2'], null, 'P2'],
    [['priority/P0'], null, 'P0'],
    [['priority-p3'], null, 'P3'],
    [[' P2 '], null, 'P2'],
    [['P3', 'bug', 'priority:P1'], null, 'P1'],
    [['P4'], null, null],
    [['P10'], null, null],
    [['priority:high'], null, null],
    [['xP1'], null, null],
    [['bug'], null, null],
    [[], null, null],
    [[], 'Highest', 'P0'],
    [[], 'High', 'P1'],
    [[], 'Medium', 'P2'],
    [[], 'Low', 'P3'],
    [[], 'Lowest', 'P3'],
    [[], 'Blocker', 'P0'],
    [[], 'Critical', 'P1'],
    [[], 'Major', 'P2'],
    [[], 'Minor', 'P3'],
    [[], 'Trivial', 'P3'],
    [[], ' high ', 'P1'],
    [[], 'Urgent', null],
    [[], '', null],
    [['P3'], 'Highest', 'P3'],
    [['bug'], 'High', 'P1'],
  ])('labels %j, priority %j → %s', (labels, priority, expected) => {
    expect(issuePriority({ labels, priority })).toBe(expected);
  });

  it('does not take a name from the object prototype for a priority', () => {
    expect(issuePriority({ labels: [], priority: 'constructor' })).toBeNull();
  });
});
