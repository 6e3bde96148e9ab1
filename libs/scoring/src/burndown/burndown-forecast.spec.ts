import { describe, expect, it } from '@jest/globals';
import { burndownForecast, type BurndownForecast, type ForecastInput } from './burndown-forecast';

const DAY = 86_400_000;
const AS_OF = Date.parse('2026-03-02T00:00:00Z');

describe('burndownForecast', () => {
  it.each<[string, Omit<ForecastInput, 'asOf'>, BurndownForecast]>([
    [
      '8 closed in 4 weeks: 2 a week, 6 left take 3 weeks, due later',
      { remaining: 6, closedInWindow: 8, latestDueAt: AS_OF + 30 * DAY, overdue: 0 },
      {
        trend: 'closing',
        zeroAt: AS_OF + 21 * DAY,
        closingPerWeek: 2,
        onTrack: true,
        remaining: 6,
        overdue: 0,
        latestDueAt: AS_OF + 30 * DAY,
      },
    ],
    [
      'zero exactly on the due date is on track',
      { remaining: 6, closedInWindow: 8, latestDueAt: AS_OF + 21 * DAY, overdue: 0 },
      {
        trend: 'closing',
        zeroAt: AS_OF + 21 * DAY,
        closingPerWeek: 2,
        onTrack: true,
        remaining: 6,
        overdue: 0,
        latestDueAt: AS_OF + 21 * DAY,
      },
    ],
    [
      'one ms after the due date is not',
      { remaining: 6, closedInWindow: 8, latestDueAt: AS_OF + 21 * DAY - 1, overdue: 0 },
      {
        trend: 'closing',
        zeroAt: AS_OF + 21 * DAY,
        closingPerWeek: 2,
        onTrack: false,
        remaining: 6,
        overdue: 0,
        latestDueAt: AS_OF + 21 * DAY - 1,
      },
    ],
    [
      'closing in time for the latest due date, with one already overdue: the rate decides',
      { remaining: 6, closedInWindow: 8, latestDueAt: AS_OF + 30 * DAY, overdue: 1 },
      {
        trend: 'closing',
        zeroAt: AS_OF + 21 * DAY,
        closingPerWeek: 2,
        onTrack: true,
        remaining: 6,
        overdue: 1,
        latestDueAt: AS_OF + 30 * DAY,
      },
    ],
    [
      'a fractional rate: 3 in 4 weeks, 3 left take 4 weeks',
      { remaining: 3, closedInWindow: 3, latestDueAt: null, overdue: 0 },
      {
        trend: 'closing',
        zeroAt: AS_OF + 28 * DAY,
        closingPerWeek: 0.75,
        onTrack: true,
        remaining: 3,
        overdue: 0,
        latestDueAt: null,
      },
    ],
    [
      'nothing closed yet, due far ahead, nothing overdue: no trend yet, neither on track nor behind',
      { remaining: 2, closedInWindow: 0, latestDueAt: AS_OF + 400 * DAY, overdue: 0 },
      {
        trend: 'none',
        zeroAt: null,
        closingPerWeek: 0,
        onTrack: null,
        remaining: 2,
        overdue: 0,
        latestDueAt: AS_OF + 400 * DAY,
      },
    ],
    [
      'nothing closed and no due date: no trend yet',
      { remaining: 2, closedInWindow: 0, latestDueAt: null, overdue: 0 },
      { trend: 'none', zeroAt: null, closingPerWeek: 0, onTrack: null, remaining: 2, overdue: 0, latestDueAt: null },
    ],
    [
      'nothing closed and one already overdue: behind',
      { remaining: 2, closedInWindow: 0, latestDueAt: AS_OF + 90 * DAY, overdue: 1 },
      {
        trend: 'none',
        zeroAt: null,
        closingPerWeek: 0,
        onTrack: false,
        remaining: 2,
        overdue: 1,
        latestDueAt: AS_OF + 90 * DAY,
      },
    ],
    [
      'nothing remains: done, zero now, on track',
      { remaining: 0, closedInWindow: 5, latestDueAt: null, overdue: 0 },
      {
        trend: 'done',
        zeroAt: AS_OF,
        closingPerWeek: 1.25,
        onTrack: true,
        remaining: 0,
        overdue: 0,
        latestDueAt: null,
      },
    ],
    [
      'nothing remains and nothing closed lately: done all the same',
      { remaining: 0, closedInWindow: 0, latestDueAt: null, overdue: 0 },
      { trend: 'done', zeroAt: AS_OF, closingPerWeek: 0, onTrack: true, remaining: 0, overdue: 0, latestDueAt: null },
    ],
  ])('%s', (_name, input, expected) => {
    expect(burndownForecast({ asOf: AS_OF, ...input })).toEqual(expected);
  });
});
