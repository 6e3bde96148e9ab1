import type { Direction } from '@app/domain';
import { mannWhitneyPValue } from '../mann-whitney';
import type { Millis } from '../scoring.types';
import { blockMeanCorrelation } from './block-correlation';
import { dependentMannWhitneyPValue } from './dependent-mann-whitney';
import { MIN_BLOCKS_PER_SIDE } from './test-blocks';

export interface BlockTest {
  /** One-sided Mann-Whitney p-value on block means; null when a side has fewer than MIN_BLOCKS_PER_SIDE blocks. */
  pValue: number | null;
  /** Block means the test used on each side (the independent units). */
  effectiveSamples: { window: number; baseline: number };
}

/** The frozen block length and the correlation time it was chosen from. */
export interface BlockShape {
  blockMs: Millis;
  correlationTimeMs: Millis;
}

/**
 * Window block means against the baseline's (frozen) block means, one-sided in the metric's direction
 * (docs/scoring.md, "Significance"). The test ranks block means, not raw samples: raw samples of a
 * correlated series would be counted as far more evidence than they are. With fewer than
 * MIN_BLOCKS_PER_SIDE blocks on a side no p-value is given (the check cannot pass on significance), and
 * the counts still say how many units there were, so the evaluation can explain why.
 *
 * Given the block `shape`, the test also allows for the small correlation left between neighbouring
 * block means (≈ 0.16 at 4 correlation times, see `blockMeanCorrelation`), which otherwise lets about 7%
 * of no-change checks pass at 95%. Without it (or with a correlation time of 0) the blocks count as
 * independent and the p-value is the plain Mann-Whitney one, exact for small samples.
 */
export function blockSignificance(
  direction: Direction,
  windowBlockMeans: readonly number[],
  baselineBlockMeans: readonly number[],
  shape?: BlockShape,
): BlockTest {
  const effectiveSamples = { window: windowBlockMeans.length, baseline: baselineBlockMeans.length };
  const enough = effectiveSamples.window >= MIN_BLOCKS_PER_SIDE && effectiveSamples.baseline >= MIN_BLOCKS_PER_SIDE;
  if (!enough) return { pValue: null, effectiveSamples };
  const correlated = shape !== undefined && blockMeanCorrelation(shape.blockMs, shape.correlationTimeMs, 1) > 0;
  const pValue = correlated
    ? dependentMannWhitneyPValue(direction, windowBlockMeans, baselineBlockMeans, (lag) =>
        blockMeanCorrelation(shape.blockMs, shape.correlationTimeMs, lag),
      )
    : mannWhitneyPValue(direction, windowBlockMeans, baselineBlockMeans);
  return { pValue, effectiveSamples };
}
