import { describe, expect, it } from '@jest/globals';
import { PointBudget } from './otlp-point.budget';

describe('PointBudget', () => {
  it('lets requests through until the minute is spent, then names the wait', () => {
    let now = 1_000_000;
    const budget = new PointBudget(100, () => now);
    expect(budget.spend(60)).toBe(0);
    expect(budget.spend(60)).toBe(0); // the one that spends it still passes
    now += 15_000;
    expect(budget.retryAfter()).toBe(45);
    expect(budget.spend(1)).toBe(45);
    now += 45_000;
    expect(budget.spend(1)).toBe(0);
  });

  it('is off at 0', () => {
    const budget = new PointBudget(0);
    expect(budget.spend(1e9)).toBe(0);
    expect(budget.retryAfter()).toBe(0);
  });
});
