import { describe, expect, it } from '@jest/globals';
import { blockSignificance } from './block-significance';

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
});
