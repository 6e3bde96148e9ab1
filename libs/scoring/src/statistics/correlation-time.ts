import type { Millis, Sample } from '../scoring.types';

/**
 * How long a series takes to "forget" itself (docs/scoring.md, "Significance"). A latency sampled every
 * few minutes is close to its previous value: 1,000 such samples carry the information of only a few dozen
 * independent ones. The correlation time says how far apart two samples must be to count as (nearly)
 * independent, and so how long the significance test's blocks must be.
 */

/** Below this autocorrelation a lag counts as "forgotten": the e-folding level, exact for an AR(1) series. */
const E_FOLDING = Math.exp(-1);

/** The median gap between consecutive (time-ordered) samples; 0 with fewer than two samples. */
export function medianSpacingMs(samples: readonly Sample[]): Millis {
  const gaps: number[] = [];
  for (let i = 1; i < samples.length; i++) gaps.push(samples[i].at - samples[i - 1].at);
  if (gaps.length === 0) return 0;
  gaps.sort((a, b) => a - b);
  const middle = Math.floor(gaps.length / 2);
  return gaps.length % 2 === 1 ? gaps[middle] : (gaps[middle - 1] + gaps[middle]) / 2;
}

/**
 * The e-folding time of the series' autocorrelation, in ms: the lag where the sample autocorrelation first
 * falls below 1/e, interpolated between the two lags around it, times the median sample spacing (a range
 * query's samples are regularly spaced; the median ignores the odd missing scrape). When lag 1 is
 * already below 1/e, the decay through lag 1: spacing / ln(1/r₁) (0 when r₁ ≤ 0: the samples are as good
 * as independent). 0 when the series is constant (nothing to correlate), or with fewer than 3 finite
 * samples (too few to say). Some lag always falls below 1/e: the
 * pair products of all lags ≥ 1 add up to ((Σd)² − Σd²)/2 = −Σd²/2 < 0 (deviations d sum to 0), so at
 * least one autocorrelation is negative.
 *
 * The autocorrelation at lag k is r_k = c_k / c_0 with c_k = Σ(x_i − x̄)(x_{i+k} − x̄) / (n − k): dividing
 * each lag by its own number of pairs (instead of n) removes the pull towards 0 that grows with the lag,
 * so long correlation times are not underestimated. Between lags the crossing is interpolated on the
 * logarithm of r (an exponential decay is a straight line there), linearly when r turns negative.
 */
export function correlationTimeMs(samples: readonly Sample[]): Millis {
  const finite = samples.filter((s) => Number.isFinite(s.value));
  if (finite.length < 3) return 0;
  const spacing = medianSpacingMs(finite);
  const values = finite.map((s) => s.value);
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const deviations = values.map((x) => x - mean);
  const c0 = autocovariance(deviations, 0);
  if (!(c0 > 0)) return 0;
  let lag = 1;
  let previous = 1;
  let r = autocovariance(deviations, 1) / c0;
  while (r >= E_FOLDING && lag < n - 1) {
    previous = r;
    lag++;
    r = autocovariance(deviations, lag) / c0;
  }
  // Forgotten within one spacing: the decay e^(−spacing/τ) = r₁ through lag 1 still says how fast, so
  // neighbouring samples that correlate a little are not counted as independent.
  if (lag === 1) return r > 0 ? spacing / Math.log(1 / r) : 0;
  return (lag - 1 + crossingFraction(previous, r)) * spacing;
}

function autocovariance(deviations: readonly number[], lag: number): number {
  let sum = 0;
  for (let i = 0; i + lag < deviations.length; i++) sum += deviations[i] * deviations[i + lag];
  return sum / (deviations.length - lag);
}

/** Where between two lags (0..1) the autocorrelation crosses 1/e, going from `above` (≥ 1/e) to `below`. */
function crossingFraction(above: number, below: number): number {
  if (below > 0) return Math.log(above / E_FOLDING) / Math.log(above / below);
  return (above - E_FOLDING) / (above - below);
}
