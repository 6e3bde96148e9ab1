import { describe, expect, it } from '@jest/globals';
import { toSnapshot } from './remediation-snapshot.reader';

describe('toSnapshot', () => {
  it('splits the rows of the one statement into actions, flags and the backlog; numbers as numbers', () => {
    const snapshot = toSnapshot([
      { row_kind: 'action', a: 'open', b: 'payments', c: 'P0', n: '2', lag: null },
      { row_kind: 'action', a: 'verified', b: 'search', c: 'P2', n: 5, lag: null },
      { row_kind: 'flag', a: 'overdue', b: 'payments', c: 'P0', n: '1', lag: null },
      { row_kind: 'backlog', a: null, b: null, c: null, n: '3', lag: '42.5' },
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
    expect(toSnapshot([{ row_kind: 'backlog', a: null, b: null, c: null, n: 0, lag: 0 }]).backlog).toEqual({ overdueChecks: 0, lagSeconds: 0 });
    expect(toSnapshot([{ row_kind: 'backlog', a: null, b: null, c: null, n: 1, lag: -0.2 }]).backlog).toEqual({ overdueChecks: 1, lagSeconds: 0 });
    expect(toSnapshot([]).backlog).toEqual({ overdueChecks: 0, lagSeconds: 0 });
  });
});
