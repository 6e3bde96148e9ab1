import type { Aggregation } from '@app/domain';

/** The quantile each percentile aggregation stands for. */
const QUANTILES = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 } as const;

/**
 * How a window's (finite) values become one number (`aggregation`, see docs/scoring.md, "Aggregations and quantiles").
 * `last` is the final element, so pass values ordered by time. Null for no values: an empty window is never a pass.
 */
export function aggregate(values: readonly number[], aggregation: Aggregation): number | null {
  if (values.length === 0) return null;
  switch (aggregation) {
    case 'avg':
      return mean(values);
    case 'min':
      return values.reduce((a, b) => Math.min(a, b));
    case 'max':
      return values.reduce((a, b) => Math.max(a, b));
    case 'last':
      return values[values.length - 1];
    default:
      return quantile(values, QUANTILES[aggregation]);
  }
}

/**
 * The running mean m += (x − m)/k: no intermediate sum to overflow, and a constant series gives
 * back exactly that constant.
 */
function mean(values: readonly number[]): number {
  let m = 0;
  values.forEach((x, i) => {
    m += (x - m) / (i + 1);
  });
  return m;
}

/**
 * The q-quantile by linear interpolation between closest ranks — Hyndman & Fan "type 7", the
 * default of numpy.quantile and R's quantile(): with the values sorted ascending as x[0..n−1],
 * h = (n − 1)·q and Q(q) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). Null for no values.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const interpolated = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  // Rounding must not push the result out of its segment: that keeps Q monotone in q.
  return Math.min(Math.max(interpolated, sorted[lo]), sorted[hi]);
}
