import type { BaselineModel, MetricSpec, Millis, Sample } from './scoring.types';
import { blockMeans } from './statistics/block-means';
import { correlationTimeMs } from './statistics/correlation-time';
import { deseasonalize, seasonalProfile } from './statistics/seasonality';
import { testBlockMs } from './statistics/test-blocks';
import { baselineRange } from './window';

/** A metric needs a baseline model when it tests significance or compares like with like across seasons. */
export function needsBaselineModel(spec: Pick<MetricSpec, 'confidence' | 'seasonality'>): boolean {
  return spec.confidence !== null || spec.seasonality !== 'none';
}

/**
 * The model frozen with the baseline (docs/scoring.md, "Significance" and "Seasonality"), from the baseline's finite
 * samples in time order. The correlation time is read off the samples as fetched: adjusting them first by a profile
 * fitted to the same samples would hide part of their autocorrelation and make the blocks too short. The block means
 * are of the adjusted samples, since the window's adjusted samples are what they will be compared with.
 */
export function measureBaselineModel(
  baselineSamples: readonly Sample[],
  spec: Pick<MetricSpec, 'baselineEnd' | 'baselineWindowMs' | 'seasonality' | 'timeZone'>,
): BaselineModel {
  const range = baselineRange(spec);
  const correlation = correlationTimeMs(baselineSamples);
  const blockMs = testBlockMs(correlation, medianGapMs(baselineSamples), range.end - range.start);
  const profile =
    spec.seasonality === 'none' ? null : seasonalProfile(baselineSamples, spec.seasonality, spec.timeZone);
  return {
    blockMs,
    correlationTimeMs: correlation,
    blockMeans: blockMeans(adjustSamples(baselineSamples, spec, profile) ?? [], range, blockMs),
    profile,
  };
}

/**
 * The samples adjusted by the profile of their phase bucket (like with like); as they are when the metric has no
 * seasonality. Null when the metric is seasonal but there is no profile to adjust by.
 */
export function adjustSamples(
  samples: readonly Sample[],
  spec: Pick<MetricSpec, 'seasonality' | 'timeZone'>,
  profile: readonly number[] | null,
): Sample[] | null {
  if (spec.seasonality === 'none') return [...samples];
  if (profile === null) return null;
  return deseasonalize(samples, profile, spec.seasonality, spec.timeZone);
}

/** The typical spacing of time-ordered samples: the median gap between neighbours (0 for fewer than two). */
function medianGapMs(samples: readonly Sample[]): Millis {
  const gaps = samples.slice(1).map((sample, i) => sample.at - samples[i].at);
  if (gaps.length === 0) return 0;
  gaps.sort((a, b) => a - b);
  const mid = Math.floor(gaps.length / 2);
  return gaps.length % 2 === 1 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
}
