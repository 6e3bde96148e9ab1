import { Inject, Injectable } from '@nestjs/common';
import { DatasourceRegistry } from '@app/datasources';
import { invalidInput, type SuccessMetricDefinition } from '@app/domain';
import { baselineRange, type Verdict } from '@app/scoring';
import { CheckEvaluator } from './check-evaluator';
import { toMetricSpec } from './metric-spec';
import { scoredQuery } from './selector-query';
import type { ScoringSettings } from './scoring-settings';
import { SCORING_SETTINGS } from './scoring-settings.token';

export interface PreviewRequest {
  /** Checked (libs/domain `checkSuccessMetric`). */
  definition: SuccessMetricDefinition;
  /** When the fix shipped, if it has: the window then starts no earlier. */
  implementedAt: Date | null;
  /** The check time; default now. */
  at: Date;
  /**
   * Where the baseline window ends when the definition does not say, resolved as for a saved
   * metric (`defaultBaselineEnd`); null without an action or post-mortem: where the evaluation
   * window starts.
   */
  defaultBaselineEnd: Date | null;
  /** Aborted when the client has gone: the datasource calls end at once (CallAborted). */
  signal?: AbortSignal;
}

export interface PreviewResult {
  baseline: number | null;
  value: number | null;
  goal: number | null;
  progress: number | null;
  verdict: Verdict;
  pValue: number | null;
  /** The independent units the significance test compared; null when no test ran. */
  effectiveSamples: { window: number; baseline: number } | null;
  /** Why the check would judge as it does, in one sentence. */
  reason: string;
  /**
   * A seasonal metric's profile measured from the baseline: per phase bucket (hour of day, or hour of
   * week from Monday 00:00 in the metric's time zone), how far that hour sits from the baseline's mean.
   */
  seasonalProfile: number[] | null;
  /** With implementedAt: the value of the window before the fix shipped (what improved_before_fix judges). */
  preFixValue: number | null;
  windowStart: string;
  windowEnd: string;
  /** The range the baseline is measured over. */
  baselineRange: { start: string; end: string };
  /** The window's samples; non-finite values (a ratio over zero traffic) as null. */
  points: Array<{ at: string; value: number | null }>;
  error: string | null;
  /** The PromQL a selector on a prometheus datasource was translated to; null otherwise. */
  translatedQuery: string | null;
}

/**
 * Runs a metric definition once without saving anything, so an SRE sees at once whether the
 * query works and where it stands. For an action (or a post-mortem) the baseline and window are
 * the ones its saved metric's check would judge; with neither and no baselineEnd, the baseline
 * window ends where the evaluation window starts.
 */
@Injectable()
export class PreviewService {
  constructor(
    @Inject(SCORING_SETTINGS) private readonly settings: ScoringSettings,
    private readonly registry: DatasourceRegistry,
    private readonly evaluator: CheckEvaluator,
  ) {}

  async preview(request: PreviewRequest): Promise<PreviewResult> {
    const { definition, at } = request;
    // PromQL, a selector translated for a prometheus datasource, or a selector on the OTLP store.
    const source = this.registry.has(definition.datasource) ? this.registry.get(definition.datasource) : null;
    const measured = source ? scoredQuery(definition, source) : null;
    if (!measured) {
      throw invalidInput(`datasource: "${definition.datasource}" cannot evaluate this metric`);
    }
    const baselineEnd =
      request.defaultBaselineEnd ?? new Date(at.getTime() - toMetricSpec(definition, at).evaluationWindowMs);
    const spec = toMetricSpec(definition, baselineEnd);
    const baseline = baselineRange(spec);
    const { result, windowSamples } = await this.evaluator.evaluate({
      at: at.getTime(),
      spec,
      query: measured.query,
      source: measured.source,
      implementedAt: request.implementedAt?.getTime() ?? null,
      frozenBaseline: definition.baseline,
      frozenModel: null,
      preFixMeasuredFor: null,
      previousMetSince: null,
      thresholds: this.settings.thresholds,
      signal: request.signal,
    });
    return {
      baseline: result.baseline,
      value: result.value,
      goal: result.goal,
      progress: result.progress,
      verdict: result.verdict,
      pValue: result.pValue,
      effectiveSamples: result.effectiveSamples,
      reason: result.reason,
      seasonalProfile: result.measuredModel?.profile ?? null,
      preFixValue: result.preFixValue,
      windowStart: new Date(result.windowStart).toISOString(),
      windowEnd: new Date(result.windowEnd).toISOString(),
      baselineRange: { start: new Date(baseline.start).toISOString(), end: new Date(baseline.end).toISOString() },
      points: (windowSamples ?? []).map((s) => ({
        at: new Date(s.at).toISOString(),
        value: Number.isFinite(s.value) ? s.value : null,
      })),
      error: result.error,
      translatedQuery: measured.translatedQuery,
    };
  }
}
