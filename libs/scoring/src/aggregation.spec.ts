import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AGGREGATIONS, type Aggregation } from '@app/domain';
import { aggregate, quantile } from './aggregation';

describe('aggregate', () => {
  // Expected values by hand. Type 7 on [1, 2, 3, 4] (sorted): h = 3q.
  //   p50: h = 1.5 → 2 + 0.5·(3 − 2) = 2.5;  p90: h = 2.7 → 3 + 0.7·1 = 3.7
  //   p95: h = 2.85 → 3.85;                 p99: h = 2.97 → 3.97
  it.each<[Aggregation, number[], number]>([
    ['avg', [1, 2, 3, 4], 2.5],
    ['avg', [10], 10],
    ['avg', [-1, 1], 0],
    ['min', [3, 1, 2], 1],
    ['min', [-5, 0, 5], -5],
    ['max', [3, 1, 2], 3],
    ['max', [-5, -7], -5],
    ['last', [3, 1, 2], 2],
    ['last', [9], 9],
    ['p50', [4, 1, 3, 2], 2.5],
    ['p90', [4, 1, 3, 2], 3.7],
    ['p95', [4, 1, 3, 2], 3.85],
    ['p99', [4, 1, 3, 2], 3.97],
    // Odd count: the median is the middle value, no interpolation.
    ['p50', [5, 1, 3], 3],
    // One value: every quantile is that value.
    ['p99', [7], 7],
    // 11 values 0..100 step 10: h = 10q, p90 → x[9] = 90 exactly; p95 → 90 + 0.5·10 = 95.
    ['p90', [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90],
    ['p95', [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 95],
    // Ties: [1, 1, 1, 10], p50: h = 1.5 → 1 + 0.5·0 = 1.
    ['p50', [10, 1, 1, 1], 1],
  ])('%s of %j is %d', (aggregation, values, expected) => {
    expect(aggregate(values, aggregation)).toBeCloseTo(expected, 10);
  });

  it.each(AGGREGATIONS.map((a) => [a]))('%s of no values is null', (aggregation) => {
    expect(aggregate([], aggregation)).toBeNull();
  });

  it('does not reorder the caller’s values', () => {
    const values = [3, 1, 2];
    aggregate(values, 'p50');
    expect(values).toEqual([3, 1, 2]);
  });

  it('averages huge values without overflowing', () => {
    expect(aggregate([Number.MAX_VALUE, Number.MAX_VALUE], 'avg')).toBe(Number.MAX_VALUE);
  });

  it.each(AGGREGATIONS.map((a) => [a]))('%s of a constant series is that constant', (aggregation) => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 1, max: 50 }), (c, n) => {
        // === rather than toBe: −0 and 0 are the same value here.
        expect(aggregate(new Array<number>(n).fill(c), aggregation) === c).toBe(true);
      }),
    );
  });

  it('every aggregation lies between min and max', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1 }),
        fc.constantFrom(...AGGREGATIONS),
        (values, aggregation) => {
          const result = aggregate(values, aggregation)!;
          expect(result).toBeGreaterThanOrEqual(Math.min(...values) - 1e-6);
          expect(result).toBeLessThanOrEqual(Math.max(...values) + 1e-6);
        },
      ),
    );
  });
});

describe('quantile', () => {
  it.each<[number, number]>([
    [0, 1],
    [1, 4],
    [0.5, 2.5],
    [0.25, 1.75], // h = 0.75 → 1 + 0.75·(2 − 1)
    [1 / 3, 2], // h = 1 exactly → x[1]
  ])('q = %d of [1, 2, 3, 4] is %d', (q, expected) => {
    expect(quantile([4, 3, 2, 1], q)).toBeCloseTo(expected, 10);
  });

  it('is null for no values', () => {
    expect(quantile([], 0.5)).toBeNull();
  });

  it.each([[-0.01], [1.01], [Number.NaN]])('rejects q = %p', (q) => {
    expect(() => quantile([1], q)).toThrow(RangeError);
  });

  it('is monotone in q', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(quantile(values, low)!).toBeLessThanOrEqual(quantile(values, high)!);
        },
      ),
    );
  });
});
