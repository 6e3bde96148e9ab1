import { describe, expect, it } from '@jest/globals';
import { allowedTransitions, checkTransition, isTerminal, transitionsForPerson } from './action-workflow';
import { ACTION_STATUSES, ActionStatus } from '../types';

// The workflow the README states, written out independently of the implementation's table:
// open → in_progress → implemented → verified; wont_fix from any non-terminal state;
// implemented → in_progress (rolled back); verified → in_progress (reopened after a regression).
const SPEC: Record<ActionStatus, ActionStatus[]> = {
  open: ['in_progress', 'wont_fix'],
  in_progress: ['implemented', 'wont_fix'],
  implemented: ['in_progress', 'verified', 'wont_fix'],
  verified: ['in_progress'],
  wont_fix: [],
};

const PAIRS = ACTION_STATUSES.flatMap((from) =>
  ACTION_STATUSES.map((to) => [from, to, SPEC[from].includes(to)] as const),
);

describe('action workflow', () => {
  it('covers every status in the table', () => {
    expect([...ACTION_STATUSES].sort()).toEqual(Object.keys(SPEC).sort());
    expect(PAIRS).toHaveLength(ACTION_STATUSES.length ** 2);
  });

  it.each(PAIRS)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(allowedTransitions(from).includes(to)).toBe(allowed);
    // The scorer never needs a note; metrics only matter for a person setting `verified`.
    const check = checkTransition(from, to, { actor: 'scorer', metricCount: 1, hasNote: false });
    if (allowed) expect(check).toEqual({ ok: true });
    else {
      expect(check).toMatchObject({ ok: false, reason: 'forbidden' });
      // The refusal lists what is allowed, for the 409 message.
      expect([...(check as { allowed: readonly ActionStatus[] }).allowed].sort()).toEqual([...SPEC[from]].sort());
    }
  });

  it.each(ACTION_STATUSES.map((s) => [s, s === 'verified' || s === 'wont_fix'] as const))(
    'isTerminal(%s) is %s',
    (status, terminal) => {
      expect(isTerminal(status)).toBe(terminal);
    },
  );

  it('allows wont_fix from every non-terminal status and from no terminal one', () => {
    for (const from of ACTION_STATUSES) {
      const check = checkTransition(from, 'wont_fix', { actor: 'person', metricCount: 0, hasNote: false });
      expect(check.ok).toBe(!isTerminal(from));
    }
  });
});

describe('who may set verified', () => {
  it.each<[string, 'person' | 'scorer', number, boolean, ReturnType<typeof checkTransition>]>([
    ['a person, no metrics, with a note', 'person', 0, true, { ok: true }],
    ['a person, no metrics, without a note', 'person', 0, false, { ok: false, reason: 'note_required' }],
    ['a person, with metrics, with a note', 'person', 2, true, { ok: false, reason: 'has_metrics' }],
    ['a person, with metrics, without a note', 'person', 1, false, { ok: false, reason: 'has_metrics' }],
    ['the scorer, with metrics', 'scorer', 3, false, { ok: true }],
    ['the scorer, with metrics and a note', 'scorer', 1, true, { ok: true }],
  ])('implemented → verified by %s', (_, actor, metricCount, hasNote, expected) => {
    expect(checkTransition('implemented', 'verified', { actor, metricCount, hasNote })).toEqual(expected);
  });

  it.each(['open', 'in_progress', 'wont_fix'] as const)('nobody verifies from %s, not even the scorer', (from) => {
    for (const actor of ['person', 'scorer'] as const) {
      expect(checkTransition(from, 'verified', { actor, metricCount: 0, hasNote: true })).toMatchObject({
        ok: false,
        reason: 'forbidden',
      });
    }
  });

  it('only the person-facing rules change with the actor: other transitions ignore metrics and notes', () => {
    for (const [from, to, allowed] of PAIRS) {
      if (to === 'verified') continue;
      for (const metricCount of [0, 2]) {
        expect(checkTransition(from, to, { actor: 'person', metricCount, hasNote: false }).ok).toBe(allowed);
      }
    }
  });

  it.each<[ActionStatus, number, ActionStatus[]]>([
    ['open', 0, ['in_progress', 'wont_fix']],
    ['implemented', 0, ['in_progress', 'verified', 'wont_fix']],
    ['implemented', 1, ['in_progress', 'wont_fix']],
    ['verified', 1, ['in_progress']],
    ['wont_fix', 0, []],
  ])('a person with %s and %i metrics may go to %j', (from, metricCount, expected) => {
    expect([...transitionsForPerson(from, metricCount)].sort()).toEqual(expected);
  });
});
