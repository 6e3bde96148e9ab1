import { aggregate } from './aggregation';
import { cleanSamples, type CleanedSamples } from './clean-samples';
import { resolveGoal } from './goal';
import { mannWhitneyPValue } from './mann-whitney';
import { nextMetSince } from './met-streak';
import { isMet, progress } from './progress';
import type { CheckInput, CheckResult, MetricSpec, Sample, Verdict } from './scoring.types';
import { isoTime, spanInWords } from './time-words';
import { baselineRange, checkWindow, type CheckWindow, type TimeRange } from './window';

/** Whether the metric's checks need a model of its baseline's samples: a significance test or a seasonal profile. */
export function needsBaselineModel(spec: Pick<MetricSpec, 'confidence' | 'seasonality'>): boolean {
  return spec.confidence !== null || spec.seasonality !== 'none';
}

/** 1 − 0.95 is 0.050000000000000044 in binary: without this margin p = 0.05 would pass at 95 %. */
const SIGNIFICANCE_MARGIN = 1e-12;

/**
 * One check of one success metric at `input.at` (see docs/scoring.md, "Verdict of a check"). The verdict is the first
 * that applies: error · no_data · pending · met · improving · not_met.
 * - error: the fetch failed (`fetchError`), or the metric has no target to resolve a goal from.
 * - no_data: the window's fetched samples hold no finite value, or the baseline is unknown and cannot be
 *   measured (no finite baseline sample, samples not fetched, or its range not over yet at `at`).
 *   While pending, data that was not fetched is not missing: only fetched-and-empty data is no_data.
 * - pending: less than half an evaluation window since the fix shipped.
 * - met: the value reaches the goal and, when `confidence` is set, the one-sided Mann-Whitney U test
 *   of window against baseline samples gives p < 1 − confidence. Without baseline samples there is no
 *   p-value, so the check cannot be met and falls through to improving/not_met by its progress.
 * - improving: progress ≥ improvingThreshold and > 0; otherwise not_met.
 * A baseline measured here (no frozen one yet) is returned as `measuredBaseline` for the caller to
 * freeze, whatever the verdict except error.
 */
export function scoreCheck(input: CheckInput): CheckResult {
  const { at, metric, thresholds } = input;
  const window = checkWindow(at, metric, input.implementedAt);
  const frame = { windowStart: window.start, windowEnd: window.end };

  if (input.fetchError) {
    return {
      ...frame,
      ...unscored(input),
      verdict: 'error',
      error: `${input.fetchError.kind}: ${input.fetchError.message}`,
    };
  }

  const windowData = input.windowSamples === null ? null : cleanSamples(input.windowSamples);
  const baselineData = baselineUsable(input.baselineSamples, input) ? cleanSamples(input.baselineSamples) : null;
  const baselineValues = baselineData === null ? null : valuesOf(baselineData);
  const measuredBaseline =
    input.frozenBaseline === null && baselineValues !== null ? aggregate(baselineValues, metric.aggregation) : null;
  const baseline = input.frozenBaseline ?? measuredBaseline;
  const goal = resolveGoal(metric.direction, metric.target, baseline);
  const windowValues = windowData === null ? null : valuesOf(windowData);
  const value = windowValues === null ? null : aggregate(windowValues, metric.aggregation);
  const measured = {
    value,
    baseline,
    measuredBaseline,
    goal,
    progress:
      value !== null && baseline !== null && goal !== null ? progress(metric.direction, baseline, goal, value) : null,
    pValue:
      metric.confidence !== null && windowValues !== null && baselineValues !== null
        ? mannWhitneyPValue(metric.direction, windowValues, baselineValues)
        : null,
    samples: windowData?.finite.length ?? 0,
    droppedSamples: windowData?.dropped ?? 0,
  };
  const judged = (verdict: Verdict, error: string | null = null): CheckResult => ({
    ...frame,
    ...measured,
    verdict,
    error,
    metSince: nextMetSince(verdict, at, input.previousMetSince),
    measuredModel: null,
    effectiveSamples: null,
    preFixValue: null,
    reason: error ?? verdict,
  });

  const missing = missingData(input, window, windowData, baselineData);
  if (missing.length > 0) return judged('no_data', missing.join('; '));
  if (window.pending) {
    // A pending window starts at implementedAt (less than half a window ago).
    const shippedAgo = at - window.start;
    return judged(
      'pending',
      `too early to judge: the fix shipped ${spanInWords(shippedAgo)} ago and the check waits for half the evaluation window (${spanInWords(metric.evaluationWindowMs / 2)})`,
    );
  }
  if (measured.goal === null || measured.value === null || measured.progress === null)
    return judged('error', 'the metric has no target to resolve a goal from');
  if (isMet(metric.direction, measured.value, measured.goal) && significant(metric, measured.pValue))
    return judged('met');
  if (measured.progress > 0 && measured.progress >= thresholds.improvingThreshold) return judged('improving');
  return judged('not_met');
}

/** A failed fetch measures nothing: it reports the frozen baseline and its goal, and keeps the streak. */
function unscored(input: CheckInput): Omit<CheckResult, 'verdict' | 'error' | 'windowStart' | 'windowEnd'> {
  return {
    value: null,
    baseline: input.frozenBaseline,
    measuredBaseline: null,
    goal: resolveGoal(input.metric.direction, input.metric.target, input.frozenBaseline),
    progress: null,
    pValue: null,
    samples: 0,
    droppedSamples: 0,
    metSince: input.previousMetSince,
    measuredModel: null,
    effectiveSamples: null,
    preFixValue: null,
    reason: input.fetchError ? `${input.fetchError.kind}: ${input.fetchError.message}` : 'error',
  };
}

/**
 * Baseline samples judge only once their range is over: a check (or a replayed one) at T must not
 * freeze a baseline from a range that T has not seen the end of.
 */
function baselineUsable(samples: Sample[] | null, input: CheckInput): samples is Sample[] {
  return samples !== null && baselineRange(input.metric).end <= input.at;
}

/** The values in time order (so `last` is the latest sample), or null when none is finite. */
function valuesOf(data: CleanedSamples): number[] | null {
  if (data.finite.length === 0) return null;
  return [...data.finite].sort((a, b) => a.at - b.at).map((sample) => sample.value);
}

function significant(metric: MetricSpec, pValue: number | null): boolean {
  if (metric.confidence === null) return true;
  return pValue !== null && pValue < 1 - metric.confidence - SIGNIFICANCE_MARGIN;
}

/** Why the window or the baseline has no value, in words; empty when both are there (or not due yet). */
function missingData(
  input: CheckInput,
  window: CheckWindow,
  windowData: CleanedSamples | null,
  baselineData: CleanedSamples | null,
): string[] {
  const reasons: string[] = [];
  if (windowData === null) {
    if (!window.pending) reasons.push(`no samples were fetched for the window ${rangeText(window)}`);
  } else if (windowData.finite.length === 0) {
    reasons.push(`no data in the window ${rangeText(window)}${droppedText(windowData)}`);
  }
  if (input.frozenBaseline === null) {
    const range = baselineRange(input.metric);
    if (range.end > input.at) reasons.push(`the baseline range ${rangeText(range)} is not over yet`);
    else if (baselineData === null) {
      if (!window.pending) reasons.push(`the baseline is unknown and no samples were fetched for ${rangeText(range)}`);
    } else if (baselineData.finite.length === 0)
      reasons.push(`no baseline data in ${rangeText(range)}${droppedText(baselineData)}`);
  }
  return reasons;
}

function rangeText(range: TimeRange): string {
  return `[${isoTime(range.start)}, ${isoTime(range.end)}]`;
}

function droppedText(data: CleanedSamples): string {
  return data.dropped > 0 ? ` (${data.dropped} NaN/Inf samples dropped)` : '';
}
