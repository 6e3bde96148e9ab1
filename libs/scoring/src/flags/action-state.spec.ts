import { describe, expect, it } from '@jest/globals';
import type { ActionStatus } from '@app/domain';
import { DAY, outcomeInput, T } from '../testing/action-outcome-input.factory';
import { isTerminal, isWatched } from './action-state';

describe('isTerminal', () => {
  it.each<[ActionStatus, boolean]>([
    ['open', false],
    ['in_progress', false],
    ['implemented', false],
    ['verified', true],
    ['wont_fix', true],
  ])('%s → %s', (status, terminal) => {
    expect(isTerminal(status)).toBe(terminal);
  });
});

describe('isWatched', () => {
  const WATCH = 30 * DAY;
  it.each<[string, ActionStatus, number | null, boolean]>([
    ['verified now', 'verified', T, true],
    ['verified exactly watchFor ago', 'verified', T - WATCH, true],
    ['verified 1 ms too long ago', 'verified', T - WATCH - 1, false],
    ['verified without a time', 'verified', null, false],
    ['reopened after verification', 'in_progress', T - DAY, false],
  ])('%s → %s', (_, status, verifiedAt, watched) => {
    expect(isWatched(outcomeInput({ status, verifiedAt }).action, T, WATCH)).toBe(watched);
  });
});
