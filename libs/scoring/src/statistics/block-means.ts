import type { Millis, Sample } from '../scoring.types';
import type { TimeRange } from '../window';

/**
 * Block means are the significance test's independent units (docs/scoring.md, "Significance"): samples a
 * few minutes apart resemble each other, but the means of blocks several correlation times long are
 * nearly independent, so a rank test on them keeps its promised false-positive rate.
 *
 * The blocks tile the range from `range.end` backwards, so the newest data always counts and only the
 * oldest, partial block is dropped. Each block is half-open in time, [its start, its end), except the
 * newest, which also holds `range.end` itself: a range query's first and last samples both count. A
 * block with no sample (a scrape gap) is skipped rather than counted as a value. Samples outside the
 * range, and non-finite values, are ignored. Means are returned oldest first.
 */
export function blockMeans(samples: readonly Sample[], range: TimeRange, blockMs: Millis): number[] {
  if (!(blockMs > 0)) throw new RangeError(`blockMs must be positive, got ${blockMs}`);
  const blocks = Math.max(0, Math.floor((range.end - range.start) / blockMs));
  const sums = new Array<number>(blocks).fill(0);
  const counts = new Array<number>(blocks).fill(0);
  for (const { at, value } of samples) {
    if (at < range.start || at > range.end || !Number.isFinite(value)) continue;
    const fromEnd = range.end - at;
    const block = fromEnd === 0 ? 0 : Math.ceil(fromEnd / blockMs) - 1;
    if (block >= blocks) continue; // the oldest, partial block
    sums[block] += value;
    counts[block]++;
  }
  const means: number[] = [];
  for (let block = blocks - 1; block >= 0; block--) if (counts[block] > 0) means.push(sums[block] / counts[block]);
  return means;
}
