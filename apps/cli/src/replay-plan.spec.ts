import { describe, expect, it } from '@jest/globals';
import { MAX_CHECKS_PER_REQUEST, parseDuration, planReplay } from './replay-plan';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-01T00:00:00Z');

describe('parseDuration', () => {
  it('reads a whole number and a unit', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h')).toBe(HOUR);
    expect(parseDuration('2w')).toBe(14 * 24 * HOUR);
    expect(parseDuration('1.5h')).toBeUndefined();
    expect(parseDuration('0m')).toBeUndefined();
    expect(parseDuration('h')).toBeUndefined();
  });
});

describe('planReplay', () => {
  it('covers every check time in the range exactly once, in order', () => {
    const from = T0 + 30 * 60_000; // not on a check time: the first is the next whole hour
    const to = T0 + 100 * HOUR;
    const plan = planReplay(from, to, HOUR, 3, 7);
    const times = plan.flatMap((r) => {
      const out: number[] = [];
      for (let t = Date.parse(r.from); t <= Date.parse(r.to); t += HOUR) out.push(t);
      expect(out).toHaveLength(r.times);
      return out;
    });
    expect(times).toEqual(Array.from({ length: 100 }, (_, i) => T0 + (i + 1) * HOUR));
    expect(plan.length).toBeLessThanOrEqual(7);
  });

  it("stays within the API's per-request limit of checks", () => {
    const plan = planReplay(T0, T0 + 40_000 * 60_000, 60_000, 20, 2);
    for (const request of plan) expect(request.times * 20).toBeLessThanOrEqual(MAX_CHECKS_PER_REQUEST);
    expect(plan.reduce((n, r) => n + r.times, 0)).toBe(40_001);
  });

  it('is empty when no check time falls in the range', () => {
    expect(planReplay(T0 + 1, T0 + HOUR - 1, HOUR, 1)).toEqual([]);
  });
});
