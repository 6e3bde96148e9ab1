import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Direction } from '@app/domain';
import { isMet, progress } from './progress';

describe('isMet', () => {
  it.each<[Direction, number, number, boolean]>([
    ['decrease', 199, 200, true],
    ['decrease', 200, 200, true],
    ['decrease', 200.001, 200, false],
    ['increase', 0.9991, 0.999, true],
    ['increase', 0.999, 0.999, true],
    ['increase', 0.9989, 0.999, false],
    ['decrease', -5, -4, true],
    ['increase', -5, -4, false],
  ])('%s: value %d against goal %d → %s', (direction, value, goal, met) => {
    expect(isMet(direction, value, goal)).toBe(met);
  });
});

describe('progress', () => {
  // Each scale: a direction, a baseline and a goal, then the values tried on it and the progress they make.
  const scales: [Direction, number, number, [string, number, number][]][] = [
    // distance 100; progress = (500 − value)/100.
    [
      'decrease',
      500,
      400,
      [
        ['decrease, no change', 500, 0],
        ['decrease, a quarter of the way', 475, 0.25],
        ['decrease, half way', 450, 0.5],
        ['decrease, 1 short of the goal', 401, 0.99],
        ['decrease, exactly at the goal', 400, 1],
        ['decrease, beyond the goal is clamped to 1', 100, 1],
        ['decrease, worse than baseline is clamped to 0', 900, 0],
      ],
    ],
    // distance 0.09; progress = (value − 0.9)/0.09.
    [
      'increase',
      0.9,
      0.99,
      [
        ['increase, no change', 0.9, 0],
        ['increase, a third of the way', 0.93, 1 / 3],
        ['increase, exactly at the goal', 0.99, 1],
        ['increase, beyond the goal', 1, 1],
        ['increase, worse than baseline', 0.5, 0],
      ],
    ],
    ['decrease', -10, -20, [['negative values, decrease', -15, 0.5]]],
    // Degenerate: baseline == goal — met → 1, else 0.
    [
      'decrease',
      300,
      300,
      [
        ['decrease, baseline == goal, met', 300, 1],
        ['decrease, baseline == goal, met below', 250, 1],
        ['decrease, baseline == goal, not met', 301, 0],
      ],
    ],
    ['increase', 300, 300, [['increase, baseline == goal, not met', 299, 0]]],
    // Degenerate: the goal is on the wrong side of the baseline (baseline already met it).
    [
      'decrease',
      100,
      200,
      [
        ['decrease, goal above baseline, value met', 150, 1],
        ['decrease, goal above baseline, value not met', 250, 0],
      ],
    ],
    ['increase', 100, 50, [['increase, goal below baseline, value not met', 40, 0]]],
  ];
  it.each(
    scales.flatMap(([direction, baseline, goal, values]) =>
      values.map(([name, value, expected]) => [name, direction, baseline, goal, value, expected] as const),
    ),
  )('%s', (_, direction, baseline, goal, value, expected) => {
    expect(progress(direction, baseline, goal, value)).toBeCloseTo(expected, 10);
  });

  it('stays below 1 when rounding would reach it short of the goal', () => {
    // (1e16 − (400 + 1e-13·…)) style cancellations: value a hair above the goal.
    const goal = 1;
    const value = 1 + Number.EPSILON;
    const result = progress('decrease', 1e17, goal, value);
    expect(result).toBeLessThan(1);
    expect(result).toBeGreaterThan(0.999);
  });

  const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });

  it('is always in [0, 1], and 1 exactly when the goal is met', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Direction>('decrease', 'increase'),
        finite,
        finite,
        finite,
        (direction, baseline, goal, value) => {
          const p = progress(direction, baseline, goal, value);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          expect(p === 1).toBe(isMet(direction, value, goal));
        },
      ),
    );
  });

  it('an increase metric mirrored (everything negated) makes the same progress as the decrease one', () => {
    fc.assert(
      fc.property(finite, finite, finite, (baseline, goal, value) => {
        expect(progress('increase', -baseline, -goal, -value)).toBe(progress('decrease', baseline, goal, value));
      }),
    );
  });

  it('grows as the value moves towards the goal', () => {
    fc.assert(
      fc.property(finite, finite, finite, (a, b, c) => {
        const [better, worse] = a <= b ? [a, b] : [b, a];
        expect(progress('decrease', 1e6, c, better)).toBeGreaterThanOrEqual(progress('decrease', 1e6, c, worse));
      }),
    );
  });
});
