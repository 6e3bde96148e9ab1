import { describe, expect, it } from '@jest/globals';
import { mannWhitneyPValue, normalLowerTail } from '../mann-whitney';
import { dependentMannWhitneyPValue } from './dependent-mann-whitney';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const independent = () => 0;

describe('dependentMannWhitneyPValue', () => {
  it('without correlation it is the normal approximation of the plain test', () => {
    // 25 v 30 values, no ties: the plain test uses its normal approximation too.
    const window = range(1, 25).map((x) => x * 2);
    const baseline = range(1, 30).map((x) => x * 2 + 7);
    expect(dependentMannWhitneyPValue('decrease', window, baseline, independent)).toBeCloseTo(
      mannWhitneyPValue('decrease', window, baseline) as number,
      12,
    );
  });

  it('5 v 5 fully separated, no correlation: Φ((0 + ½ − 12.5)/√(25·11/12))', () => {
    expect(dependentMannWhitneyPValue('decrease', range(1, 5), range(6, 10), independent)).toBeCloseTo(
      normalLowerTail(5, 5, 0, Array<number>(10).fill(1)),
      12,
    );
  });

  it('correlation inside each sample makes the same ranks weaker evidence', () => {
    const window = [1, 2, 3, 4, 6, 11];
    const baseline = [5, 7, 8, 9, 10, 12, 13, 14];
    const plain = dependentMannWhitneyPValue('decrease', window, baseline, independent) as number;
    const neighbours = dependentMannWhitneyPValue('decrease', window, baseline, (lag) =>
      lag === 1 ? 0.16 : 0,
    ) as number;
    expect(plain).toBeLessThan(0.05);
    expect(neighbours).toBeGreaterThan(plain);
    expect(neighbours).toBeLessThan(0.5);
  });

  it('exact variance for one neighbour correlation: f(n) = 1 + 2(1 − 1/n)·(6/π)asin(ρ/2)', () => {
    const rho = 0.3;
    const rs = (6 / Math.PI) * Math.asin(rho / 2);
    const f = (n: number) => 1 + 2 * (1 - 1 / n) * rs;
    // 5 v 5 fully separated: U = 0.
    const variance = (25 / 12) * (5 * f(5) + 5 * f(5) + 1);
    const expected = 0.5 * (1 + erf((0.5 - 12.5) / Math.sqrt(variance) / Math.SQRT2));
    expect(
      dependentMannWhitneyPValue('decrease', range(1, 5), range(6, 10), (lag) => (lag === 1 ? rho : 0)),
    ).toBeCloseTo(expected, 6);
  });

  it('increase mirrors decrease', () => {
    const neighbours = (lag: number) => (lag === 1 ? 0.16 : 0);
    expect(dependentMannWhitneyPValue('increase', range(6, 10), range(1, 5), neighbours)).toBeCloseTo(
      dependentMannWhitneyPValue('decrease', range(1, 5), range(6, 10), neighbours) as number,
      12,
    );
    expect(dependentMannWhitneyPValue('increase', range(1, 5), range(6, 10), neighbours)).toBeGreaterThan(0.99);
  });

  it('an empty side gives no p-value; all values tied give no evidence', () => {
    expect(dependentMannWhitneyPValue('decrease', [], [1, 2], independent)).toBeNull();
    expect(dependentMannWhitneyPValue('decrease', [3, 3], [3, 3, 3], independent)).toBe(1);
  });
});

/** erf by Abramowitz-Stegun 7.1.26 (|error| < 1.5e−7): an independent check of the library's normal CDF. */
function erf(x: number): number {
  const sign = Math.sign(x);
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-x * x));
}
