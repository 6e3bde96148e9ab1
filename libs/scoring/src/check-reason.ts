import { numbersInWords } from './number-words';
import type { MetricSpec, Millis, Verdict } from './scoring.types';
import { MIN_BLOCKS_PER_SIDE } from './statistics/test-blocks';
import { dayRangeInWords, spanInWords } from './time-words';
import { baselineRange, type TimeRange } from './window';

/** How the significance test of a check went, as its reason tells it. */
export type SignificanceFacts =
  /** The block test was attempted: pValue null when a side had fewer than MIN_BLOCKS_PER_SIDE blocks. */
  | { pValue: number | null; effectiveSamples: { window: number; baseline: number }; blockMs: Millis }
  /** No test could run, and why (no baseline samples to test against, …). */
  | { unavailable: string };

/** What a check's reason is made of: the check's own numbers, nothing the reader cannot find on a graph. */
export interface CheckReasonFacts {
  verdict: Verdict;
  metric: Pick<
    MetricSpec,
    'direction' | 'target' | 'aggregation' | 'confidence' | 'seasonality' | 'baselineEnd' | 'baselineWindowMs'
  >;
  window: TimeRange;
  value: number | null;
  samples: number;
  droppedSamples: number;
  baseline: number | null;
  goal: number | null;
  progress: number | null;
  /** Null when the metric asks for no test. */
  test: SignificanceFacts | null;
  /** Why the verdict is error/no_data/pending. */
  error: string | null;
}

/**
 * One plain sentence for every verdict (docs/scoring.md, "Reasons"): the aggregation and value over the window (its
 * days and sample count), the goal and how it came from the baseline, the verdict and progress, and the test where it
 * ran — e.g. "avg 0.62 over 10–14 Nov (576 samples) vs goal ≤ 0.56 (30% below the baseline 0.8, 18–31 Oct): improving,
 * 75% of the way." For error, no_data and pending: why. Dates are UTC days.
 */
export function checkReason(facts: CheckReasonFacts): string {
  const { verdict, value, goal, progress } = facts;
  if (verdict === 'error') return `error: ${facts.error ?? 'the check failed'}.`;
  if (verdict === 'no_data') return `no data: ${facts.error ?? 'nothing to judge'}.`;
  if (verdict === 'pending') return `${facts.error ?? 'too early to judge'}.`;
  if (value === null || goal === null || progress === null) return `${verdict}.`;
  const numbers = judgedNumbers(facts, value, goal);
  return `${valueText(facts, numbers.value)} vs goal ${goalText(facts, numbers)}: ${verdictText(facts, progress)}${testText(facts.test, facts.metric.confidence)}.`;
}

interface NumberTexts {
  value: string;
  goal: string;
  baseline: string | null;
  absolute: string | null;
}

/** Value, goal, baseline and absolute target read to the same digits, enough to tell apart any two that differ. */
function judgedNumbers(facts: CheckReasonFacts, value: number, goal: number): NumberTexts {
  const absolute = finiteOrNull(facts.metric.target.absolute);
  const [valueText, goalText, baselineText, absoluteText] = numbersInWords([
    value,
    goal,
    facts.baseline ?? goal,
    absolute ?? goal,
  ]);
  return {
    value: valueText,
    goal: goalText,
    baseline: facts.baseline === null ? null : baselineText,
    absolute: absolute === null ? null : absoluteText,
  };
}

function valueText(facts: CheckReasonFacts, value: string): string {
  const adjusted = facts.metric.seasonality === 'none' ? '' : `${facts.metric.seasonality}-adjusted `;
  const count = `${facts.samples} sample${facts.samples === 1 ? '' : 's'}`;
  const dropped = facts.droppedSamples > 0 ? `, ${facts.droppedSamples} NaN/Inf dropped` : '';
  return `${adjusted}${facts.metric.aggregation} ${value} over ${dayRangeInWords(facts.window)} (${count}${dropped})`;
}

/** "≤ 0.56 (30% below the baseline 0.8, 18–31 Oct)": the goal and where it came from. */
function goalText(facts: CheckReasonFacts, numbers: NumberTexts): string {
  const { direction, target } = facts.metric;
  const at = direction === 'decrease' ? '≤' : '≥';
  const baseline =
    numbers.baseline === null
      ? null
      : `the baseline ${numbers.baseline}, ${dayRangeInWords(baselineRange(facts.metric))}`;
  const percent = finiteOrNull(target.relativePercent);
  const relative =
    percent === null || baseline === null
      ? null
      : `${numbersInWords([percent])[0]}% ${direction === 'decrease' ? 'below' : 'above'} ${baseline}`;
  const absolute = numbers.absolute === null ? null : `the target ${at} ${numbers.absolute}`;
  let origin: string;
  if (relative !== null && absolute !== null) origin = `the stricter of ${absolute} and ${relative}`;
  else if (relative !== null) origin = relative;
  else origin = baseline === null ? `${absolute}` : `${absolute}; ${baseline}`;
  return `${at} ${numbers.goal} (${origin})`;
}

function verdictText(facts: CheckReasonFacts, progress: number): string {
  if (facts.verdict === 'met') return 'met';
  const word = facts.verdict === 'improving' ? 'improving' : 'not met';
  // Progress 1 short of met: the goal holds but the test did not confirm it.
  if (progress >= 1) return `${word}, the goal is reached but not shown significant`;
  return `${word}, ${progressText(progress)}`;
}

function progressText(progress: number): string {
  if (progress <= 0) return 'no progress';
  // Floored, so a check short of its goal never reads "100%"; the epsilon undoes 0.29 × 100 = 28.999….
  const percent = Math.floor(progress * 100 + 1e-9);
  return percent < 1 ? 'less than 1% of the way' : `${percent}% of the way`;
}

function testText(test: SignificanceFacts | null, confidence: number | null): string {
  if (test === null || confidence === null) return '';
  if ('unavailable' in test) return `; no test: ${test.unavailable}`;
  const { window, baseline } = test.effectiveSamples;
  const blocks = `${window} vs ${baseline} blocks of ${spanInWords(test.blockMs)}`;
  if (test.pValue === null) return `; no test on ${blocks} (needs ${MIN_BLOCKS_PER_SIDE} on each side)`;
  // 1 − 0.95 is 0.050000000000000044 in binary: rounded, so a p of exactly 0.05 does not read 17 digits.
  const level = Number((1 - confidence).toPrecision(12));
  const [p, needed] = numbersInWords([test.pValue, level], 2);
  return `; p = ${p} on ${blocks} (needs p < ${needed})`;
}

function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
