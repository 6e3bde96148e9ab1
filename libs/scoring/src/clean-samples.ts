import type { Sample } from './scoring.types';

export interface CleanedSamples {
  finite: Sample[];
  /** NaN and ±Inf samples removed (a ratio over zero traffic), counted so a check can report them. */
  dropped: number;
}

/**
 * The rule (docs/scoring.md, "Aggregations and quantiles"): non-finite samples are dropped before aggregating, and
 * counted. Order is kept.
 */
export function cleanSamples(samples: readonly Sample[]): CleanedSamples {
  const finite = samples.filter((sample) => Number.isFinite(sample.value));
  return { finite, dropped: samples.length - finite.length };
}
