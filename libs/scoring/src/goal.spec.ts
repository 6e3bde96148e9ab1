import { describe, expect, it } from '@jest/globals';
import type { Direction, MetricTarget } from '@app/domain';
import { resolveGoal } from './goal';

describe('resolveGoal', () => {
  it.each<[string, Direction, MetricTarget, number | null, number | null]>([
    ['decrease, absolute only', 'decrease', { absolute: 200 }, null, 200],
    ['decrease, absolute only ignores the baseline', 'decrease', { absolute: 200 }, 500, 200],
    ['decrease, relative only', 'decrease', { relativePercent: 20 }, 500, 400],
    ['decrease, relative 100% reaches zero', 'decrease', { relativePercent: 100 }, 500, 0],
    ['decrease, relative without a baseline yet', 'decrease', { relativePercent: 20 }, null, null],
    ['decrease, both: relative is stricter', 'decrease', { absolute: 450, relativePercent: 20 }, 500, 400],
    ['decrease, both: absolute is stricter', 'decrease', { absolute: 300, relativePercent: 20 }, 500, 300],
    ['decrease, both equal', 'decrease', { absolute: 400, relativePercent: 20 }, 500, 400],
    ['decrease, both without a baseline yet', 'decrease', { absolute: 300, relativePercent: 20 }, null, null],
    ['decrease, zero baseline', 'decrease', { relativePercent: 50 }, 0, 0],
    ['decrease, negative baseline moves down', 'decrease', { relativePercent: 10 }, -10, -11],
    ['increase, absolute only', 'increase', { absolute: 0.999 }, null, 0.999],
    ['increase, relative only', 'increase', { relativePercent: 50 }, 200, 300],
    ['increase, relative above 100%', 'increase', { relativePercent: 250 }, 10, 35],
    ['increase, relative without a baseline yet', 'increase', { relativePercent: 50 }, null, null],
    ['increase, both: relative is stricter', 'increase', { absolute: 250, relativePercent: 50 }, 200, 300],
    ['increase, both: absolute is stricter', 'increase', { absolute: 350, relativePercent: 50 }, 200, 350],
    ['increase, negative baseline moves up', 'increase', { relativePercent: 50 }, -10, -5],
    ['no target at all', 'decrease', {}, 100, null],
    ['a non-finite baseline counts as unknown', 'decrease', { relativePercent: 10 }, Number.NaN, null],
  ])('%s', (_, direction, target, baseline, expected) => {
    const goal = resolveGoal(direction, target, baseline);
    if (expected === null) expect(goal).toBeNull();
    else expect(goal).toBeCloseTo(expected, 10);
  });

  it('moves with the baseline for a relative target', () => {
    const low = resolveGoal('decrease', { relativePercent: 10 }, 100)!;
    const high = resolveGoal('decrease', { relativePercent: 10 }, 200)!;
    expect(high).toBeGreaterThan(low);
  });
});
