import { aggregate } from './aggregation';
import { adjustSamples, measureBaselineModel, needsBaselineModel } from './baseline-model';
import { checkReason, type SignificanceFacts } from './check-reason';
import { cleanSamples, type CleanedSamples } from './clean-samples';
import { resolveGoal } from './goal';
import { nextMetSince } from './met-streak';
import { isMet, progress } from './progress';
import type { BaselineModel, CheckInput, CheckResult, MetricSpec, Sample, Verdict } from './scoring.types';
import { blockMeans } from './statistics/block-means';
import { blockSignificance } from './statistics/block-significance';
import { bucketCount } from './statistics/seasonality';
import { isoTime, spanInWords } from './time-words';
import { baselineRange, checkWindow, type CheckWindow, type TimeRange } from './window';

/** 1 − 0.95 is 0.050000000000000044 in binary: without this margin p = 0.05 would pass at 95 %. */
const SIGNIFICANCE_MARGIN = 1e-12;

/**
 * One check of one success metric at `input.at` (see docs/scoring.md, "Verdict of a check"). The verdict is the first
 * that applies: error · no_data · pending · met · improving · not_met.
 * - error: the fetch failed (`fetchError`), or the metric has no target to resolve a goal from.
 * - no_data: the window's fetched samples hold no finite value, or the baseline is unknown and cannot be
 *   measured (no finite baseline sample, samples not fetched, or its range not over yet at `at`), or a seasonal
 *   metric has no profile to adjust the window by. While pending, data that was not fetched is not missing: only
 *   fetched-and-empty data is no_data.
 * - pending: less than half an evaluation window since the fix shipped.
 * - met: the value reaches the goal and, when `confidence` is set, the one-sided Mann-Whitney U test of the window's
 *   block means against the baseline model's gives p < 1 − confidence (docs/scoring.md, "Significance"). Without a
 *   model, or with fewer than 5 blocks on a side, there is no p-value: the check cannot be met and falls through to
 *   improving/not_met by its progress.
 * - improving: progress ≥ improvingThreshold and > 0; otherwise not_met.
 * A seasonal metric's samples (baseline, window, pre-fix) are adjusted by the model's profile before aggregating
 * (docs/scoring.md, "Seasonality"). A baseline or a model measured here (none frozen yet) is returned as
 * `measuredBaseline` / `measuredModel` for the caller to freeze, whatever the verdict except error.
 */
export function scoreCheck(input: CheckInput): CheckResult {
  const { at, metric, thresholds } = input;
  const window = checkWindow(at, metric, input.implementedAt);
  const frame = { windowStart: window.start, windowEnd: window.end };

  if (input.fetchError) {
    const failed = {
      ...frame,
      ...unscored(input),
      verdict: 'error' as const,
      error: `${input.fetchError.kind}: ${input.fetchError.message}`,
    };
    return { ...failed, reason: reasonOf(failed, input, window, null) };
  }

  const windowData = input.windowSamples === null ? null : cleanSamples(input.windowSamples);
  const baselineData = baselineUsable(input.baselineSamples, input) ? cleanSamples(input.baselineSamples) : null;
  const baselineFinite = baselineData === null ? [] : timeOrdered(baselineData.finite);
  const measuredModel =
    input.frozenModel === null && needsBaselineModel(metric) && baselineFinite.length > 0
      ? measureBaselineModel(baselineFinite, metric)
      : null;
  const model = input.frozenModel ?? measuredModel;
  const profile = fittingProfile(metric, model);
  const adjust = (samples: Sample[]): Sample[] | null =>
    samples.length === 0 ? null : adjustSamples(timeOrdered(samples), metric, profile);

  const baselineAdjusted = adjust(baselineFinite);
  const measuredBaseline =
    input.frozenBaseline === null && baselineAdjusted !== null ? aggregateOf(baselineAdjusted, metric) : null;
  const baseline = input.frozenBaseline ?? measuredBaseline;
  const goal = resolveGoal(metric.direction, metric.target, baseline);
  const windowAdjusted = windowData === null ? null : adjust(windowData.finite);
  const value = windowAdjusted === null ? null : aggregateOf(windowAdjusted, metric);
  const test = significance(metric, window, model, windowAdjusted, () => modelUnavailable(input, baselineData));
  const measured = {
    value,
    baseline,
    measuredBaseline,
    measuredModel,
    goal,
    progress:
      value !== null && baseline !== null && goal !== null ? progress(metric.direction, baseline, goal, value) : null,
    pValue: test !== null && 'pValue' in test ? test.pValue : null,
    effectiveSamples: test !== null && 'pValue' in test ? test.effectiveSamples : null,
    preFixValue: preFixValueOf(input, adjust),
    samples: windowData?.finite.length ?? 0,
    droppedSamples: windowData?.dropped ?? 0,
  };
  const judged = (verdict: Verdict, error: string | null = null): CheckResult => {
    const result = {
      ...frame,
      ...measured,
      verdict,
      error,
      metSince: nextMetSince(verdict, at, input.previousMetSince),
    };
    return { ...result, reason: reasonOf(result, input, window, test) };
  };

  const missing = missingData(input, window, windowData, baselineData, profile);
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
function unscored(input: CheckInput): Omit<CheckResult, 'verdict' | 'error' | 'windowStart' | 'windowEnd' | 'reason'> {
  return {
    value: null,
    baseline: input.frozenBaseline,
    measuredBaseline: null,
    measuredModel: null,
    goal: resolveGoal(input.metric.direction, input.metric.target, input.frozenBaseline),
    progress: null,
    pValue: null,
    effectiveSamples: null,
    preFixValue: null,
    samples: 0,
    droppedSamples: 0,
    metSince: input.previousMetSince,
  };
}

function reasonOf(
  result: Omit<CheckResult, 'reason'>,
  input: CheckInput,
  window: TimeRange,
  test: SignificanceFacts | null,
): string {
  return checkReason({ ...result, metric: input.metric, window, test });
}

/**
 * Baseline samples judge only once their range is over: a check (or a replayed one) at T must not
 * freeze a baseline from a range that T has not seen the end of.
 */
function baselineUsable(samples: Sample[] | null, input: CheckInput): samples is Sample[] {
  return samples !== null && baselineRange(input.metric).end <= input.at;
}

/** Time order, so `last` is the latest sample and blocks and correlations see the series as it ran. */
function timeOrdered(samples: readonly Sample[]): Sample[] {
  return [...samples].sort((a, b) => a.at - b.at);
}

function aggregateOf(samples: readonly Sample[], metric: MetricSpec): number | null {
  return aggregate(
    samples.map((sample) => sample.value),
    metric.aggregation,
  );
}

/**
 * The model's profile when it fits the metric's seasonality (one offset per hour of the period); null otherwise,
 * e.g. a model frozen before the metric became seasonal.
 */
function fittingProfile(metric: MetricSpec, model: BaselineModel | null): number[] | null {
  if (metric.seasonality === 'none' || model === null || model.profile === null) return null;
  return model.profile.length === bucketCount(metric.seasonality) ? model.profile : null;
}

/**
 * The block test (docs/scoring.md, "Significance"): the window's adjusted samples in blocks of the frozen length,
 * against the baseline model's block means, allowing for the correlation left between neighbouring blocks of the
 * model's correlation time. Null when the metric asks for no test.
 */
function significance(
  metric: MetricSpec,
  window: TimeRange,
  model: BaselineModel | null,
  windowAdjusted: Sample[] | null,
  whyNoModel: () => string,
): SignificanceFacts | null {
  if (metric.confidence === null) return null;
  if (model === null) return { unavailable: whyNoModel() };
  if (windowAdjusted === null) return { unavailable: 'no window data to test' };
  const windowRange = { start: window.start, end: window.end };
  const test = blockSignificance(
    metric.direction,
    blockMeans(windowAdjusted, windowRange, model.blockMs),
    model.blockMeans,
    { blockMs: model.blockMs, correlationTimeMs: model.correlationTimeMs },
  );
  return { pValue: test.pValue, effectiveSamples: test.effectiveSamples, blockMs: model.blockMs };
}

function significant(metric: MetricSpec, pValue: number | null): boolean {
  if (metric.confidence === null) return true;
  return pValue !== null && pValue < 1 - metric.confidence - SIGNIFICANCE_MARGIN;
}

/**
 * The aggregate of the pre-fix window, adjusted like the window (docs/scoring.md, "Flags", improved_before_fix); null
 * without implementedAt, before the fix shipped (the window is not over), without data, or without a profile.
 */
function preFixValueOf(input: CheckInput, adjust: (samples: Sample[]) => Sample[] | null): number | null {
  if (input.preFixSamples === null || input.implementedAt === null || input.implementedAt > input.at) return null;
  const adjusted = adjust(cleanSamples(input.preFixSamples).finite);
  return adjusted === null ? null : aggregateOf(adjusted, input.metric);
}

/** Why the window or the baseline has no value, in words; empty when both are there (or not due yet). */
function missingData(
  input: CheckInput,
  window: CheckWindow,
  windowData: CleanedSamples | null,
  baselineData: CleanedSamples | null,
  profile: number[] | null,
): string[] {
  const reasons: string[] = [];
  if (windowData === null) {
    if (!window.pending) reasons.push(`no samples were fetched for the window ${rangeText(window)}`);
  } else if (windowData.finite.length === 0) {
    reasons.push(`no data in the window ${rangeText(window)}${droppedText(windowData)}`);
  }
  const baselineReasons = input.frozenBaseline === null ? missingBaseline(input, window, baselineData) : [];
  reasons.push(...baselineReasons);
  const { seasonality } = input.metric;
  const unfetchedWhilePending = window.pending && baselineData === null;
  if (seasonality !== 'none' && profile === null && baselineReasons.length === 0 && !unfetchedWhilePending)
    reasons.push(`the window cannot be ${seasonality}-adjusted: ${modelUnavailable(input, baselineData)}`);
  return reasons;
}

function missingBaseline(input: CheckInput, window: CheckWindow, baselineData: CleanedSamples | null): string[] {
  const range = baselineRange(input.metric);
  if (range.end > input.at) return [`the baseline range ${rangeText(range)} is not over yet`];
  if (baselineData === null)
    return window.pending ? [] : [`the baseline is unknown and no samples were fetched for ${rangeText(range)}`];
  if (baselineData.finite.length === 0) return [`no baseline data in ${rangeText(range)}${droppedText(baselineData)}`];
  return [];
}

/** Why there is no baseline model (or none with a fitting profile) to test or adjust with. */
function modelUnavailable(input: CheckInput, baselineData: CleanedSamples | null): string {
  if (input.frozenModel !== null) return `the frozen baseline model has no ${input.metric.seasonality} profile`;
  const range = baselineRange(input.metric);
  if (range.end > input.at) return `the baseline range ${rangeText(range)} is not over yet`;
  if (baselineData === null) return `no samples were fetched for the baseline ${rangeText(range)}`;
  return `no baseline data in ${rangeText(range)}${droppedText(baselineData)}`;
}

function rangeText(range: TimeRange): string {
  return `[${isoTime(range.start)}, ${isoTime(range.end)}]`;
}

function droppedText(data: CleanedSamples): string {
  return data.dropped > 0 ? ` (${data.dropped} NaN/Inf samples dropped)` : '';
}
