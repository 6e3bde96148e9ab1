import { describe, expect, it } from '@jest/globals';
import { burndownForecast, type BurndownForecast, type ForecastInput } from './burndown-forecast';

const DAY = 86_400_000;
const AS_OF = Date.parse('2026-03-02T00:00:00Z');

describe('burndownForecast', () => {
  it.each<[string, Omit<ForecastInput, 'asOf'>, BurndownForecast]>([
    [
      '8 closed in 4 weeks: 2 a week, 6 left take 3 weeks, due later',
      { remaining: 6, closedInWindow: 8, latestDueAt: AS_OF + 30 * DAY },
      { zeroAt: AS_OF + 21 * DAY, closingPerWeek: 2, onTrack: true, remaining: 6, latestDueAt: AS_OF + 30 * DAY },
    ],
    [
      'zero exactly on the due date is on track',
      { remaining: 6, closedInWindow: 8, latestDueAt: AS_OF + 21 * DAY },
      { zeroAt: AS_OF + 21 * DAY, closingPerWeek: 2, onTrack: true, remaining: 6, latestDueAt: AS_OF + 21 * DAY },
    ],
    [
      'one ms after the due date is not',
      { remaining: 6, closedInWindow: 8, latestDueAt: AS_OF + 21 * DAY - 1 },
      { zeroAt: AS_OF + 21 * DAY, closingPerWeek: 2, onTrack: false, remaining: 6, latestDueAt: AS_OF + 21 * DAY - 1 },
    ],
    [
      'a fractional rate: 3 in 4 weeks, 3 left take 4 weeks',
      { remaining: 3, closedInWindow: 3, latestDueAt: null },
      { zeroAt: AS_OF + 28 * DAY, closingPerWeek: 0.75, onTrack: true, remaining: 3, latestDueAt: null },
    ],
    [
      'nothing closes: never zero, not on track',
      { remaining: 2, closedInWindow: 0, latestDueAt: AS_OF + 90 * DAY },
      { zeroAt: null, closingPerWeek: 0, onTrack: false, remaining: 2, latestDueAt: AS_OF + 90 * DAY },
    ],
    [
      'nothing closes and no due date: still not on track',
      { remaining: 2, closedInWindow: 0, latestDueAt: null },
      { zeroAt: null, closingPerWeek: 0, onTrack: false, remaining: 2, latestDueAt: null },
    ],
    [
      'nothing remains: zero now, on track',
      { remaining: 0, closedInWindow: 5, latestDueAt: null },
      { zeroAt: AS_OF, closingPerWeek: 1.25, onTrack: true, remaining: 0, latestDueAt: null },
    ],
  ])('%s', (_name, input, expected) => {
    expect(burndownForecast({ asOf: AS_OF, ...input })).toEqual(expected);
  });
});
