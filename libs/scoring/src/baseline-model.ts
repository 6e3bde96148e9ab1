import type { BaselineModel, MetricSpec, Sample } from './scoring.types';
import { blockMeans } from './statistics/block-means';
import { correlationTimeMs, medianSpacingMs } from './statistics/correlation-time';
import { deseasonalize, seasonalProfile } from './statistics/seasonality';
import { testBlockMs } from './statistics/test-blocks';
import { baselineRange } from './window';

/** A metric needs a baseline model when it tests significance or compares like with like across seasons. */
export function needsBaselineModel(spec: Pick<MetricSpec, 'confidence' | 'seasonality'>): boolean {
  return spec.confidence !== null || spec.seasonality !== 'none';
}

/**
 * The model frozen with the baseline (docs/scoring.md, "Significance" and "Seasonality"), from the baseline's finite
 * samples in time order. For a seasonal metric the correlation time is read off the adjusted samples: the rhythm
 * itself (a weekend lasts two days) would otherwise read as a correlation of days, and blocks that long never fit
 * five times in the baseline, so the test could never pass. The block means are of the adjusted samples too, since
 * the window's adjusted samples are what they will be compared with.
 */
export function measureBaselineModel(
  baselineSamples: readonly Sample[],
  spec: Pick<MetricSpec, 'baselineEnd' | 'baselineWindowMs' | 'seasonality' | 'timeZone'>,
): BaselineModel {
  const range = baselineRange(spec);
  const profile =
    spec.seasonality === 'none' ? null : seasonalProfile(baselineSamples, spec.seasonality, spec.timeZone);
  const adjusted = adjustSamples(baselineSamples, spec, profile) ?? [];
  const correlation = correlationTimeMs(adjusted);
  const blockMs = testBlockMs(correlation, medianSpacingMs(baselineSamples), range.end - range.start);
  return { blockMs, correlationTimeMs: correlation, blockMeans: blockMeans(adjusted, range, blockMs), profile };
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
