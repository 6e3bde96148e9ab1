import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Aggregation, Direction, MetricTarget } from '@app/domain';
import { scoreCheck } from './check';
import type { CheckInput, MetricSpec, Sample, ScoringThresholds, Verdict } from './scoring.types';

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
      goal: 400,
      progress: null,
      pValue: null,
      samples: 0,
      droppedSamples: 0,
      metSince: T - DAY,
      error: 'timeout: no answer in 10s',
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

describe('scoreCheck: significance (confidence)', () => {
  // Window [100, 200, 300] (avg 200, goal 400 met) against baseline samples [500, 600, 700]:
  // every window value better, U = 0, exact p = 1/C(6, 3) = 0.05.
  const threeBetter = { windowSamples: samples(100, 200, 300), baselineSamples: samples(500, 600, 700) };

  it.each<[number | null, Verdict, number | null]>([
    [0.95, 'improving', 0.05], // p = 0.05 is not < 1 − 0.95
    [0.9, 'met', 0.05], // p = 0.05 < 0.1
    [null, 'met', null], // no test asked for: no p-value
  ])('confidence %p → %s (p %p)', (confidence, verdict, pValue) => {
    const result = scoreCheck(input({ metric: metric({ confidence }), ...threeBetter }));
    expect(result.verdict).toBe(verdict);
    if (pValue === null) expect(result.pValue).toBeNull();
    else expect(result.pValue).toBeCloseTo(pValue, 12);
    expect(result.progress).toBe(1);
  });

  it('5 v 5 all better is significant at 99 % (p = 1/252)', () => {
    const result = scoreCheck(
      input({
        metric: metric({ confidence: 0.99 }),
        windowSamples: samples(1, 2, 3, 4, 5),
        baselineSamples: samples(6, 7, 8, 9, 10),
      }),
    );
    expect(result.verdict).toBe('met');
    expect(result.pValue).toBeCloseTo(1 / 252, 12);
  });

  it.each<[string, Sample[] | null]>([
    ['not fetched', null],
    ['empty', []],
  ])(
    'without baseline samples (%s) a check cannot be met: improving by its progress, no error',
    (_, baselineSamples) => {
      const result = scoreCheck(
        input({ metric: metric({ confidence: 0.95 }), windowSamples: samples(100), baselineSamples }),
      );
      expect(result).toMatchObject({ verdict: 'improving', pValue: null, error: null, progress: 1 });
    },
  );

  it('a significant improvement that misses the goal is not met', () => {
    // Window 450 everywhere vs baseline 500+: significant but the goal is 400.
    const result = scoreCheck(
      input({
        metric: metric({ confidence: 0.9 }),
        windowSamples: samples(450, 451, 452, 453),
        baselineSamples: samples(500, 501, 502, 503),
      }),
    );
    expect(result.verdict).toBe('improving');
    expect(result.pValue).toBeLessThan(0.1);
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
