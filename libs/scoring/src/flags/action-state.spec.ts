import { describe, expect, it } from '@jest/globals';
import type { ActionStatus } from '@app/domain';
import { DAY, outcomeInput, T } from '../testing/action-outcome-input.factory';
import { isWatched } from './action-state';

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
