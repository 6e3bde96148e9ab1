import { describe, expect, it } from '@jest/globals';
import { allowedTransitions } from './action-workflow';
import { transitionPath } from './transition-path';
import { ACTION_STATUSES, type ActionStatus } from '../types';

// The shortest walks through the workflow, written out by hand: importing an action at a later
// status passes through every state in between, as a person would have moved it.
const FROM_OPEN: Record<ActionStatus, ActionStatus[]> = {
  open: [],
  in_progress: ['in_progress'],
  implemented: ['in_progress', 'implemented'],
  verified: ['in_progress', 'implemented', 'verified'],
  wont_fix: ['wont_fix'],
};

describe('transitionPath', () => {
  it.each(ACTION_STATUSES.map((to) => [to, FROM_OPEN[to]] as const))('open → %s passes through %j', (to, path) => {
    expect(transitionPath('open', to)).toEqual(path);
  });

  it.each([
    ['implemented', 'verified', ['verified']],
    ['verified', 'implemented', ['in_progress', 'implemented']],
    ['implemented', 'in_progress', ['in_progress']],
    ['in_progress', 'verified', ['implemented', 'verified']],
    ['wont_fix', 'open', null],
    ['wont_fix', 'in_progress', null],
    ['in_progress', 'open', null],
    ['verified', 'wont_fix', ['in_progress', 'wont_fix']],
  ] as const)('%s → %s is %j', (from, to, path) => {
    expect(transitionPath(from, to)).toEqual(path);
  });

  it('only ever takes allowed moves, and ends where asked', () => {
    for (const from of ACTION_STATUSES) {
      for (const to of ACTION_STATUSES) {
        const path = transitionPath(from, to);
        if (path === null) continue;
        let at: ActionStatus = from;
        for (const next of path) {
          expect(allowedTransitions(at)).toContain(next);
          at = next;
        }
        expect(at).toBe(to);
      }
    }
  });
});
