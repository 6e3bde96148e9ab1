import { describe, expect, it } from '@jest/globals';
import { checkReason, type CheckReasonFacts } from './check-reason';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The baseline covers 18–31 Oct; the window 10–14 Nov. */
const BASELINE_END = Date.UTC(2026, 10, 1);
const WINDOW = { start: Date.UTC(2026, 10, 10, 6), end: Date.UTC(2026, 10, 14, 6) };
const BLOCKS = { blockMs: 12 * HOUR, effectiveSamples: { window: 7, baseline: 28 } };

/** SPEC's example: avg 0.62 against a goal 30% below a baseline of 0.8 (0.56): 75% of the way. */
function facts(
  overrides: Partial<CheckReasonFacts> = {},
  metric: Partial<CheckReasonFacts['metric']> = {},
): CheckReasonFacts {
  return {
    verdict: 'improving',
    metric: {
      direction: 'decrease',
      target: { relativePercent: 30 },
      aggregation: 'avg',
      confidence: null,
      seasonality: 'none',
      baselineEnd: BASELINE_END,
      baselineWindowMs: 14 * DAY,
      ...metric,
    },
    window: WINDOW,
    value: 0.62,
    samples: 576,
    droppedSamples: 0,
    baseline: 0.8,
    goal: 0.56,
    progress: 0.75,
    test: null,
    error: null,
    ...overrides,
  };
}

describe('checkReason: how the goal came from the baseline', () => {
  it.each<[string, CheckReasonFacts, string]>([
    [
      'relative (decrease)',
      facts(),
      'avg 0.62 over 10–14 Nov (576 samples) vs goal ≤ 0.56 (30% below the baseline 0.8, 18–31 Oct): improving, 75% of the way.',
    ],
    [
      'relative (increase)',
      facts(
        { value: 0.93, baseline: 0.9, goal: 0.9450000000000001, progress: 0.6666666666666666 },
        { direction: 'increase', target: { relativePercent: 5 } },
      ),
      'avg 0.93 over 10–14 Nov (576 samples) vs goal ≥ 0.945 (5% above the baseline 0.9, 18–31 Oct): improving, 66% of the way.',
    ],
    [
      'absolute',
      facts({ verdict: 'not_met', value: 0.9, goal: 0.5, progress: 0 }, { target: { absolute: 0.5 } }),
      'avg 0.9 over 10–14 Nov (576 samples) vs goal ≤ 0.5 (the target ≤ 0.5; the baseline 0.8, 18–31 Oct): not met, no progress.',
    ],
    [
      'absolute (increase)',
      facts(
        { verdict: 'met', value: 0.996, baseline: 0.98, goal: 0.995, progress: 1 },
        { direction: 'increase', target: { absolute: 0.995 } },
      ),
      'avg 0.996 over 10–14 Nov (576 samples) vs goal ≥ 0.995 (the target ≥ 0.995; the baseline 0.98, 18–31 Oct): met.',
    ],
    [
      'absolute without a known baseline',
      facts({ verdict: 'met', value: 0.45, baseline: null, goal: 0.5, progress: 1 }, { target: { absolute: 0.5 } }),
      'avg 0.45 over 10–14 Nov (576 samples) vs goal ≤ 0.5 (the target ≤ 0.5): met.',
    ],
    [
      'both, the absolute target the stricter',
      facts(
        { verdict: 'met', value: 0.45, goal: 0.5, progress: 1 },
        { target: { absolute: 0.5, relativePercent: 30 } },
      ),
      'avg 0.45 over 10–14 Nov (576 samples) vs goal ≤ 0.5 (the stricter of the target ≤ 0.5 and 30% below the baseline 0.8, 18–31 Oct): met.',
    ],
    [
      'both, the relative one the stricter',
      facts({}, { target: { absolute: 0.7, relativePercent: 30 } }),
      'avg 0.62 over 10–14 Nov (576 samples) vs goal ≤ 0.56 (the stricter of the target ≤ 0.7 and 30% below the baseline 0.8, 18–31 Oct): improving, 75% of the way.',
    ],
  ])('%s', (_, given, sentence) => {
    expect(checkReason(given)).toBe(sentence);
  });
});

describe('checkReason: value, window and progress', () => {
  it.each<[string, CheckReasonFacts, string]>([
    [
      'one sample, some dropped',
      facts({ samples: 1, droppedSamples: 2 }),
      'avg 0.62 over 10–14 Nov (1 sample, 2 NaN/Inf dropped) vs goal ≤ 0.56 (30% below the baseline 0.8, 18–31 Oct): improving, 75% of the way.',
    ],
    [
      'a seasonally adjusted p99',
      facts({}, { aggregation: 'p99', seasonality: 'weekly' }),
      'weekly-adjusted p99 0.62 over 10–14 Nov (576 samples) vs goal ≤ 0.56 (30% below the baseline 0.8, 18–31 Oct): improving, 75% of the way.',
    ],
    [
      'a daily adjusted max',
      facts({}, { aggregation: 'max', seasonality: 'daily' }),
      'daily-adjusted max 0.62 over 10–14 Nov (576 samples) vs goal ≤ 0.56 (30% below the baseline 0.8, 18–31 Oct): improving, 75% of the way.',
    ],
    [
      'a short window names its hours',
      facts({ window: { start: Date.UTC(2026, 10, 14, 5, 30), end: Date.UTC(2026, 10, 14, 6) }, samples: 31 }),
      'avg 0.62 over 14 Nov 05:30–06:00 (31 samples) vs goal ≤ 0.56 (30% below the baseline 0.8, 18–31 Oct): improving, 75% of the way.',
    ],
    [
      'a value just short of the goal reads with the digits that tell them apart',
      facts({ value: 0.5600004, progress: 0.9999983 }),
      'avg 0.5600004 over 10–14 Nov (576 samples) vs goal ≤ 0.56 (30% below the baseline 0.8, 18–31 Oct): improving, 99% of the way.',
    ],
    [
      'progress in whole percents, rounded down (0.29 reads 29 %, though 0.29 × 100 is 28.99…)',
      facts({ value: 0.7304, progress: 0.29 }),
      'avg 0.73 over 10–14 Nov (576 samples) vs goal ≤ 0.56 (30% below the baseline 0.8, 18–31 Oct): improving, 29% of the way.',
    ],
    [
      'not met with a little progress',
      facts({ verdict: 'not_met', value: 0.79, progress: 0.04166 }),
      'avg 0.79 over 10–14 Nov (576 samples) vs goal ≤ 0.56 (30% below the baseline 0.8, 18–31 Oct): not met, 4% of the way.',
    ],
    [
      'improving by less than 1 %',
      facts({ value: 0.7999, progress: 0.0004 }),
      'avg 0.7999 over 10–14 Nov (576 samples) vs goal ≤ 0.56 (30% below the baseline 0.8, 18–31 Oct): improving, less than 1% of the way.',
    ],
    [
      'worse than the baseline',
      facts({ verdict: 'not_met', value: 0.95, progress: 0 }),
      'avg 0.95 over 10–14 Nov (576 samples) vs goal ≤ 0.56 (30% below the baseline 0.8, 18–31 Oct): not met, no progress.',
    ],
  ])('%s', (_, given, sentence) => {
    expect(checkReason(given)).toBe(sentence);
  });
});

describe('checkReason: the significance test', () => {
  const head = 'avg 0.5 over 10–14 Nov (576 samples) vs goal ≤ 0.56 (30% below the baseline 0.8, 18–31 Oct)';
  const reached = { value: 0.5, progress: 1 };
  it.each<[string, CheckReasonFacts, string]>([
    [
      'met, the test passed',
      facts({ ...reached, verdict: 'met', test: { ...BLOCKS, pValue: 0.003 } }, { confidence: 0.95 }),
      `${head}: met; p = 0.003 on 7 vs 28 blocks of 12 hours (needs p < 0.05).`,
    ],
    [
      'goal reached, the test did not pass',
      facts({ ...reached, test: { ...BLOCKS, pValue: 0.2134 } }, { confidence: 0.95 }),
      `${head}: improving, the goal is reached but not shown significant; p = 0.21 on 7 vs 28 blocks of 12 hours (needs p < 0.05).`,
    ],
    [
      'p exactly at the level fails, and reads so',
      facts({ ...reached, test: { ...BLOCKS, pValue: 0.05 } }, { confidence: 0.95 }),
      `${head}: improving, the goal is reached but not shown significant; p = 0.05 on 7 vs 28 blocks of 12 hours (needs p < 0.05).`,
    ],
    [
      'p just below the level reads with the digits that show it',
      facts({ ...reached, verdict: 'met', test: { ...BLOCKS, pValue: 0.0498 } }, { confidence: 0.95 }),
      `${head}: met; p = 0.0498 on 7 vs 28 blocks of 12 hours (needs p < 0.05).`,
    ],
    [
      'a stricter level',
      facts({ ...reached, verdict: 'met', test: { ...BLOCKS, pValue: 0.00012 } }, { confidence: 0.999 }),
      `${head}: met; p = 0.00012 on 7 vs 28 blocks of 12 hours (needs p < 0.001).`,
    ],
    [
      'short of the goal, with a p-value',
      facts({ test: { ...BLOCKS, pValue: 0.04 } }, { confidence: 0.95 }),
      'avg 0.62 over 10–14 Nov (576 samples) vs goal ≤ 0.56 (30% below the baseline 0.8, 18–31 Oct): improving, 75% of the way; p = 0.04 on 7 vs 28 blocks of 12 hours (needs p < 0.05).',
    ],
    [
      'too few blocks on a side',
      facts(
        {
          ...reached,
          test: { blockMs: 12 * HOUR + 37 * 60_000, effectiveSamples: { window: 3, baseline: 28 }, pValue: null },
        },
        { confidence: 0.95 },
      ),
      `${head}: improving, the goal is reached but not shown significant; no test on 3 vs 28 blocks of 12 hours 37 minutes (needs 5 on each side).`,
    ],
    [
      'no baseline model',
      facts(
        {
          ...reached,
          test: {
            unavailable:
              'no samples were fetched for the baseline [2026-10-18T00:00:00.000Z, 2026-11-01T00:00:00.000Z]',
          },
        },
        { confidence: 0.95 },
      ),
      `${head}: improving, the goal is reached but not shown significant; no test: no samples were fetched for the baseline [2026-10-18T00:00:00.000Z, 2026-11-01T00:00:00.000Z].`,
    ],
  ])('%s', (_, given, sentence) => {
    expect(checkReason(given)).toBe(sentence);
  });

  it('says nothing of a test the metric does not ask for', () => {
    expect(checkReason(facts({ test: { ...BLOCKS, pValue: 0.5 } }))).not.toContain('p =');
  });
});

describe('checkReason: error · no_data · pending say why', () => {
  it.each<[string, CheckReasonFacts, string]>([
    [
      'error',
      facts({ verdict: 'error', value: null, progress: null, error: 'timeout: no answer in 10s' }),
      'error: timeout: no answer in 10s.',
    ],
    [
      'no_data',
      facts({
        verdict: 'no_data',
        value: null,
        progress: null,
        error: 'no data in the window [2026-11-10T06:00:00.000Z, 2026-11-14T06:00:00.000Z]',
      }),
      'no data: no data in the window [2026-11-10T06:00:00.000Z, 2026-11-14T06:00:00.000Z].',
    ],
    [
      'pending',
      facts({
        verdict: 'pending',
        error:
          'too early to judge: the fix shipped 1 hour ago and the check waits for half the evaluation window (3 days 12 hours)',
      }),
      'too early to judge: the fix shipped 1 hour ago and the check waits for half the evaluation window (3 days 12 hours).',
    ],
  ])('%s', (_, given, sentence) => {
    expect(checkReason(given)).toBe(sentence);
  });
});
