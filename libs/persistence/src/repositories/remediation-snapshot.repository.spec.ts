import { describe, expect, it } from '@jest/globals';
import { toRemediationSnapshot } from './remediation-snapshot.repository';

describe('toRemediationSnapshot', () => {
  it('splits the rows of the one statement into actions, flags and the backlog; numbers as numbers', () => {
    const snapshot = toRemediationSnapshot([
      {
        row_kind: 'action',
        status: 'open',
        flag_kind: null,
        team: 'payments',
        priority: 'P0',
        count: '2',
        lag_seconds: null,
      },
      {
        row_kind: 'action',
        status: 'verified',
        flag_kind: null,
        team: 'search',
        priority: 'P2',
        count: 5,
        lag_seconds: null,
      },
      {
        row_kind: 'flag',
        status: null,
        flag_kind: 'overdue',
        team: 'payments',
        priority: 'P0',
        count: '1',
        lag_seconds: null,
      },
      {
        row_kind: 'backlog',
        status: null,
        flag_kind: null,
        team: null,
        priority: null,
        count: '3',
        lag_seconds: '42.5',
      },
    ]);
    expect(snapshot).toEqual({
      actions: [
        { status: 'open', team: 'payments', priority: 'P0', count: 2 },
        { status: 'verified', team: 'search', priority: 'P2', count: 5 },
      ],
      flags: [{ kind: 'overdue', team: 'payments', priority: 'P0', count: 1 }],
      backlog: { overdueChecks: 3, lagSeconds: 42.5 },
    });
  });

  it('reports no lag when nothing is due, and never a negative one', () => {
    expect(
      toRemediationSnapshot([
        { row_kind: 'backlog', status: null, flag_kind: null, team: null, priority: null, count: 0, lag_seconds: 0 },
      ]).backlog,
    ).toEqual({ overdueChecks: 0, lagSeconds: 0 });
    expect(
      toRemediationSnapshot([
        { row_kind: 'backlog', status: null, flag_kind: null, team: null, priority: null, count: 1, lag_seconds: -0.2 },
      ]).backlog,
    ).toEqual({ overdueChecks: 1, lagSeconds: 0 });
    expect(toRemediationSnapshot([]).backlog).toEqual({ overdueChecks: 0, lagSeconds: 0 });
  });
});
