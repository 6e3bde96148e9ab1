import { describe, expect, it } from '@jest/globals';
import { cleanSamples } from './clean-samples';
import type { Sample } from './scoring.types';

const at = (i: number, value: number): Sample => ({ at: i * 1_000, value });

describe('cleanSamples', () => {
  it.each<[string, Sample[], number[], number]>([
    ['no samples', [], [], 0],
    ['all finite', [at(1, 1), at(2, 0), at(3, -2.5)], [1, 2, 3], 0],
    ['NaN dropped', [at(1, 1), at(2, Number.NaN), at(3, 3)], [1, 3], 1],
    ['+Inf dropped', [at(1, Number.POSITIVE_INFINITY), at(2, 2)], [2], 1],
    ['−Inf dropped', [at(1, Number.NEGATIVE_INFINITY), at(2, 2)], [2], 1],
    ['nothing finite', [at(1, Number.NaN), at(2, Number.POSITIVE_INFINITY), at(3, Number.NEGATIVE_INFINITY)], [], 3],
    ['zero and extremes kept', [at(1, 0), at(2, Number.MAX_VALUE), at(3, -Number.MAX_VALUE)], [1, 2, 3], 0],
  ])('%s', (_, samples, keptSeconds, dropped) => {
    const result = cleanSamples(samples);
    expect(result.finite.map((s) => s.at / 1_000)).toEqual(keptSeconds);
    expect(result.dropped).toBe(dropped);
  });
});
