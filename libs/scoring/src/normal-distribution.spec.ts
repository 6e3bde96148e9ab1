import { describe, expect, it } from '@jest/globals';
import { normalCdf } from './normal-distribution';

describe('normalCdf', () => {
  // Reference values from standard normal tables (Abramowitz & Stegun, table 26.1).
  it.each<[number, number]>([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1, 0.15865525393145707],
    [1.96, 0.9750021048517795],
    [-1.6448536269514722, 0.05],
    [-2.5, 0.006209665325776132],
    [3, 0.9986501019683699],
    // The continued-fraction branch (|x| ≥ 7.07) is good to about 1e-8 relative: ample for p-values.
    [-8, 6.22096057427178e-16],
    [-40, 0], // beyond 37: underflows to 0
    [40, 1],
  ])('Φ(%d) = %d', (x, expected) => {
    const result = normalCdf(x);
    if (expected === 0) expect(result).toBe(0);
    else expect(Math.abs(result - expected) / expected).toBeLessThan(Math.abs(x) > 7 ? 1e-7 : 1e-9);
  });

  it('is NaN for NaN', () => {
    expect(normalCdf(Number.NaN)).toBeNaN();
  });

  it('is symmetric: Φ(−x) = 1 − Φ(x)', () => {
    for (const x of [0.1, 0.5, 1.3, 2.2, 4.4, 6.9, 7.2]) expect(normalCdf(-x)).toBeCloseTo(1 - normalCdf(x), 14);
  });
});
