import type { Millis } from '../scoring.types';

/**
 * How the significance test's block length is chosen (docs/scoring.md, "Significance"). It is chosen once,
 * from the baseline's samples, and frozen with the baseline: re-choosing it at every check would make the
 * test itself noisy.
 */

/** With fewer blocks on either side the test cannot pass: 5 against 5 fully separated is already p = 1/252. */
export const MIN_BLOCKS_PER_SIDE = 5;

/** How many baseline blocks at most: more gives little power and costs storage. */
export const MAX_BASELINE_BLOCKS = 200;

/** Blocks this many correlation times long: adjacent means of an AR(1) series then correlate by only ≈ 0.16. */
export const CORRELATION_TIMES_PER_BLOCK = 4;

const MINUTE_MS = 60_000;

/**
 * The test's block length: at least 4 × the correlation time (so block means are nearly independent), at
 * least the sample spacing (a block holds at least one sample), at least baselineRangeMs / MAX_BASELINE_BLOCKS
 * (bounded storage), rounded up to a whole minute (a readable, stable number) — and never shorter than a minute.
 */
export function testBlockMs(correlationTimeMs: Millis, sampleSpacingMs: Millis, baselineRangeMs: Millis): Millis {
  const longest = Math.max(
    CORRELATION_TIMES_PER_BLOCK * correlationTimeMs,
    sampleSpacingMs,
    baselineRangeMs / MAX_BASELINE_BLOCKS,
    MINUTE_MS,
  );
  return Math.ceil(longest / MINUTE_MS) * MINUTE_MS;
}
