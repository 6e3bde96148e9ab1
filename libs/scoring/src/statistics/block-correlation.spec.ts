import { describe, expect, it } from '@jest/globals';
import { blockMeanCorrelation } from './block-correlation';

const HOUR = 3_600_000;

/** The same correlation by brute force: midpoint sums of e^(−|t − s|/τ) over two blocks, over one block. */
function numerically(blocksInTau: number, lag: number): number {
  const steps = 400;
  const h = blocksInTau / steps;
  const integral = (offset: number) => {
    let sum = 0;
    for (let i = 0; i < steps; i++)
      for (let j = 0; j < steps; j++) sum += Math.exp(-Math.abs((i + 0.5) * h - (offset + (j + 0.5) * h)));
    return sum * h * h;
  };
  return integral(lag * blocksInTau) / integral(0);
}

describe('blockMeanCorrelation', () => {
  it('adjacent blocks of 4 correlation times: ≈ 0.16', () => {
    expect(blockMeanCorrelation(12 * HOUR, 3 * HOUR, 1)).toBeCloseTo(
      (1 - Math.exp(-4)) ** 2 / (2 * (3 + Math.exp(-4))),
      12,
    );
    expect(blockMeanCorrelation(12 * HOUR, 3 * HOUR, 1)).toBeCloseTo(0.16, 2);
  });

  it.each<[number, number]>([
    [4, 1],
    [4, 2],
    [1, 1],
    [2, 3],
  ])('blocks of %p correlation times, lag %p: agrees with a numerical integral', (blocksInTau, lag) => {
    expect(blockMeanCorrelation(blocksInTau * HOUR, HOUR, lag)).toBeCloseTo(numerically(blocksInTau, lag), 4);
  });

  it('falls with the block length: longer blocks are more independent', () => {
    const at = (n: number) => blockMeanCorrelation(n * HOUR, HOUR, 1);
    expect(at(8)).toBeLessThan(at(4));
    expect(at(4)).toBeLessThan(at(2));
  });

  it.each<[string, number, number, number]>([
    ['no correlation time: independent samples', HOUR, 0, 1],
    ['lag 0 is not a neighbour', HOUR, HOUR, 0],
    ['no block', 0, HOUR, 1],
  ])('%s → 0', (_case, blockMs, correlationTimeMs, lag) => {
    expect(blockMeanCorrelation(blockMs, correlationTimeMs, lag)).toBe(0);
  });
});
