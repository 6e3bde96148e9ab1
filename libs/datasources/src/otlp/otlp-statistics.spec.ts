import { describe, expect, it } from '@jest/globals';
import {
  checkStatistic,
  cumulativeBuckets,
  evaluateSelector,
  histogramQuantile,
  lookbackMs,
  quantileOf,
  seriesIncrease,
  statisticAt,
  StatisticError,
  stepTimes,
  sumBuckets,
  type Bucket,
  type StoredPoint,
  type StoredSeries,
} from './otlp-statistics';

const S = 1_000;
const M = 60 * S;

const num = (at: number, value: number, startAt: number | null = null): StoredPoint => ({
  at,
  startAt,
  value,
  bounds: null,
  counts: null,
  sum: null,
  count: null,
});
const hist = (
  at: number,
  bounds: number[],
  counts: number[],
  sum: number,
  startAt: number | null = null,
): StoredPoint => ({
  at,
  startAt,
  value: null,
  bounds,
  counts,
  sum,
  count: counts.reduce((a, b) => a + b, 0),
});
const gauge = (points: StoredPoint[]): StoredSeries => ({
  kind: 'gauge',
  temporality: 'unspecified',
  monotonic: false,
  points,
});
const counter = (temporality: 'delta' | 'cumulative', points: StoredPoint[], monotonic = true): StoredSeries => ({
  kind: 'sum',
  temporality,
  monotonic,
  points,
});
const histogram = (temporality: 'delta' | 'cumulative', points: StoredPoint[]): StoredSeries => ({
  kind: 'histogram',
  temporality,
  monotonic: false,
  points,
});
const le = (pairs: Array<[number, number]>): Bucket[] => pairs.map(([upperBound, count]) => ({ upperBound, count }));

describe('histogramQuantile — parity with Prometheus histogram_quantile (promql/testdata/histograms.test)', () => {
  // testhistogram_bucket: rates proportional to these cumulative counts.
  const positive = le([
    [0.1, 5],
    [0.2, 7],
    [1, 11],
    [Infinity, 12],
  ]);
  const negative = le([
    [-0.2, 1],
    [-0.1, 2],
    [0.3, 2],
    [Infinity, 3],
  ]);

  it.each([
    [0, 0, -0.2],
    [0.2, 0.048, -0.2],
    [0.5, 0.15, -0.15],
    [0.8, 0.72, 0.3],
    [1, 1, 0.3],
  ])('q=%p → positive %p, negative %p', (q, pos, neg) => {
    expect(histogramQuantile(q, positive)).toBeCloseTo(pos, 12);
    expect(histogramQuantile(q, negative)).toBeCloseTo(neg, 12);
  });

  it('answers −Inf below 0, +Inf above 1, NaN for NaN', () => {
    expect(histogramQuantile(-0.1, positive)).toBe(-Infinity);
    expect(histogramQuantile(1.01, positive)).toBe(Infinity);
    expect(histogramQuantile(Number.NaN, positive)).toBeNaN();
  });

  it('answers NaN without a +Inf bucket, with fewer than two buckets, or with no observations', () => {
    expect(histogramQuantile(0.5, le([[1, 3]]))).toBeNaN();
    expect(histogramQuantile(0.5, le([[Infinity, 3]]))).toBeNaN();
    expect(histogramQuantile(0.5, [])).toBeNaN();
    expect(
      histogramQuantile(
        0.5,
        le([
          [1, 0],
          [Infinity, 0],
        ]),
      ),
    ).toBeNaN();
  });

  it('answers the last finite upper bound for a rank in the +Inf bucket', () => {
    expect(
      histogramQuantile(
        0.99,
        le([
          [1, 1],
          [2, 2],
          [Infinity, 100],
        ]),
      ),
    ).toBe(2);
  });

  it('starts the first bucket at 0 when its upper bound is positive', () => {
    expect(
      histogramQuantile(
        0.5,
        le([
          [4, 10],
          [Infinity, 10],
        ]),
      ),
    ).toBe(2);
  });

  it('sorts buckets, coalesces equal bounds and makes counts monotonic', () => {
    expect(
      histogramQuantile(
        0.5,
        le([
          [Infinity, 10],
          [1, 4],
          [2, 3],
        ]),
      ),
    ).toBe(
      histogramQuantile(
        0.5,
        le([
          [1, 4],
          [2, 4],
          [Infinity, 10],
        ]),
      ),
    );
    expect(
      histogramQuantile(
        0.5,
        le([
          [1, 2],
          [1, 2],
          [Infinity, 8],
        ]),
      ),
    ).toBe(
      histogramQuantile(
        0.5,
        le([
          [1, 4],
          [Infinity, 8],
        ]),
      ),
    );
  });
});

describe('bucket helpers', () => {
  it('turns OTLP per-bucket counts into cumulative le buckets', () => {
    expect(cumulativeBuckets([0.1, 1], [2, 3, 1])).toEqual(
      le([
        [0.1, 2],
        [1, 5],
        [Infinity, 6],
      ]),
    );
  });

  it('sums buckets per bound, on the union of bounds', () => {
    const a = le([
      [1, 2],
      [Infinity, 4],
    ]);
    const b = le([
      [1, 1],
      [2, 3],
      [Infinity, 3],
    ]);
    expect(sumBuckets([a, b])).toEqual(
      le([
        [1, 3],
        [2, 5],
        [Infinity, 7],
      ]),
    );
  });
});

describe('steps and lookback', () => {
  it('makes Prometheus step times start, start + step, … ≤ end', () => {
    expect(stepTimes(0, 10, 5)).toEqual([0, 5, 10]);
    expect(stepTimes(0, 9, 5)).toEqual([0, 5]);
    expect(() => stepTimes(0, 1, 0)).toThrow(RangeError);
  });

  it('looks back max(step, 1m)', () => {
    expect(lookbackMs(S)).toBe(M);
    expect(lookbackMs(5 * M)).toBe(5 * M);
  });

  it('reads percentiles', () => {
    expect(quantileOf('p99')).toBe(0.99);
    expect(quantileOf('p50')).toBe(0.5);
    expect(quantileOf('rate')).toBeNull();
  });
});

describe('checkStatistic', () => {
  it('refuses percentiles of non-histograms, value of histograms, rate and increase of gauges', () => {
    expect(() => checkStatistic('p99', 'gauge', 'g')).toThrow(StatisticError);
    expect(() => checkStatistic('value', 'histogram', 'h')).toThrow(/value needs a gauge or a sum/);
    expect(() => checkStatistic('rate', 'gauge', 'g')).toThrow(/rate needs a sum or a histogram/);
    expect(() => checkStatistic('increase', 'gauge', 'g')).toThrow(StatisticError);
    expect(() => checkStatistic('mean', 'gauge', 'g')).not.toThrow();
    expect(() => checkStatistic('p50', 'histogram', 'h')).not.toThrow();
  });
});

describe('seriesIncrease', () => {
  it('adds up deltas inside the lookback only', () => {
    const s = counter('delta', [num(10 * S, 100), num(70 * S, 3), num(80 * S, 2), num(130 * S, 9)]);
    expect(seriesIncrease(s, 60 * S, 120 * S)).toEqual([5]);
    expect(seriesIncrease(s, 200 * S, 260 * S)).toBeNull();
  });

  it('differences cumulative values, interpolating the counter at the lookback start from the point before', () => {
    // 0 at 0s, 60 at 60s, 120 at 120s: 1/s. Over (30s, 90s]: 60 (30 interpolated + none after 60s… plus 60→? ).
    const s = counter('cumulative', [num(0, 0, -1), num(60 * S, 60, -1), num(90 * S, 90, -1)]);
    // (30s, 90s]: counter at 30s interpolated as 30; at 90s it is 90 → 60.
    expect(seriesIncrease(s, 30 * S, 90 * S)).toEqual([60]);
  });

  it('starts over from the new value after a reset (a lower value)', () => {
    const s = counter('cumulative', [num(0, 100), num(10 * S, 110), num(20 * S, 5), num(30 * S, 8)]);
    // (5s, 30s]: 10→? interpolated: (110-100)·(5/10)=5; 110→5 reset: +5; 5→8: +3.
    expect(seriesIncrease(s, 5 * S, 30 * S)).toEqual([13]);
  });

  it('starts over when the start time changes, even when the value went up', () => {
    const s = counter('cumulative', [
      num(0, 1, -5),
      num(10 * S, 2, -5),
      num(20 * S, 50, 15 * S),
      num(30 * S, 52, 15 * S),
    ]);
    expect(seriesIncrease(s, 10 * S, 30 * S)).toEqual([52]);
  });

  it('counts a counter that started inside the lookback from zero at its start time', () => {
    const s = counter('cumulative', [num(20 * S, 10, 10 * S), num(30 * S, 25, 10 * S)]);
    expect(seriesIncrease(s, 0, 30 * S)).toEqual([25]);
    // Started before the lookback: the part inside it, pro rata.
    expect(seriesIncrease(s, 15 * S, 30 * S)).toEqual([20]);
  });

  it('counts the whole first value of a monotonic counter with no known start', () => {
    expect(seriesIncrease(counter('cumulative', [num(10 * S, 7), num(20 * S, 9)]), 0, 30 * S)).toEqual([9]);
  });

  it('takes last − first for a non-monotonic cumulative sum (no value resets)', () => {
    const s = counter('cumulative', [num(0, 10), num(10 * S, 4), num(20 * S, 6)], false);
    expect(seriesIncrease(s, 0, 20 * S)).toEqual([-4]);
  });

  it('differences histograms per bucket, with count and sum', () => {
    const s = histogram('cumulative', [
      hist(0, [1], [0, 0], 0, -1),
      hist(10 * S, [1], [2, 1], 3.5, -1),
      hist(20 * S, [1], [3, 3], 6, -1),
    ]);
    expect(seriesIncrease(s, 0, 20 * S)).toEqual([6, 6, 3, 3]);
  });

  it('treats a lower histogram count as a reset, but not a lower sum (negative observations)', () => {
    const reset = histogram('cumulative', [hist(0, [1], [5, 5], 10), hist(10 * S, [1], [1, 0], 1)]);
    expect(seriesIncrease(reset, 0, 10 * S)).toEqual([1, 1, 1, 0]);
    const negative = histogram('cumulative', [hist(0, [0], [1, 0], -1), hist(10 * S, [0], [2, 0], -3)]);
    expect(seriesIncrease(negative, 0, 10 * S)).toEqual([1, -2, 1, 0]);
  });

  it('starts over when the bucket layout changes', () => {
    const s = histogram('cumulative', [
      hist(0, [1], [1, 1], 1),
      hist(10 * S, [1], [2, 1], 2),
      hist(20 * S, [1, 2], [1, 1, 0], 1.5),
    ]);
    expect(seriesIncrease(s, 0, 20 * S)).toEqual([2, 1.5, 1, 1, 0]);
  });

  it('sums delta histograms in the newest layout', () => {
    const s = histogram('delta', [hist(10 * S, [1], [1, 0], 0.5), hist(20 * S, [1], [0, 2], 4)]);
    expect(seriesIncrease(s, 0, 20 * S)).toEqual([3, 4.5, 1, 2]);
  });
});

describe('statisticAt', () => {
  const L = M;

  it('value: the latest point in the lookback, summed across series; null without one', () => {
    const a = gauge([num(10 * S, 1), num(50 * S, 4)]);
    const b = gauge([num(30 * S, 10)]);
    expect(statisticAt('value', [a, b], 60 * S, L)).toBe(14);
    expect(statisticAt('value', [a, b], 200 * S, L)).toBeNull();
  });

  it('rate: per-second increase; increase: the same without dividing', () => {
    const d = counter('delta', [num(20 * S, 30), num(40 * S, 30)]);
    expect(statisticAt('rate', [d], 60 * S, L)).toBe(1);
    expect(statisticAt('increase', [d], 60 * S, L)).toBe(60);
    const c = counter('cumulative', [num(0, 0, -1), num(30 * S, 30, -1), num(60 * S, 60, -1)]);
    expect(statisticAt('rate', [c, d], 60 * S, L)).toBe(2);
    expect(statisticAt('rate', [c], 500 * S, L)).toBeNull();
  });

  it('rate of a histogram is the rate of its count', () => {
    const h = histogram('delta', [hist(30 * S, [1], [30, 30], 10)]);
    expect(statisticAt('rate', [h], 60 * S, L)).toBe(1);
  });

  it('mean: Δsum/Δcount for histograms, the mean of the points for gauges', () => {
    const h = histogram('delta', [hist(30 * S, [1], [1, 3], 10)]);
    expect(statisticAt('mean', [h], 60 * S, L)).toBe(2.5);
    expect(statisticAt('mean', [gauge([num(10 * S, 2), num(20 * S, 4)])], 60 * S, L)).toBe(3);
    expect(statisticAt('mean', [histogram('delta', [hist(30 * S, [1], [0, 0], 0)])], 60 * S, L)).toBeNaN();
    expect(statisticAt('mean', [gauge([])], 60 * S, L)).toBeNull();
  });

  it('count: Δcount for histograms, the number of points for gauges', () => {
    const h = histogram('cumulative', [hist(0, [1], [1, 0], 1, -1), hist(30 * S, [1], [4, 2], 9, -1)]);
    // (0, 60s]: the point at 0 is the one before the lookback, so 6 − 1.
    expect(statisticAt('count', [h], 60 * S, L)).toBe(5);
    // (−30s, 30s]: the counter started inside the lookback, so its first value counts too.
    expect(statisticAt('count', [h], 30 * S, L)).toBe(6);
    expect(statisticAt('count', [gauge([num(10 * S, 2), num(20 * S, 4)])], 60 * S, L)).toBe(2);
  });

  it('pNN: histogram_quantile over the increase, summed per bucket across series', () => {
    const bounds = [0.1, 0.2, 1];
    const a = histogram('delta', [hist(30 * S, bounds, [3, 1, 2, 0], 0)]);
    const b = histogram('cumulative', [
      hist(0, bounds, [0, 0, 0, 0], 0, -1),
      hist(30 * S, bounds, [2, 1, 2, 1], 0, -1),
    ]);
    // Summed: per-bucket 5, 2, 4, 1 → cumulative 5, 7, 11, 12: the Prometheus test histogram.
    expect(statisticAt('p50', [a, b], 30 * S, L)).toBeCloseTo(0.15, 12);
    expect(statisticAt('p90', [a, b], 30 * S, L)).toBeCloseTo(0.96, 12);
    // A rank in the +Inf bucket: the last finite bound.
    expect(statisticAt('p99', [a, b], 30 * S, L)).toBe(1);
    expect(statisticAt('p99', [a, b], 500 * S, L)).toBeNull();
  });

  it('throws StatisticError for a statistic the kind cannot give', () => {
    expect(() => statisticAt('p99', [gauge([num(1, 1)])], 60 * S, L, 'queue.depth')).toThrow(
      /p99 needs a histogram; "queue.depth"/,
    );
  });
});

describe('evaluateSelector', () => {
  const requests = (errors: number[], total: number[]) => ({
    num: counter(
      'delta',
      errors.map((v, i) => num((i + 1) * 30 * S, v)),
    ),
    den: counter(
      'delta',
      total.map((v, i) => num((i + 1) * 30 * S, v)),
    ),
  });

  it('gives one sample per step with data; the ratio with a denominator', () => {
    const { num: e, den: t } = requests([1, 3], [10, 10]);
    const samples = evaluateSelector(
      { metric: 'req', statistic: 'rate', series: [e] },
      { metric: 'req', statistic: 'rate', series: [t] },
      30 * S,
      90 * S,
      30 * S,
    );
    // t=30s: 1/10; t=60s: 4/20; t=90s: 3/10 (the 30s point left the lookback); t=120s out of range.
    expect(samples.map((s) => s.at)).toEqual([30 * S, 60 * S, 90 * S]);
    [0.1, 0.2, 0.3].forEach((v, i) => expect(samples[i].value).toBeCloseTo(v, 12));
  });

  it('makes a zero denominator NaN and skips steps where a term has no data', () => {
    const zero = counter('delta', [num(30 * S, 0), num(60 * S, 0)]);
    const errors = counter('delta', [num(30 * S, 1), num(60 * S, 1)]);
    const samples = evaluateSelector(
      { metric: 'e', statistic: 'increase', series: [errors] },
      { metric: 't', statistic: 'increase', series: [zero] },
      30 * S,
      150 * S,
      30 * S,
    );
    // 30s, 60s, 90s have data (0 requests: NaN); at 120s the lookback (60s, 120s] holds no point.
    expect(samples.map((s) => s.at)).toEqual([30 * S, 60 * S, 90 * S]);
    expect(samples.every((s) => Number.isNaN(s.value))).toBe(true);
    const none = evaluateSelector(
      { metric: 'e', statistic: 'increase', series: [errors] },
      { metric: 't', statistic: 'increase', series: [] },
      30 * S,
      30 * S,
      S,
    );
    expect(none).toEqual([]);
  });

  it('without a denominator answers the term itself', () => {
    const samples = evaluateSelector(
      { metric: 'g', statistic: 'value', series: [gauge([num(10 * S, 5)])] },
      null,
      0,
      20 * S,
      10 * S,
    );
    expect(samples).toEqual([
      { at: 10 * S, value: 5 },
      { at: 20 * S, value: 5 },
    ]);
  });
});
