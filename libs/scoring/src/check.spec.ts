import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Aggregation, Direction, MetricTarget } from '@app/domain';
import { measureBaselineModel } from './baseline-model';
import { scoreCheck } from './check';
import { mannWhitneyPValue } from './mann-whitney';
import { blockMeans } from './statistics/block-means';
import { blockSignificance } from './statistics/block-significance';
import type { BaselineModel, CheckInput, MetricSpec, Sample, ScoringThresholds, Verdict } from './scoring.types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T = Date.UTC(2026, 9, 15);
const iso = (at: number) => new Date(at).toISOString();

const thresholds: ScoringThresholds = {
  improvingThreshold: 0.05,
  stallAfterMs: 14 * DAY,
  minProgressGain: 0.1,
  regressionChecks: 2,
  watchForMs: 30 * DAY,
};

/** A checkout-latency-like metric: decrease from a baseline of 500 to an absolute goal of 400. */
function metric(overrides: Partial<MetricSpec> = {}): MetricSpec {
  return {
    direction: 'decrease',
    target: { absolute: 400 },
    aggregation: 'avg',
    baselineWindowMs: 14 * DAY,
    baselineEnd: T - 30 * DAY,
    evaluationWindowMs: 7 * DAY,
    checkEveryMs: HOUR,
    stepMs: null,
    confidence: null,
    seasonality: 'none',
    timeZone: 'UTC',
    ...overrides,
  };
}

/** Samples an hour apart ending a day before T (inside any window here). */
function samples(...values: number[]): Sample[] {
  return values.map((value, i) => ({ at: T - DAY + i * HOUR, value }));
}

function input(overrides: Partial<CheckInput> = {}): CheckInput {
  return {
    at: T,
    metric: metric(),
    implementedAt: T - 10 * DAY,
    frozenBaseline: 500,
    frozenModel: null,
    baselineSamples: null,
    preFixSamples: null,
    windowSamples: samples(450),
    fetchError: null,
    previousMetSince: null,
    thresholds,
    ...overrides,
  };
}

describe('scoreCheck: met · improving · not_met', () => {
  // decrease, baseline 500, goal 400: progress = (500 − value)/100; improving from 0.05 (value ≤ 495).
  it.each<[string, number, Verdict, number]>([
    ['well beyond the goal', 100, 'met', 1],
    ['1 below the goal', 399, 'met', 1],
    ['exactly at the goal', 400, 'met', 1],
    ['just short of the goal', 400.5, 'improving', 0.995],
    ['half way', 450, 'improving', 0.5],
    ['progress exactly at the improving threshold', 495, 'improving', 0.05],
    ['progress just below the threshold', 495.5, 'not_met', 0.045],
    ['no change', 500, 'not_met', 0],
    ['worse than the baseline', 650, 'not_met', 0],
  ])('decrease: %s (%d) → %s', (_, value, verdict, progress) => {
    const result = scoreCheck(input({ windowSamples: samples(value) }));
    expect(result.verdict).toBe(verdict);
    expect(result.progress).toBeCloseTo(progress, 10);
    expect(result.value).toBe(value);
    expect(result.baseline).toBe(500);
    expect(result.goal).toBe(400);
    expect(result.error).toBeNull();
  });

  // increase, baseline 0.9, goal 0.99 (availability): progress = (value − 0.9)/0.09; improving from 0.9045.
  it.each<[number, Verdict]>([
    [1, 'met'],
    [0.99, 'met'],
    [0.9899, 'improving'],
    [0.905, 'improving'],
    [0.904, 'not_met'],
    [0.9, 'not_met'],
    [0.5, 'not_met'],
  ])('increase: %d → %s', (value, verdict) => {
    const result = scoreCheck(
      input({
        metric: metric({ direction: 'increase', target: { absolute: 0.99 } }),
        frozenBaseline: 0.9,
        windowSamples: samples(value),
      }),
    );
    expect(result.verdict).toBe(verdict);
  });

  it.each<[number, number, Verdict]>([
    // improvingThreshold 0: any positive progress improves, zero progress does not.
    [0, 499.9, 'improving'],
    [0, 500, 'not_met'],
    // A high threshold: half way is not enough.
    [0.6, 450, 'not_met'],
    [0.5, 450, 'improving'],
  ])('improvingThreshold %d, value %d → %s', (improvingThreshold, value, verdict) => {
    expect(
      scoreCheck(input({ windowSamples: samples(value), thresholds: { ...thresholds, improvingThreshold } })).verdict,
    ).toBe(verdict);
  });

  it('aggregates the window with the metric’s aggregation', () => {
    // p90 of 100..1000 step 100 (10 values): h = 8.1 → 900 + 0.1·100 = 910: not met against 400.
    const tenValues = samples(...Array.from({ length: 10 }, (_, i) => (i + 1) * 100));
    expect(scoreCheck(input({ metric: metric({ aggregation: 'p90' }), windowSamples: tenValues })).value).toBeCloseTo(
      910,
      10,
    );
    // max of [300, 420] is 420 > 400, min is 300 ≤ 400.
    expect(
      scoreCheck(input({ metric: metric({ aggregation: 'max' }), windowSamples: samples(300, 420) })).verdict,
    ).toBe('improving');
    expect(
      scoreCheck(input({ metric: metric({ aggregation: 'min' }), windowSamples: samples(300, 420) })).verdict,
    ).toBe('met');
  });

  it('`last` is the latest sample even when samples arrive out of order', () => {
    const outOfOrder: Sample[] = [
      { at: T - HOUR, value: 300 },
      { at: T - 2 * HOUR, value: 600 },
    ];
    expect(scoreCheck(input({ metric: metric({ aggregation: 'last' }), windowSamples: outOfOrder })).value).toBe(300);
  });

  it('drops NaN and ±Inf samples before aggregating, and counts them', () => {
    const result = scoreCheck(
      input({ windowSamples: samples(400, Number.NaN, Number.POSITIVE_INFINITY, 400, Number.NEGATIVE_INFINITY) }),
    );
    expect(result).toMatchObject({ verdict: 'met', value: 400, samples: 2, droppedSamples: 3 });
  });

  it('errors when the metric has no target to resolve a goal from', () => {
    const result = scoreCheck(input({ metric: metric({ target: {} }) }));
    expect(result.verdict).toBe('error');
    expect(result.error).toContain('no target');
  });
});

describe('scoreCheck: baseline', () => {
  const relative = metric({ target: { relativePercent: 20 } });

  it('measures the baseline when none is frozen, for the caller to freeze', () => {
    // avg of 480 and 520 = 500 (the NaN is dropped); goal 500 × 0.8 = 400.
    const result = scoreCheck(
      input({
        metric: relative,
        frozenBaseline: null,
        baselineSamples: samples(480, Number.NaN, 520),
        windowSamples: samples(400),
      }),
    );
    expect(result).toMatchObject({ verdict: 'met', baseline: 500, measuredBaseline: 500, goal: 400, progress: 1 });
  });

  it('keeps a frozen baseline and measures nothing new', () => {
    const result = scoreCheck(
      input({
        metric: relative,
        frozenBaseline: 1000,
        baselineSamples: samples(480, 520),
        windowSamples: samples(800),
      }),
    );
    expect(result).toMatchObject({ verdict: 'met', baseline: 1000, measuredBaseline: null, goal: 800 });
  });

  it('measures the baseline with the metric’s aggregation', () => {
    // max of [300, 500] = 500; goal 400.
    const result = scoreCheck(
      input({
        metric: metric({ aggregation: 'max', target: { relativePercent: 20 } }),
        frozenBaseline: null,
        baselineSamples: samples(300, 500),
        windowSamples: samples(400),
      }),
    );
    expect(result).toMatchObject({ baseline: 500, goal: 400 });
  });

  it('uses a baseline range that ends exactly at T', () => {
    const result = scoreCheck(
      input({ metric: metric({ baselineEnd: T }), frozenBaseline: null, baselineSamples: samples(500) }),
    );
    expect(result).toMatchObject({ verdict: 'improving', measuredBaseline: 500 });
  });
});

describe('scoreCheck: error · no_data · pending come first', () => {
  const windowText = `[${iso(T - 7 * DAY)}, ${iso(T)}]`;
  const baselineText = `[${iso(T - 44 * DAY)}, ${iso(T - 30 * DAY)}]`;

  it('a failed fetch is an error, whatever else is known, and keeps the streak', () => {
    const result = scoreCheck(
      input({
        fetchError: { kind: 'timeout', message: 'no answer in 10s' },
        windowSamples: null,
        previousMetSince: T - DAY,
      }),
    );
    expect(result).toEqual({
      verdict: 'error',
      windowStart: T - 7 * DAY,
      windowEnd: T,
      value: null,
      baseline: 500,
      measuredBaseline: null,
      measuredModel: null,
      goal: 400,
      progress: null,
      pValue: null,
      effectiveSamples: null,
      preFixValue: null,
      samples: 0,
      droppedSamples: 0,
      metSince: T - DAY,
      error: 'timeout: no answer in 10s',
      reason: 'error: timeout: no answer in 10s.',
    });
  });

  it('an error before the baseline is known has no goal for a relative target', () => {
    const result = scoreCheck(
      input({
        metric: metric({ target: { relativePercent: 10 } }),
        frozenBaseline: null,
        fetchError: { kind: 'bad_query', message: 'parse error' },
      }),
    );
    expect(result).toMatchObject({ verdict: 'error', baseline: null, goal: null, error: 'bad_query: parse error' });
  });

  it.each<[string, Partial<CheckInput>, string, number]>([
    ['an empty window', { windowSamples: [] }, `no data in the window ${windowText}`, 0],
    [
      'a window of NaN only',
      { windowSamples: samples(Number.NaN, Number.NaN) },
      `no data in the window ${windowText} (2 NaN/Inf samples dropped)`,
      2,
    ],
    ['a window not fetched', { windowSamples: null }, `no samples were fetched for the window ${windowText}`, 0],
    ['no baseline samples', { frozenBaseline: null, baselineSamples: [] }, `no baseline data in ${baselineText}`, 0],
    [
      'baseline samples all ±Inf',
      { frozenBaseline: null, baselineSamples: samples(Number.POSITIVE_INFINITY) },
      `no baseline data in ${baselineText} (1 NaN/Inf samples dropped)`,
      0,
    ],
    [
      'baseline unknown and not fetched',
      { frozenBaseline: null, baselineSamples: null },
      `the baseline is unknown and no samples were fetched for ${baselineText}`,
      0,
    ],
    [
      'baseline range not over yet (ends 1 ms after T)',
      { metric: metric({ baselineEnd: T + 1 }), frozenBaseline: null, baselineSamples: samples(500) },
      `the baseline range [${iso(T + 1 - 14 * DAY)}, ${iso(T + 1)}] is not over yet`,
      0,
    ],
    [
      'both window and baseline empty',
      { windowSamples: [], frozenBaseline: null, baselineSamples: [] },
      `no data in the window ${windowText}; no baseline data in ${baselineText}`,
      0,
    ],
  ])('no_data: %s', (_, overrides, error, dropped) => {
    const result = scoreCheck(input({ previousMetSince: T - DAY, ...overrides }));
    expect(result.verdict).toBe('no_data');
    expect(result.error).toBe(error);
    expect(result.droppedSamples).toBe(dropped);
    expect(result.metSince).toBe(T - DAY);
  });

  it('measures no baseline from a range that is not over at T, even with samples given', () => {
    const result = scoreCheck(
      input({ metric: metric({ baselineEnd: T + HOUR }), frozenBaseline: null, baselineSamples: samples(500) }),
    );
    expect(result).toMatchObject({
      verdict: 'no_data',
      baseline: null,
      measuredBaseline: null,
      goal: 400,
      progress: null,
    });
  });

  it('an empty window still freezes a baseline measured from data', () => {
    const result = scoreCheck(input({ frozenBaseline: null, baselineSamples: samples(500), windowSamples: [] }));
    expect(result).toMatchObject({ verdict: 'no_data', measuredBaseline: 500, value: null, progress: null });
  });

  it('no_data comes before pending', () => {
    expect(scoreCheck(input({ implementedAt: T - HOUR, windowSamples: [] })).verdict).toBe('no_data');
    expect(scoreCheck(input({ implementedAt: T - HOUR, frozenBaseline: null, baselineSamples: [] })).verdict).toBe(
      'no_data',
    );
  });

  // Half of the 7d window is 84h.
  it.each<[string, number, Verdict]>([
    ['shipped at T', T, 'pending'],
    ['shipped 1h before T', T - HOUR, 'pending'],
    ['shipped 1 ms short of half a window', T - 84 * HOUR + 1, 'pending'],
    ['shipped exactly half a window before T', T - 84 * HOUR, 'met'],
    ['not shipped yet (implementedAt after T)', T + HOUR, 'met'],
  ])('pending: %s → %s', (_, implementedAt, verdict) => {
    const result = scoreCheck(input({ implementedAt, windowSamples: samples(300), previousMetSince: T - DAY }));
    expect(result.verdict).toBe(verdict);
    // A pending check keeps the streak; a met one continues it.
    expect(result.metSince).toBe(T - DAY);
  });

  it('pending explains itself and keeps what was fetched', () => {
    const result = scoreCheck(
      input({ implementedAt: T - HOUR, windowSamples: null, frozenBaseline: null, baselineSamples: samples(500) }),
    );
    expect(result).toMatchObject({
      verdict: 'pending',
      windowStart: T - HOUR,
      windowEnd: T,
      measuredBaseline: 500,
      value: null,
      progress: null,
    });
    expect(result.error).toBe(
      'too early to judge: the fix shipped 1 hour ago and the check waits for half the evaluation window (3 days 12 hours)',
    );
  });

  it('pending does not call an unfetched baseline missing', () => {
    expect(
      scoreCheck(input({ implementedAt: T - HOUR, windowSamples: null, frozenBaseline: null, baselineSamples: null }))
        .verdict,
    ).toBe('pending');
  });

  it('records the window: trailing before the fix, from implementedAt after it', () => {
    expect(scoreCheck(input({ implementedAt: null }))).toMatchObject({ windowStart: T - 7 * DAY, windowEnd: T });
    expect(scoreCheck(input({ implementedAt: T - 5 * DAY }))).toMatchObject({ windowStart: T - 5 * DAY, windowEnd: T });
  });
});

describe('scoreCheck: significance (confidence) on block means', () => {
  // implementedAt T − 10d: the window is [T − 7d, T]; blocks of 12h tile it 14 times. Samples sit on the half
  // hour, never on a block's edge.
  const BLOCK = 12 * HOUR;
  const hourly = (from: number, to: number, value: (at: number) => number): Sample[] => {
    const out: Sample[] = [];
    for (let at = from + HOUR / 2; at < to; at += HOUR) out.push({ at, value: value(at) });
    return out;
  };
  const windowAt = (value: number) => hourly(T - 7 * DAY, T, () => value);
  /** 28 baseline blocks, 500 … 527: every window block at 300 is better than all of them. */
  const baselineBlocks = Array.from({ length: 28 }, (_, i) => 500 + i);
  /** The block test on these block means, with the model's block shape. */
  const blockTest = (window: number[], baseline: number[]) =>
    blockSignificance('decrease', window, baseline, { blockMs: BLOCK, correlationTimeMs: 3 * HOUR }).pValue;
  const model = (overrides: Partial<BaselineModel> = {}): BaselineModel => ({
    blockMs: BLOCK,
    correlationTimeMs: 3 * HOUR,
    blockMeans: baselineBlocks,
    profile: null,
    ...overrides,
  });

  it('met: the goal is reached and the window’s 14 blocks beat the baseline’s 28', () => {
    const result = scoreCheck(
      input({ metric: metric({ confidence: 0.95 }), frozenModel: model(), windowSamples: windowAt(300) }),
    );
    expect(result).toMatchObject({
      verdict: 'met',
      effectiveSamples: { window: 14, baseline: 28 },
      measuredModel: null,
    });
    expect(result.pValue).toBeCloseTo(blockTest(Array(14).fill(300), baselineBlocks)!, 12);
    expect(result.pValue).toBeLessThan(0.05);
    expect(result.reason).toMatch(/: met; p = \S+ on 14 vs 28 blocks of 12 hours \(needs p < 0\.05\)\.$/);
  });

  it('a window that reaches the goal but does not beat the baseline’s blocks is improving', () => {
    // Baseline blocks 100, 120, … 640: a window at 300 sits in the middle of them.
    const spread = Array.from({ length: 28 }, (_, i) => 100 + 20 * i);
    const result = scoreCheck(
      input({
        metric: metric({ confidence: 0.95 }),
        frozenModel: model({ blockMeans: spread }),
        windowSamples: windowAt(300),
      }),
    );
    expect(result).toMatchObject({ verdict: 'improving', progress: 1 });
    expect(result.pValue).toBeCloseTo(blockTest(Array(14).fill(300), spread)!, 12);
    expect(result.pValue).toBeGreaterThan(0.05);
    expect(result.reason).toContain('improving, the goal is reached but not shown significant; p = ');
  });

  it('tests the adjusted block means of the window, not its raw samples', () => {
    // Raw samples alternate 100 and 500 hour by hour: every 12h block means 300.
    const alternating = hourly(T - 7 * DAY, T, (at) => (Math.floor(at / HOUR) % 2 === 0 ? 100 : 500));
    const result = scoreCheck(
      input({
        metric: metric({ confidence: 0.95 }),
        frozenModel: model(),
        windowSamples: alternating,
      }),
    );
    expect(result.pValue).toBeCloseTo(blockTest(Array(14).fill(300), baselineBlocks)!, 12);
    expect(result.effectiveSamples).toEqual({ window: 14, baseline: 28 });
  });

  it('allows for the correlation left between neighbouring blocks: a larger p than blocks taken as independent', () => {
    const window = hourly(T - 7 * DAY, T, (at) => 480 + (Math.floor((T - at) / BLOCK) % 5) * 10);
    const check = (correlationTimeMs: number) =>
      scoreCheck(
        input({
          metric: metric({ confidence: 0.95 }),
          frozenModel: model({ correlationTimeMs }),
          windowSamples: window,
        }),
      ).pValue!;
    expect(check(0)).toBeCloseTo(
      mannWhitneyPValue('decrease', blockMeans(window, { start: T - 7 * DAY, end: T }, BLOCK), baselineBlocks)!,
      12,
    );
    expect(check(3 * HOUR)).toBeGreaterThan(check(0));
  });

  it.each<[string, Partial<BaselineModel>, { window: number; baseline: number }]>([
    ['the window has 3 blocks of 2 days', { blockMs: 2 * DAY }, { window: 3, baseline: 28 }],
    ['the baseline has 4 blocks', { blockMeans: [500, 501, 502, 503] }, { window: 14, baseline: 4 }],
  ])('fewer than 5 blocks on a side: cannot be met (%s), and the reason says so', (_, overrides, blocks) => {
    const result = scoreCheck(
      input({ metric: metric({ confidence: 0.95 }), frozenModel: model(overrides), windowSamples: windowAt(300) }),
    );
    expect(result).toMatchObject({ verdict: 'improving', pValue: null, effectiveSamples: blocks, progress: 1 });
    expect(result.reason).toContain(`no test on ${blocks.window} vs ${blocks.baseline} blocks of `);
    expect(result.reason).toContain('(needs 5 on each side)');
  });

  it('5 vs 5 blocks, all better: p = 1/252, met at 99 % but not at 99.9 %', () => {
    // Shipped 5 days ago: 5 blocks of a day, means 300 … 304, against 600 … 604; independent blocks (correlation
    // time 0), so the exact Mann-Whitney p-value.
    const five = model({ blockMs: DAY, correlationTimeMs: 0, blockMeans: [600, 601, 602, 603, 604] });
    const window = hourly(T - 5 * DAY, T, (at) => 300 + Math.floor((T - at) / DAY));
    const check = (confidence: number) =>
      scoreCheck(
        input({ metric: metric({ confidence }), frozenModel: five, windowSamples: window, implementedAt: T - 5 * DAY }),
      );
    expect(check(0.99)).toMatchObject({ verdict: 'met', effectiveSamples: { window: 5, baseline: 5 } });
    expect(check(0.99).pValue).toBeCloseTo(1 / 252, 12);
    expect(check(0.999).verdict).toBe('improving');
  });

  it.each<[string, Sample[] | null, string]>([
    ['not fetched', null, `no samples were fetched for the baseline [${iso(T - 44 * DAY)}, ${iso(T - 30 * DAY)}]`],
    ['empty', [], `no baseline data in [${iso(T - 44 * DAY)}, ${iso(T - 30 * DAY)}]`],
  ])(
    'without a model or baseline samples (%s) a check cannot be met: improving by its progress, no error',
    (_, baselineSamples, why) => {
      const result = scoreCheck(
        input({ metric: metric({ confidence: 0.95 }), windowSamples: samples(100), baselineSamples }),
      );
      expect(result).toMatchObject({
        verdict: 'improving',
        pValue: null,
        effectiveSamples: null,
        error: null,
        progress: 1,
        measuredModel: null,
      });
      expect(result.reason).toContain(`not shown significant; no test: ${why}.`);
    },
  );

  it('a significant improvement that misses the goal is not met', () => {
    // Every window block at 450 beats the baseline's, but the goal is 400.
    const result = scoreCheck(
      input({ metric: metric({ confidence: 0.9 }), frozenModel: model(), windowSamples: windowAt(450) }),
    );
    expect(result.verdict).toBe('improving');
    expect(result.pValue).toBeLessThan(0.1);
  });

  it('without confidence no test runs, whatever the model', () => {
    const result = scoreCheck(input({ frozenModel: model(), windowSamples: windowAt(300) }));
    expect(result).toMatchObject({ verdict: 'met', pValue: null, effectiveSamples: null });
  });
});

describe('scoreCheck: the baseline model', () => {
  const baselineStart = T - 44 * DAY;
  const baselineEnd = T - 30 * DAY;
  const baselineSeries = (value: (at: number) => number): Sample[] => {
    const out: Sample[] = [];
    for (let at = baselineStart + HOUR / 2; at < baselineEnd; at += HOUR) out.push({ at, value: value(at) });
    return out;
  };

  it('is measured from the baseline samples when none is frozen, for the caller to freeze', () => {
    const baselineSamples = baselineSeries((at) => 500 + (Math.floor(at / HOUR) % 7));
    const result = scoreCheck(
      input({
        metric: metric({ confidence: 0.95 }),
        frozenBaseline: 500,
        baselineSamples,
        windowSamples: samples(300),
      }),
    );
    expect(result.measuredModel).toEqual(measureBaselineModel(baselineSamples, metric({ confidence: 0.95 })));
    expect(result.measuredModel?.blockMeans.length).toBeGreaterThanOrEqual(5);
    expect(result.measuredBaseline).toBeNull();
  });

  it('is measured from the samples in time order, whatever order they came in', () => {
    const baselineSamples = baselineSeries((at) => 500 + (Math.floor(at / HOUR) % 5));
    const spec = metric({ confidence: 0.95 });
    const shuffled = [...baselineSamples].reverse();
    const result = scoreCheck(input({ metric: spec, baselineSamples: shuffled, windowSamples: samples(300) }));
    expect(result.measuredModel).toEqual(measureBaselineModel(baselineSamples, spec));
  });

  it('is not measured when frozen, nor for a metric that needs none', () => {
    const baselineSamples = baselineSeries(() => 500);
    const frozenModel: BaselineModel = { blockMs: DAY, correlationTimeMs: HOUR, blockMeans: [500], profile: null };
    expect(
      scoreCheck(input({ metric: metric({ confidence: 0.95 }), frozenModel, baselineSamples })).measuredModel,
    ).toBeNull();
    expect(scoreCheck(input({ baselineSamples })).measuredModel).toBeNull();
  });

  it('is not measured from a baseline range that is not over at T', () => {
    const result = scoreCheck(
      input({
        metric: metric({ confidence: 0.95, baselineEnd: T + HOUR }),
        baselineSamples: samples(500, 510, 520),
      }),
    );
    expect(result.measuredModel).toBeNull();
    expect(result.reason).toContain(
      `no test: the baseline range [${iso(T + HOUR - 14 * DAY)}, ${iso(T + HOUR)}] is not over yet.`,
    );
  });
});

describe('scoreCheck: seasonality', () => {
  // Daily: hours 0–11 UTC run 100 above the day's mean, hours 12–23 100 below.
  const DAILY = Array.from({ length: 24 }, (_, hour) => (hour < 12 ? 100 : -100));
  const daily = metric({ seasonality: 'daily' });
  const frozenModel: BaselineModel = { blockMs: 12 * HOUR, correlationTimeMs: HOUR, blockMeans: [], profile: DAILY };
  /** Samples on the half hour of the given UTC hours of the day before T. */
  const atHours = (hours: number[], value: number): Sample[] =>
    hours.map((hour) => ({ at: T - DAY + hour * HOUR + HOUR / 2, value }));
  const MORNING = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

  it('judges a window of busy hours as if it had the baseline’s mix of hours, and says so', () => {
    // Raw 500 in the busy morning reads 400 adjusted: the goal is met.
    const result = scoreCheck(input({ metric: daily, frozenModel, windowSamples: atHours(MORNING, 500) }));
    expect(result).toMatchObject({ verdict: 'met', value: 400, samples: 12 });
    expect(result.reason).toBe(
      'daily-adjusted avg 400 over 8–14 Oct (12 samples) vs goal ≤ 400 (the target ≤ 400; the baseline 500, 1–14 Sep): met.',
    );
  });

  it('adjusts before aggregating, for max too', () => {
    const window = [...atHours([3], 520), ...atHours([15], 380)];
    // Adjusted: 420 and 480; max 480 (unadjusted it would be 520).
    expect(
      scoreCheck(
        input({ metric: metric({ seasonality: 'daily', aggregation: 'max' }), frozenModel, windowSamples: window }),
      ).value,
    ).toBe(480);
  });

  it('measures the baseline from adjusted samples (like with like): a max of the adjusted samples', () => {
    const baselineSamples: Sample[] = [];
    for (let at = T - 44 * DAY + HOUR / 2; at < T - 30 * DAY; at += HOUR)
      baselineSamples.push({ at, value: new Date(at).getUTCHours() < 12 ? 600 : 400 });
    const spec = metric({ seasonality: 'daily', aggregation: 'max', target: { relativePercent: 10 } });
    const result = scoreCheck(
      input({ metric: spec, frozenBaseline: null, baselineSamples, windowSamples: atHours(MORNING, 540) }),
    );
    // Profile ±100 around 500: every adjusted baseline sample is 500 (raw max 600); the window's adjusted max 440.
    expect(result.measuredModel?.profile).toEqual(DAILY);
    expect(result).toMatchObject({ measuredBaseline: 500, baseline: 500, goal: 450, value: 440, verdict: 'met' });
  });

  it.each<[string, Partial<CheckInput>, string]>([
    [
      'no model and no baseline samples',
      {},
      `the window cannot be daily-adjusted: no samples were fetched for the baseline [${iso(T - 44 * DAY)}, ${iso(T - 30 * DAY)}]`,
    ],
    [
      'no model and an empty baseline',
      { baselineSamples: [{ at: T - 40 * DAY, value: Number.NaN }] },
      `the window cannot be daily-adjusted: no baseline data in [${iso(T - 44 * DAY)}, ${iso(T - 30 * DAY)}] (1 NaN/Inf samples dropped)`,
    ],
    [
      'a frozen model without a daily profile',
      { frozenModel: { ...frozenModel, profile: Array(168).fill(0) } },
      'the window cannot be daily-adjusted: the frozen baseline model has no daily profile',
    ],
  ])('no_data: %s', (_, overrides, error) => {
    const result = scoreCheck(input({ metric: daily, windowSamples: atHours(MORNING, 500), ...overrides }));
    expect(result).toMatchObject({ verdict: 'no_data', value: null, error, reason: `no data: ${error}.` });
  });

  it('stays pending while nothing was fetched', () => {
    expect(scoreCheck(input({ metric: daily, implementedAt: T - HOUR, windowSamples: null })).verdict).toBe('pending');
  });
});

describe('scoreCheck: the pre-fix value', () => {
  // implementedAt T − 10d: the pre-fix window is [T − 17d, T − 10d].
  const preFix = (...values: number[]): Sample[] =>
    values.map((value, i) => ({ at: T - 17 * DAY + (i + 1) * HOUR, value }));

  it('is the aggregate of the pre-fix samples, dropping NaN/Inf', () => {
    expect(scoreCheck(input({ preFixSamples: preFix(300, Number.NaN, 500) })).preFixValue).toBe(400);
    expect(
      scoreCheck(input({ metric: metric({ aggregation: 'last' }), preFixSamples: [...preFix(300, 500)].reverse() }))
        .preFixValue,
    ).toBe(500);
  });

  it.each<[string, Partial<CheckInput>]>([
    ['not fetched', { preFixSamples: null }],
    ['no finite sample', { preFixSamples: preFix(Number.NaN) }],
    ['no implementedAt', { implementedAt: null, preFixSamples: preFix(300) }],
    ['the fix not shipped at T', { implementedAt: T + HOUR, preFixSamples: preFix(300) }],
    ['a failed fetch', { preFixSamples: preFix(300), fetchError: { kind: 'timeout', message: 'slow' } }],
    ['a seasonal metric without a profile', { metric: metric({ seasonality: 'weekly' }), preFixSamples: preFix(300) }],
  ])('is null: %s', (_, overrides) => {
    expect(scoreCheck(input(overrides)).preFixValue).toBeNull();
  });

  it('is adjusted like the window for a seasonal metric', () => {
    const profile = Array.from({ length: 24 }, (_, hour) => hour);
    const frozenModel: BaselineModel = { blockMs: DAY, correlationTimeMs: HOUR, blockMeans: [], profile };
    // Samples at T − 17d + 1h and + 2h: UTC hours 1 and 2.
    const result = scoreCheck(
      input({ metric: metric({ seasonality: 'daily' }), frozenModel, preFixSamples: preFix(300, 300) }),
    );
    expect(result.preFixValue).toBe(298.5);
  });
});

describe('scoreCheck: reason', () => {
  it('explains a judged check in one sentence', () => {
    // Baseline 500, goal 30% below (350), value 450: a third of the way.
    const result = scoreCheck(
      input({ metric: metric({ target: { relativePercent: 30 } }), windowSamples: samples(450) }),
    );
    expect(result.reason).toBe(
      'avg 450 over 8–14 Oct (1 sample) vs goal ≤ 350 (30% below the baseline 500, 1–14 Sep): improving, 33% of the way.',
    );
  });

  it('explains no_data and pending with their error text', () => {
    expect(scoreCheck(input({ windowSamples: [] })).reason).toBe(
      `no data: no data in the window [${iso(T - 7 * DAY)}, ${iso(T)}].`,
    );
    expect(scoreCheck(input({ implementedAt: T - HOUR, windowSamples: null })).reason).toBe(
      'too early to judge: the fix shipped 1 hour ago and the check waits for half the evaluation window (3 days 12 hours).',
    );
    expect(scoreCheck(input({ metric: metric({ target: {} }) })).reason).toBe(
      'error: the metric has no target to resolve a goal from.',
    );
  });
});

describe('scoreCheck: met streak', () => {
  it.each<[string, number, number | null, number | null]>([
    ['a first met starts it at T', 300, null, T],
    ['a met continues it', 300, T - 5 * DAY, T - 5 * DAY],
    ['improving ends it', 450, T - 5 * DAY, null],
    ['not_met ends it', 600, T - 5 * DAY, null],
  ])('%s', (_, value, previousMetSince, metSince) => {
    expect(scoreCheck(input({ windowSamples: samples(value), previousMetSince })).metSince).toBe(metSince);
  });
});

describe('scoreCheck properties', () => {
  // Subnormal numbers (below ~2.2e-308) keep too few bits for interpolation to round the same way
  // on both sides of zero, so a mirrored p50 could differ in its last bit; telemetry never has them.
  const value = fc.double({ min: -1e4, max: 1e4, noNaN: true }).map((v) => (Math.abs(v) < 1e-300 ? 0 : v));
  const values = fc.array(value, { minLength: 1, maxLength: 12 });
  const target = fc.oneof(
    value.map<MetricTarget>((absolute) => ({ absolute })),
    fc.double({ min: 0, max: 100, noNaN: true }).map<MetricTarget>((relativePercent) => ({ relativePercent })),
  );
  // Aggregations that commute with negation (min and max trade places).
  const MIRRORED: Record<string, Aggregation> = { avg: 'avg', last: 'last', p50: 'p50', min: 'max', max: 'min' };
  const negate = (xs: Sample[]) => xs.map((s) => ({ at: s.at, value: -s.value }));

  it('an increase metric mirrored (values, baseline, target negated) gets the decrease one’s verdict and progress', () => {
    fc.assert(
      fc.property(
        fc.record({
          aggregation: fc.constantFrom<Aggregation>('avg', 'last', 'p50', 'min', 'max'),
          target,
          baseline: value,
          window: values,
          baselineValues: values,
          confidence: fc.constantFrom(null, 0.9),
          improvingThreshold: fc.double({ min: 0, max: 0.5, noNaN: true }),
        }),
        (c) => {
          const decrease = input({
            metric: metric({
              direction: 'decrease',
              target: c.target,
              aggregation: c.aggregation,
              confidence: c.confidence,
            }),
            frozenBaseline: c.baseline,
            windowSamples: samples(...c.window),
            baselineSamples: samples(...c.baselineValues),
            thresholds: { ...thresholds, improvingThreshold: c.improvingThreshold },
          });
          const mirroredTarget: MetricTarget =
            c.target.absolute !== undefined ? { absolute: -c.target.absolute } : c.target;
          const increase: CheckInput = {
            ...decrease,
            metric: {
              ...decrease.metric,
              direction: 'increase',
              target: mirroredTarget,
              aggregation: MIRRORED[c.aggregation],
            },
            frozenBaseline: -c.baseline,
            windowSamples: negate(decrease.windowSamples!),
            baselineSamples: negate(decrease.baselineSamples!),
          };
          const down = scoreCheck(decrease);
          const up = scoreCheck(increase);
          expect(up.verdict).toBe(down.verdict);
          expect(up.progress).toBeCloseTo(down.progress!, 9);
          if (down.pValue === null) expect(up.pValue).toBeNull();
          else expect(up.pValue).toBeCloseTo(down.pValue, 12);
        },
      ),
    );
  });

  it('metSince is never after T, and progress stays in [0, 1]', () => {
    const verdictInputs = fc.record({
      direction: fc.constantFrom<Direction>('decrease', 'increase'),
      window: fc.option(values, { nil: null }),
      implementedOffset: fc.option(fc.integer({ min: -10 * DAY, max: 10 * DAY }), { nil: null }),
      metSinceOffset: fc.option(fc.integer({ min: 0, max: 30 * DAY }), { nil: null }),
      failed: fc.boolean(),
      frozen: fc.option(value, { nil: null }),
      baselineValues: fc.option(fc.array(value, { maxLength: 5 }), { nil: null }),
    });
    fc.assert(
      fc.property(verdictInputs, (c) => {
        const result = scoreCheck(
          input({
            metric: metric({ direction: c.direction, target: { relativePercent: 10 } }),
            implementedAt: c.implementedOffset === null ? null : T - c.implementedOffset,
            windowSamples: c.window === null ? null : samples(...c.window),
            previousMetSince: c.metSinceOffset === null ? null : T - c.metSinceOffset,
            fetchError: c.failed ? { kind: 'unreachable', message: 'connection refused' } : null,
            frozenBaseline: c.frozen,
            baselineSamples: c.baselineValues === null ? null : samples(...c.baselineValues),
          }),
        );
        if (result.metSince !== null) expect(result.metSince).toBeLessThanOrEqual(T);
        if (result.progress !== null) {
          expect(result.progress).toBeGreaterThanOrEqual(0);
          expect(result.progress).toBeLessThanOrEqual(1);
        }
        // met ⇔ metSince set by this check's run; a miss always clears it.
        if (result.verdict === 'improving' || result.verdict === 'not_met') expect(result.metSince).toBeNull();
        if (result.verdict === 'met') expect(result.metSince).not.toBeNull();
      }),
    );
  });
});
