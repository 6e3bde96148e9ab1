import { describe, expect, it } from '@jest/globals';
import type { ActionStatus } from '@app/domain';
import { DAY, HOUR, outcomeInput, T } from '../testing/action-outcome-input.factory';
import { overdueFlag } from './overdue';

describe('overdueFlag', () => {
  it.each<[string, ActionStatus, number | null, boolean, string]>([
    ['due 12 days ago', 'in_progress', T - 12 * DAY, true, 'due 2026-10-03, 12 days ago'],
    ['due 1 ms ago', 'open', T - 1, true, 'due 2026-10-14, 0 seconds ago'],
    ['due exactly now: not late yet', 'open', T, false, 'due 2026-10-15, in 0 seconds'],
    ['due in 1 ms', 'open', T + 1, false, 'due 2026-10-15, in 0 seconds'],
    ['due in 5 hours', 'implemented', T + 5 * HOUR, false, 'due 2026-10-15, in 5 hours'],
    ['implemented, past due', 'implemented', T - DAY, true, 'due 2026-10-14, 1 day ago'],
    ['no due date (P3)', 'in_progress', null, false, 'no due date'],
    ['verified, past due', 'verified', T - DAY, false, 'the action is verified'],
    ['wont_fix, past due', 'wont_fix', T - DAY, false, 'the action is wont_fix'],
  ])('%s', (_, status, dueAt, active, reason) => {
    expect(overdueFlag(outcomeInput({ status, dueAt }))).toEqual({ kind: 'overdue', active, reason });
  });
});
