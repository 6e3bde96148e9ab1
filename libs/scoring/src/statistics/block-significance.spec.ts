import { describe, expect, it } from '@jest/globals';
import { mannWhitneyPValue } from '../mann-whitney';
import { blockMeanCorrelation } from './block-correlation';
import { blockSignificance } from './block-significance';
import { dependentMannWhitneyPValue } from './dependent-mann-whitney';

const HOUR = 3_600_000;

describe('blockSignificance', () => {
  it('5 v 5 fully separated, decrease: the exact p = 1/252', () => {
    expect(blockSignificance('decrease', [1, 2, 3, 4, 5], [6, 7, 8, 9, 10])).toEqual({
      pValue: 1 / 252,
      effectiveSamples: { window: 5, baseline: 5 },
    });
  });

  it('5 v 5 with U = 4: the 5 % critical value 12/252', () => {
    expect(blockSignificance('decrease', [1, 2, 3, 4, 9], [5, 6, 7, 8, 10]).pValue).toBeCloseTo(12 / 252, 12);
  });

  it('increase: a window above the baseline is the evidence', () => {
    expect(blockSignificance('increase', [6, 7, 8, 9, 10], [1, 2, 3, 4, 5]).pValue).toBeCloseTo(1 / 252, 12);
  });

  it('a window moved the wrong way is no evidence', () => {
    expect(blockSignificance('increase', [1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).pValue).toBe(1);
    expect(blockSignificance('decrease', [6, 7, 8, 9, 10], [1, 2, 3, 4, 5]).pValue).toBe(1);
  });

  it.each<[string, number[], number[], { window: number; baseline: number }]>([
    ['4 window blocks', [1, 2, 3, 4], [6, 7, 8, 9, 10], { window: 4, baseline: 5 }],
    ['4 baseline blocks', [1, 2, 3, 4, 5], [6, 7, 8, 9], { window: 5, baseline: 4 }],
    ['no window block', [], [6, 7, 8, 9, 10, 11], { window: 0, baseline: 6 }],
  ])('%s: no p-value, but the counts say why', (_case, window, baseline, effectiveSamples) => {
    expect(blockSignificance('decrease', window, baseline)).toEqual({ pValue: null, effectiveSamples });
  });

  describe('with the block shape: neighbouring block means still correlate', () => {
    const window = [1, 2, 3, 4, 6, 11];
    const baseline = [5, 7, 8, 9, 10, 12, 13, 14];

    it('blocks of 4 correlation times: the p-value allows for their ≈ 0.16 neighbour correlation', () => {
      const shape = { blockMs: 12 * HOUR, correlationTimeMs: 3 * HOUR };
      const test = blockSignificance('decrease', window, baseline, shape);
      expect(test.pValue).toBe(
        dependentMannWhitneyPValue('decrease', window, baseline, (lag) =>
          blockMeanCorrelation(12 * HOUR, 3 * HOUR, lag),
        ),
      );
      expect(test.pValue).toBeGreaterThan(mannWhitneyPValue('decrease', window, baseline) as number);
      expect(test.effectiveSamples).toEqual({ window: 6, baseline: 8 });
    });

    it('a correlation time of 0 (independent samples): the plain, exact p-value', () => {
      const shape = { blockMs: 12 * HOUR, correlationTimeMs: 0 };
      expect(blockSignificance('decrease', [1, 2, 3, 4, 5], [6, 7, 8, 9, 10], shape).pValue).toBe(1 / 252);
    });

    it('too few blocks: still no p-value', () => {
      const shape = { blockMs: 12 * HOUR, correlationTimeMs: 3 * HOUR };
      expect(blockSignificance('decrease', [1, 2, 3, 4], baseline, shape).pValue).toBeNull();
    });
  });
});
