import type { SelectorStatistic } from '@app/domain';
import type { OtlpMetricKind, OtlpWindowPoint, OtlpWindowSeries } from '@app/persistence';

/**
 * The statistics of an OpenTelemetry selector (see docs/opentelemetry.md, "Selectors"), as pure functions over stored
 * points. No I/O here: the OTLP source reads the points with one query per selector term and range, and everything
 * below turns them into one sample per step.
 *
 * A sample at step time t summarises the lookback (t − L, t], L = max(step, 1m):
 * - value    latest gauge/sum value in the lookback, summed across the matching series;
 * - rate     increase / L in seconds;
 * - increase of a sum (or of a histogram's count): deltas are added up; cumulative values are
 *            differenced, a counter reset (a lower value, a changed start time) starting over from
 *            the new value, and the counter at t − L interpolated linearly from the point before;
 * - mean     Δsum / Δcount of histograms; the mean of the points' values for gauges and sums;
 * - pNN      histogram_quantile over the buckets' increase, summed per bucket across series;
 * - count    Δcount of histograms; the number of points for gauges and sums.
 * A series with no point in the lookback contributes nothing; no series with one: no sample at t.
 */

/** A point as the OTLP store reads it back, times in epoch ms. */
export type StoredPoint = OtlpWindowPoint;
/** A stored series: points ordered by time, maybe one before the first lookback (for interpolation). */
export type StoredSeries = OtlpWindowSeries;

export interface Sample {
  at: number;
  value: number;
}

export const MIN_LOOKBACK_MS = 60_000;

export class StatisticError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatisticError';
  }
}

export function lookbackMs(stepMs: number): number {
  return Math.max(stepMs, MIN_LOOKBACK_MS);
}

/** The step times of a range, as Prometheus makes them: start, start + step, … ≤ end. */
export function stepTimes(start: number, end: number, stepMs: number): number[] {
  if (!(stepMs > 0)) throw new RangeError(`step must be positive, got ${stepMs}`);
  const times: number[] = [];
  for (let t = start; t <= end; t += stepMs) times.push(t);
  return times;
}

export function quantileOf(statistic: SelectorStatistic): number | null {
  const m = /^p(\d\d)$/.exec(statistic);
  return m ? Number(m[1]) / 100 : null;
}

/** Refuses a statistic that means nothing for a kind of metric (a percentile of a gauge, say). */
export function checkStatistic(statistic: SelectorStatistic, kind: OtlpMetricKind, metric: string): void {
  const q = quantileOf(statistic);
  if (q !== null && kind !== 'histogram')
    throw new StatisticError(`${statistic} needs a histogram; "${metric}" is a ${kind}`);
  if (statistic === 'value' && kind === 'histogram') {
    throw new StatisticError(
      `value needs a gauge or a sum; "${metric}" is a histogram (use mean, count, rate or a percentile)`,
    );
  }
  if ((statistic === 'rate' || statistic === 'increase') && kind === 'gauge') {
    throw new StatisticError(`${statistic} needs a sum or a histogram; "${metric}" is a gauge (use value or mean)`);
  }
}

// ---------------------------------------------------------------------------------------------
// histogram_quantile, as Prometheus computes it (promql/quantile.go, bucketQuantile).

export interface Bucket {
  /** Upper bound (le); the last is +Inf. */
  upperBound: number;
  /** Cumulative count of observations ≤ upperBound. */
  count: number;
}

/**
 * Prometheus' histogram_quantile over cumulative buckets: NaN without a +Inf bucket, with fewer than
 * two buckets or with no observations; −Inf/+Inf for q < 0 / q > 1; linear interpolation inside
 * the bucket holding the rank, the first bucket starting at 0 (unless its upper bound is ≤ 0, then
 * that bound is the answer); a rank in the +Inf bucket answers the last finite upper bound.
 * Non-monotonic cumulative counts (float precision) are made monotonic first.
 */
export function histogramQuantile(q: number, input: Bucket[]): number {
  if (Number.isNaN(q)) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  const buckets = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (buckets.length === 0 || buckets[buckets.length - 1].upperBound !== Number.POSITIVE_INFINITY) return Number.NaN;
  // Coalesce equal bounds, then force monotonic counts.
  const merged: Bucket[] = [];
  for (const b of buckets) {
    const last = merged[merged.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else merged.push({ ...b });
  }
  for (let i = 1; i < merged.length; i++)
    if (merged[i].count < merged[i - 1].count) merged[i].count = merged[i - 1].count;
  if (merged.length < 2) return Number.NaN;
  const observations = merged[merged.length - 1].count;
  if (!(observations > 0)) return Number.NaN;
  let rank = q * observations;
  let b = merged.findIndex((x) => x.count >= rank);
  if (b === -1) b = merged.length - 1;
  if (b === merged.length - 1) return merged[merged.length - 2].upperBound;
  if (b === 0 && merged[0].upperBound <= 0) return merged[0].upperBound;
  let bucketStart = 0;
  const bucketEnd = merged[b].upperBound;
  let count = merged[b].count;
  if (b > 0) {
    bucketStart = merged[b - 1].upperBound;
    count -= merged[b - 1].count;
    rank -= merged[b - 1].count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/** OTLP explicit buckets (per-bucket counts) to Prometheus' cumulative `le` buckets. */
export function cumulativeBuckets(bounds: number[], counts: number[]): Bucket[] {
  const out: Bucket[] = [];
  let running = 0;
  for (let i = 0; i < counts.length; i++) {
    running += counts[i];
    out.push({ upperBound: i < bounds.length ? bounds[i] : Number.POSITIVE_INFINITY, count: running });
  }
  return out;
}

/**
 * Sums cumulative buckets of several series per upper bound. Series whose bounds differ are put on
 * the union of the bounds, each contributing at a bound its count at its own largest bound ≤ it
 * (what it is known to hold there), so the sum stays monotonic.
 */
export function sumBuckets(sets: Bucket[][]): Bucket[] {
  const bounds = [...new Set(sets.flatMap((s) => s.map((b) => b.upperBound)))].sort((a, b) => a - b);
  return bounds.map((upperBound) => ({
    upperBound,
    count: sets.reduce((acc, set) => {
      let c = 0;
      for (const b of set) if (b.upperBound <= upperBound) c = Math.max(c, b.count);
      return acc + c;
    }, 0),
  }));
}

// ---------------------------------------------------------------------------------------------
// Increase over a lookback, for one series, on a vector of counters (a sum: [value]; a histogram:
// [count, sum, bucket 0, bucket 1, …]).

interface VectorPoint {
  at: number;
  startAt: number | null;
  v: number[];
  shape: string;
}

function vectorOf(p: StoredPoint, kind: OtlpMetricKind): VectorPoint {
  if (kind === 'histogram') {
    return {
      at: p.at,
      startAt: p.startAt,
      v: [p.count ?? 0, p.sum ?? 0, ...(p.counts ?? [])],
      shape: (p.bounds ?? []).join(','),
    };
  }
  return { at: p.at, startAt: p.startAt, v: [p.value ?? 0], shape: '' };
}

/**
 * A cumulative counter started over between a and b: a different start time, a different bucket
 * layout, or (monotonic counters only) a value that went down — as Prometheus detects resets.
 */
export function isReset(a: VectorPoint, b: VectorPoint, monotonic: boolean): boolean {
  if (a.startAt !== null && b.startAt !== null && a.startAt !== b.startAt) return true;
  if (a.shape !== b.shape || a.v.length !== b.v.length) return true;
  if (!monotonic) return false;
  // A sum counter is [value]; a histogram is [count, sum, buckets…], whose sum may go down
  // legitimately (negative observations) while its counts may not.
  const histogram = b.v.length > 1;
  return b.v.some((x, i) => !(histogram && i === 1) && x < a.v[i]);
}

const add = (acc: number[], v: number[], factor = 1): number[] => {
  const out = acc.length ? [...acc] : v.map(() => 0);
  for (let i = 0; i < v.length; i++) out[i] = (out[i] ?? 0) + v[i] * factor;
  return out;
};

/**
 * The increase of one series over (from, to]; null when it has no point there.
 * Delta: the points' values added up. Cumulative: the differences of consecutive points in the
 * lookback, a reset starting over from the new value; the first point is differenced against the
 * counter at `from`, interpolated linearly from the point before it (when there is one and no reset
 * came between), else against 0 at the point's start time, pro rata of the part inside the lookback
 * (the whole value when the start time is unknown).
 */
export function seriesIncrease(series: StoredSeries, from: number, to: number): number[] | null {
  const pts = series.points.map((p) => vectorOf(p, series.kind));
  const firstIn = pts.findIndex((p) => p.at > from && p.at <= to);
  if (firstIn === -1) return null;
  let lastIn = firstIn;
  while (lastIn + 1 < pts.length && pts[lastIn + 1].at <= to) lastIn++;
  const inside = pts.slice(firstIn, lastIn + 1);
  if (series.temporality === 'delta') {
    // Only values measured in one layout are summed: a changed layout starts over.
    const shape = inside[inside.length - 1].shape;
    return inside.filter((p) => p.shape === shape).reduce<number[]>((acc, p) => add(acc, p.v), []);
  }
  const monotonic = series.monotonic || series.kind === 'histogram';
  const first = inside[0];
  const prev = firstIn > 0 ? pts[firstIn - 1] : null;
  let inc: number[] = first.v.map(() => 0);
  if (prev && !isReset(prev, first, monotonic)) {
    const fraction = (first.at - from) / (first.at - prev.at);
    inc = add(
      inc,
      first.v.map((x, i) => x - prev.v[i]),
      fraction,
    );
  } else if (first.startAt !== null && first.startAt < first.at) {
    inc = add(inc, first.v, Math.min(1, (first.at - from) / (first.at - first.startAt)));
  } else if (monotonic) {
    inc = add(inc, first.v);
  }
  for (let i = 1; i < inside.length; i++) {
    const a = inside[i - 1];
    const b = inside[i];
    if (isReset(a, b, monotonic)) {
      // Started over: everything since the layout changed counts from zero, in the new layout.
      inc = a.shape !== b.shape || a.v.length !== b.v.length ? [...b.v] : add(inc, b.v);
    } else {
      inc = add(
        inc,
        b.v.map((x, j) => x - a.v[j]),
      );
    }
  }
  return inc;
}

// ---------------------------------------------------------------------------------------------
// One term's sample at t.

function pointsIn(series: StoredSeries, from: number, to: number): StoredPoint[] {
  return series.points.filter((p) => p.at > from && p.at <= to);
}

/**
 * The statistic of the matching series at step time t over (t − lookback, t]; null when no series
 * has a point there. Throws StatisticError for a statistic the series' kind cannot give.
 */
export function statisticAt(
  statistic: SelectorStatistic,
  series: StoredSeries[],
  t: number,
  lookback: number,
  metric = 'metric',
): number | null {
  for (const s of series) checkStatistic(statistic, s.kind, metric);
  const from = t - lookback;
  const q = quantileOf(statistic);
  switch (statistic) {
    case 'value': {
      const latest = series.map((s) => pointsIn(s, from, t).at(-1)).filter((p): p is StoredPoint => p !== undefined);
      return latest.length ? latest.reduce((acc, p) => acc + (p.value ?? 0), 0) : null;
    }
    case 'rate':
    case 'increase': {
      const incs = series.map((s) => seriesIncrease(s, from, t)).filter((x): x is number[] => x !== null);
      if (!incs.length) return null;
      const total = incs.reduce((acc, v) => acc + v[0], 0);
      return statistic === 'rate' ? total / (lookback / 1000) : total;
    }
    case 'mean':
    case 'count': {
      const histograms = series.filter((s) => s.kind === 'histogram');
      const numbers = series.filter((s) => s.kind !== 'histogram');
      const incs = histograms.map((s) => seriesIncrease(s, from, t)).filter((x): x is number[] => x !== null);
      const values = numbers.flatMap((s) => pointsIn(s, from, t).map((p) => p.value ?? 0));
      if (!incs.length && !values.length) return null;
      const dCount = incs.reduce((acc, v) => acc + v[0], 0);
      if (statistic === 'count') return dCount + values.length;
      const dSum = incs.reduce((acc, v) => acc + v[1], 0);
      const total = dSum + values.reduce((a, b) => a + b, 0);
      const n = dCount + values.length;
      return n === 0 ? Number.NaN : total / n;
    }
    default: {
      const sets: Bucket[][] = [];
      for (const s of series) {
        const inc = seriesIncrease(s, from, t);
        if (inc === null) continue;
        const last = pointsIn(s, from, t).at(-1)!;
        sets.push(cumulativeBuckets(last.bounds ?? [], inc.slice(2)));
      }
      if (!sets.length) return null;
      return histogramQuantile(q!, sumBuckets(sets));
    }
  }
}

export interface TermData {
  statistic: SelectorStatistic;
  metric: string;
  series: StoredSeries[];
}

/**
 * The selector's samples over [start, end] at step: the numerator term, divided per step by the
 * denominator term when there is one (a zero denominator gives NaN, which scoring drops and counts).
 * A step where either term has no data has no sample.
 */
export function evaluateSelector(
  numerator: TermData,
  denominator: TermData | null,
  start: number,
  end: number,
  stepMs: number,
): Sample[] {
  const lookback = lookbackMs(stepMs);
  const samples: Sample[] = [];
  for (const t of stepTimes(start, end, stepMs)) {
    const n = statisticAt(numerator.statistic, numerator.series, t, lookback, numerator.metric);
    if (n === null) continue;
    if (!denominator) {
      samples.push({ at: t, value: n });
      continue;
    }
    const d = statisticAt(denominator.statistic, denominator.series, t, lookback, denominator.metric);
    if (d === null) continue;
    samples.push({ at: t, value: d === 0 ? Number.NaN : n / d });
  }
  return samples;
}
