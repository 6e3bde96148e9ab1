import { describe, expect, it } from '@jest/globals';
import { idealLine } from './ideal-line';

const DAY = 86_400_000;
const FROM = Date.parse('2026-03-02T00:00:00Z');
// Buckets are read at their end: day i is read at FROM + (i + 1) days.
const days = (n: number) => Array.from({ length: n }, (_, i) => ({ at: FROM + i * DAY, readAt: FROM + (i + 1) * DAY }));

describe('idealLine', () => {
  it('falls linearly to 0 at the latest due date, read at each bucket end', () => {
    const line = idealLine({ from: FROM, remainingAtFrom: 10, latestDueAt: FROM + 4 * DAY, samples: days(6) });
    expect(line).toEqual([
      { at: FROM, remaining: 7.5 },
      { at: FROM + DAY, remaining: 5 },
      { at: FROM + 2 * DAY, remaining: 2.5 },
      { at: FROM + 3 * DAY, remaining: 0 },
      { at: FROM + 4 * DAY, remaining: 0 },
      { at: FROM + 5 * DAY, remaining: 0 },
    ]);
  });

  it('rounds to two decimals', () => {
    const line = idealLine({ from: FROM, remainingAtFrom: 1, latestDueAt: FROM + 3 * DAY, samples: days(2) });
    expect(line.map((p) => p.remaining)).toEqual([0.67, 0.33]);
  });

  it('holds the starting count at or before from', () => {
    const samples = [
      { at: FROM - DAY, readAt: FROM - DAY / 2 },
      { at: FROM - DAY / 2, readAt: FROM },
      { at: FROM, readAt: FROM + DAY },
    ];
    expect(idealLine({ from: FROM, remainingAtFrom: 4, latestDueAt: FROM + 2 * DAY, samples }).map((p) => p.remaining)).toEqual([4, 4, 2]);
  });

  it('is 0 from the due date on when it already passed', () => {
    const line = idealLine({ from: FROM, remainingAtFrom: 3, latestDueAt: FROM - DAY, samples: days(2) });
    expect(line.map((p) => p.remaining)).toEqual([0, 0]);
  });

  it('is flat at 0 when nothing remains', () => {
    expect(idealLine({ from: FROM, remainingAtFrom: 0, latestDueAt: FROM + 10 * DAY, samples: days(2) }).map((p) => p.remaining)).toEqual([0, 0]);
  });

  it('is flat at 0 when nothing remains, due date or not', () => {
    expect(idealLine({ from: FROM, remainingAtFrom: 0, latestDueAt: null, samples: days(2) })).toEqual([
      { at: FROM, remaining: 0 },
      { at: FROM + DAY, remaining: 0 },
    ]);
  });

  it('has no points when no remaining action has a due date', () => {
    expect(idealLine({ from: FROM, remainingAtFrom: 5, latestDueAt: null, samples: days(3) })).toEqual([]);
  });
});
