import { describe, expect, it } from '@jest/globals';
import { baselineRange, checkWindow, preFixRange } from './window';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T = Date.UTC(2026, 9, 15);
const spec = { evaluationWindowMs: 7 * DAY };

describe('checkWindow', () => {
  // Half of the 7d window is 3.5d = 84h.
  it.each<[string, number | null, number, boolean]>([
    ['no implementedAt: trailing window, not pending', null, T - 7 * DAY, false],
    ['fix not shipped yet (implementedAt after T): trailing, not pending', T + HOUR, T - 7 * DAY, false],
    ['shipped exactly at T: starts at T, pending', T, T, true],
    ['shipped 1h ago: pending', T - HOUR, T - HOUR, true],
    ['shipped 1ms less than half a window ago: pending', T - 84 * HOUR + 1, T - 84 * HOUR + 1, true],
    ['shipped exactly half a window ago: not pending', T - 84 * HOUR, T - 84 * HOUR, false],
    ['shipped 1ms more than half a window ago: not pending', T - 84 * HOUR - 1, T - 84 * HOUR - 1, false],
    ['shipped exactly a window ago: full window', T - 7 * DAY, T - 7 * DAY, false],
    ['shipped long ago: trailing window', T - 30 * DAY, T - 7 * DAY, false],
  ])('%s', (_, implementedAt, start, pending) => {
    expect(checkWindow(T, spec, implementedAt)).toEqual({ start, end: T, pending });
  });

  it('an odd window halves without rounding', () => {
    // 3ms window: half is 1.5ms, so 1ms after shipping is pending and 2ms is not.
    expect(checkWindow(11, { evaluationWindowMs: 3 }, 10).pending).toBe(true);
    expect(checkWindow(12, { evaluationWindowMs: 3 }, 10).pending).toBe(false);
  });
});

describe('baselineRange', () => {
  it.each<[number, number, number]>([
    [14 * DAY, T, T - 14 * DAY],
    [30 * 60_000, T, T - 30 * 60_000],
    [0, T, T],
  ])('a %d ms window ending at %d starts at %d', (baselineWindowMs, baselineEnd, start) => {
    expect(baselineRange({ baselineWindowMs, baselineEnd })).toEqual({ start, end: baselineEnd });
  });
});

describe('preFixRange', () => {
  it('is the evaluation window’s length ending where the fix shipped', () => {
    expect(preFixRange(spec, T)).toEqual({ start: T - 7 * DAY, end: T });
    expect(preFixRange({ evaluationWindowMs: 6 * HOUR }, T)).toEqual({ start: T - 6 * HOUR, end: T });
  });
});
