import { describe, expect, it } from '@jest/globals';
import { idealLine, type IdealLineInput, type IdealSample } from './ideal-line';

const DAY = 86_400_000;
const FROM = Date.parse('2026-03-02T00:00:00Z');
const day = (n: number) => FROM + n * DAY;

/** Additions by day index: [count, latest dueAt among them as a day index, or null]. */
type Additions = Record<number, [number, number | null]>;

// Day buckets from FROM; day i is read at its end, FROM + (i + 1) days.
function days(n: number, additions: Additions = {}): IdealSample[] {
  return Array.from({ length: n }, (_, i) => {
    const [added, due] = additions[i] ?? [0, null];
    return { at: day(i), readAt: day(i + 1), added, addedLatestDueAt: due === null ? null : day(due) };
  });
}

const values = (input: IdealLineInput) => idealLine(input).map((p) => p.remaining);
const steps = (input: IdealLineInput) => idealLine(input).map((p) => p.stepUp);

describe('idealLine: what remains at `from`, no scope change', () => {
  it('falls linearly to 0 at the latest due date, read at each bucket end', () => {
    const line = idealLine({ from: FROM, remainingAtFrom: 10, latestDueAt: day(4), samples: days(6) });
    expect(line).toEqual([
      { at: day(0), remaining: 7.5, stepUp: 0 },
      { at: day(1), remaining: 5, stepUp: 0 },
      { at: day(2), remaining: 2.5, stepUp: 0 },
      { at: day(3), remaining: 0, stepUp: 0 },
      { at: day(4), remaining: 0, stepUp: 0 },
      { at: day(5), remaining: 0, stepUp: 0 },
    ]);
  });

  it('rounds to two decimals', () => {
    expect(values({ from: FROM, remainingAtFrom: 1, latestDueAt: day(3), samples: days(2) })).toEqual([0.67, 0.33]);
  });

  it('holds the starting count when read at or before from', () => {
    const samples = [
      { at: FROM - DAY, readAt: FROM - DAY / 2, added: 0, addedLatestDueAt: null },
      { at: FROM - DAY / 2, readAt: FROM, added: 0, addedLatestDueAt: null },
      { at: FROM, readAt: FROM + DAY, added: 0, addedLatestDueAt: null },
    ];
    expect(values({ from: FROM, remainingAtFrom: 4, latestDueAt: day(2), samples })).toEqual([4, 4, 2]);
  });

  it('is 0 from the due date on when it already passed', () => {
    expect(values({ from: FROM, remainingAtFrom: 3, latestDueAt: day(-1), samples: days(2) })).toEqual([0, 0]);
  });

  it('is flat at 0 when nothing remains and nothing is added', () => {
    expect(idealLine({ from: FROM, remainingAtFrom: 0, latestDueAt: null, samples: days(2) })).toEqual([
      { at: day(0), remaining: 0, stepUp: 0 },
      { at: day(1), remaining: 0, stepUp: 0 },
    ]);
  });

  it('has no points when nothing in scope has a due date', () => {
    expect(idealLine({ from: FROM, remainingAtFrom: 5, latestDueAt: null, samples: days(3) })).toEqual([]);
  });

  it('ignores a due date of nothing (nothing remaining at from)', () => {
    expect(values({ from: FROM, remainingAtFrom: 0, latestDueAt: day(10), samples: days(2) })).toEqual([0, 0]);
  });
});

describe('idealLine: a fresh incident, the range starting before the first action', () => {
  it('is 0 until the first actions are added, then steps up to their count and falls to their latest due date', () => {
    // 4 added on day 2 (read at day 3), due day 7: 4 × (7 − t) / (7 − 3).
    const input = { from: FROM, remainingAtFrom: 0, latestDueAt: null, samples: days(8, { 2: [4, 7] }) };
    expect(values(input)).toEqual([0, 0, 4, 3, 2, 1, 0, 0]);
    expect(steps(input)).toEqual([0, 0, 4, 0, 0, 0, 0, 0]);
  });

  it('counts an action added and closed in the same bucket: it was scope, and it burned', () => {
    // The line does not look at closings: 2 added on day 0 (read at day 1), due day 3: 2 × (3 − t) / 2.
    expect(values({ from: FROM, remainingAtFrom: 0, latestDueAt: null, samples: days(3, { 0: [2, 3] }) })).toEqual([
      2, 1, 0,
    ]);
  });

  it('has no points once the scope holds actions without any due date, 0 before', () => {
    expect(
      idealLine({ from: FROM, remainingAtFrom: 0, latestDueAt: null, samples: days(4, { 1: [3, null] }) }),
    ).toEqual([{ at: day(0), remaining: 0, stepUp: 0 }]);
  });
});

describe('idealLine: scope added later', () => {
  it('steps up by each addition and keeps aiming at 0 on the same due date', () => {
    // 6 at from, due day 6: 6 × (6 − t) / 6. Day 1 reads 4, adds 2 (due day 4) → 6, then 6 × (6 − t) / (6 − 2).
    const input = { from: FROM, remainingAtFrom: 6, latestDueAt: day(6), samples: days(7, { 1: [2, 4] }) };
    expect(values(input)).toEqual([5, 6, 4.5, 3, 1.5, 0, 0]);
    expect(steps(input)).toEqual([0, 2, 0, 0, 0, 0, 0]);
  });

  it('moves the target when the added actions are due later', () => {
    // 4 at from, due day 4: 4 × (4 − t) / 4. Day 1 reads 2, adds 1 due day 10 → 3, then 3 × (10 − t) / (10 − 2).
    expect(values({ from: FROM, remainingAtFrom: 4, latestDueAt: day(4), samples: days(4, { 1: [1, 10] }) })).toEqual([
      3, 3, 2.63, 2.25,
    ]);
  });

  it('steps up several times, the target moving only later', () => {
    // From 0: day 0 adds 2 due day 5 → 2 at day 1, 2 × (5 − t) / 4. Day 2's read (day 3): 1; adds 3 due day 4 →
    // 4, target still day 5: 4 × (5 − t) / 2 → day 4: 2. Day 4 (read day 5) continues to 0, adds 2 due day 9 →
    // 2, then 2 × (9 − t) / 4: 1.5, 1, 0.5.
    const input = {
      from: FROM,
      remainingAtFrom: 0,
      latestDueAt: null,
      samples: days(8, { 0: [2, 5], 2: [3, 4], 4: [2, 9] }),
    };
    expect(values(input)).toEqual([2, 1.5, 4, 2, 2, 1.5, 1, 0.5]);
    expect(steps(input)).toEqual([2, 0, 3, 0, 2, 0, 0, 0]);
  });

  it('steps up by additions without a due date, aiming at the due date it has', () => {
    // 2 at from due day 4: 2 × (4 − t) / 4. Day 1 reads 1, adds 3 undated → 4, then 4 × (4 − t) / (4 − 2).
    expect(values({ from: FROM, remainingAtFrom: 2, latestDueAt: day(4), samples: days(4, { 1: [3, null] }) })).toEqual(
      [1.5, 4, 2, 0],
    );
  });

  it('stays at 0 for additions at or after the latest due date that bring no later one', () => {
    // 3 due day 2: 0 from the day-1 read on. Day 3 adds 2 due day 3 (already passed at its read, day 4): still 0.
    const input = {
      from: FROM,
      remainingAtFrom: 3,
      latestDueAt: day(2),
      samples: days(5, { 3: [2, 3], 4: [1, null] }),
    };
    expect(values(input)).toEqual([1.5, 0, 0, 0, 0]);
    expect(steps(input)).toEqual([0, 0, 0, 0, 0]);
  });

  it('restarts from the additions when they come after the due date with a later one', () => {
    // 3 due day 2: 0 from day 1. Day 4 adds 2 due day 9 → 2 at day 5, then 2 × (9 − t) / 4.
    const input = { from: FROM, remainingAtFrom: 3, latestDueAt: day(2), samples: days(8, { 4: [2, 9] }) };
    expect(values(input)).toEqual([1.5, 0, 0, 0, 2, 1.5, 1, 0.5]);
    expect(steps(input)).toEqual([0, 0, 0, 0, 2, 0, 0, 0]);
  });

  it('holds an undated scope until an addition brings a due date, then falls from the whole scope', () => {
    // 2 undated at from: no points. Day 2 adds 1 due day 6 → 3 at day 3, then 3 × (6 − t) / 3.
    const line = idealLine({ from: FROM, remainingAtFrom: 2, latestDueAt: null, samples: days(6, { 2: [1, 6] }) });
    expect(line).toEqual([
      { at: day(2), remaining: 3, stepUp: 1 },
      { at: day(3), remaining: 2, stepUp: 0 },
      { at: day(4), remaining: 1, stepUp: 0 },
      { at: day(5), remaining: 0, stepUp: 0 },
    ]);
  });

  it('drops to 0 when an undated scope receives an addition already past its due date', () => {
    const line = idealLine({ from: FROM, remainingAtFrom: 2, latestDueAt: null, samples: days(3, { 1: [1, 0] }) });
    expect(line).toEqual([
      { at: day(1), remaining: 0, stepUp: 0 },
      { at: day(2), remaining: 0, stepUp: 0 },
    ]);
  });

  it('keeps two decimals on the step as on the line', () => {
    // 1 due day 3: 1 × (3 − t) / 3. Day 1 reads 1/3, adds 1 → 4/3.
    const line = idealLine({ from: FROM, remainingAtFrom: 1, latestDueAt: day(3), samples: days(2, { 1: [1, null] }) });
    expect(line).toEqual([
      { at: day(0), remaining: 0.67, stepUp: 0 },
      { at: day(1), remaining: 1.33, stepUp: 1 },
    ]);
  });
});
