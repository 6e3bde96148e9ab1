import { describe, expect, it } from '@jest/globals';
import { burndownForecast, type BurndownForecast, type ForecastInput } from './burndown-forecast';

const DAY = 86_400_000;
const AS_OF = Date.parse('2026-03-02T00:00:00Z');

/** What the forecast works out; the rest of it (remaining, overdue, latestDueAt) repeats its input. */
type Outlook = Pick<BurndownForecast, 'trend' | 'zeroAt' | 'closingPerWeek' | 'onTrack'>;

describe('burndownForecast', () => {
  it.each<[string, Omit<ForecastInput, 'asOf'>, Outlook]>([
    [
      '8 closed in 4 weeks: 2 a week, 6 left take 3 weeks, due later',
      { remaining: 6, closedInWindow: 8, latestDueAt: AS_OF + 30 * DAY, overdue: 0 },
      { trend: 'closing', zeroAt: AS_OF + 21 * DAY, closingPerWeek: 2, onTrack: true },
    ],
    [
      'zero exactly on the due date is on track',
      { remaining: 6, closedInWindow: 8, latestDueAt: AS_OF + 21 * DAY, overdue: 0 },
      { trend: 'closing', zeroAt: AS_OF + 21 * DAY, closingPerWeek: 2, onTrack: true },
    ],
    [
      'one ms after the due date is not',
      { remaining: 6, closedInWindow: 8, latestDueAt: AS_OF + 21 * DAY - 1, overdue: 0 },
      { trend: 'closing', zeroAt: AS_OF + 21 * DAY, closingPerWeek: 2, onTrack: false },
    ],
    [
      'closing in time for the latest due date, with one already overdue: the rate decides',
      { remaining: 6, closedInWindow: 8, latestDueAt: AS_OF + 30 * DAY, overdue: 1 },
      { trend: 'closing', zeroAt: AS_OF + 21 * DAY, closingPerWeek: 2, onTrack: true },
    ],
    [
      'a fractional rate: 3 in 4 weeks, 3 left take 4 weeks',
      { remaining: 3, closedInWindow: 3, latestDueAt: null, overdue: 0 },
      { trend: 'closing', zeroAt: AS_OF + 28 * DAY, closingPerWeek: 0.75, onTrack: true },
    ],
    [
      'nothing closed yet, due far ahead, nothing overdue: no trend yet, neither on track nor behind',
      { remaining: 2, closedInWindow: 0, latestDueAt: AS_OF + 400 * DAY, overdue: 0 },
      { trend: 'none', zeroAt: null, closingPerWeek: 0, onTrack: null },
    ],
    [
      'nothing closed and no due date: no trend yet',
      { remaining: 2, closedInWindow: 0, latestDueAt: null, overdue: 0 },
      { trend: 'none', zeroAt: null, closingPerWeek: 0, onTrack: null },
    ],
    [
      'nothing closed and one already overdue: behind',
      { remaining: 2, closedInWindow: 0, latestDueAt: AS_OF + 90 * DAY, overdue: 1 },
      { trend: 'none', zeroAt: null, closingPerWeek: 0, onTrack: false },
    ],
    [
      'nothing remains: done, zero now, on track',
      { remaining: 0, closedInWindow: 5, latestDueAt: null, overdue: 0 },
      { trend: 'done', zeroAt: AS_OF, closingPerWeek: 1.25, onTrack: true },
    ],
    [
      'nothing remains and nothing closed lately: done all the same',
      { remaining: 0, closedInWindow: 0, latestDueAt: null, overdue: 0 },
      { trend: 'done', zeroAt: AS_OF, closingPerWeek: 0, onTrack: true },
    ],
  ])('%s', (_name, input, outlook) => {
    const { remaining, overdue, latestDueAt } = input;
    expect(burndownForecast({ asOf: AS_OF, ...input })).toEqual({ ...outlook, remaining, overdue, latestDueAt });
  });
});
