import { Injectable } from '@nestjs/common';
import { DatasourceError, type MetricSource } from '@app/datasources';
import { ScoringMetrics } from '@app/observability';
import {
  baselineRange,
  checkWindow,
  effectiveStepMs,
  needsBaselineModel,
  preFixRange,
  scoreCheck,
  type BaselineModel,
  type CheckInput,
  type CheckResult,
  type MetricSpec,
  type Sample,
  type ScoringThresholds,
  type TimeRange,
} from '@app/scoring';

export interface CheckRequest {
  at: number;
  spec: MetricSpec;
  query: string;
  source: MetricSource;
  implementedAt: number | null;
  /** The explicit baseline, else the frozen measured one; null: measure it now. */
  frozenBaseline: number | null;
  /** The model of the baseline's samples frozen on the metric; null: measure it now if the metric needs one. */
  frozenModel: BaselineModel | null;
  /** The implementedAt the metric's stored pre-fix value was measured for; null: none stored. */
  preFixMeasuredFor: number | null;
  previousMetSince: number | null;
  thresholds: ScoringThresholds;
  /** Aborted when the caller has gone (a preview's client): the fetches end and CallAborted is thrown. */
  signal?: AbortSignal;
}

export interface EvaluatedCheck {
  result: CheckResult;
  /** The window's samples as fetched (null when not fetched), for previews. */
  windowSamples: Sample[] | null;
  durationMs: number;
}

/**
 * One check of one metric: fetches what `scoreCheck` needs and scores it. A datasource that fails
 * (unreachable, timed out, rejected the query, returned several series) makes an `error` check —
 * never a verdict about the fix.
 */
@Injectable()
export class CheckEvaluator {
  constructor(private readonly metrics: ScoringMetrics) {}

  async evaluate(request: CheckRequest): Promise<EvaluatedCheck> {
    const started = Date.now();
    const { at, spec } = request;
    const window = checkWindow(at, spec, request.implementedAt);
    const baseline = baselineRange(spec);
    // The baseline's samples are fetched until what is frozen from them is known: its value and, for a
    // significance test or a seasonal profile, its model; never before its range is over, which
    // would freeze a partial one.
    const unknownModel = needsBaselineModel(spec) && request.frozenModel === null;
    const needBaseline = (request.frozenBaseline === null || unknownModel) && baseline.end <= at;
    // The pre-fix window is measured once per implementedAt (improved_before_fix, docs/scoring.md).
    const { implementedAt } = request;
    const needPreFix = implementedAt !== null && implementedAt <= at && request.preFixMeasuredFor !== implementedAt;
    let windowSamples: Sample[] | null = null;
    let baselineSamples: Sample[] | null = null;
    let preFixSamples: Sample[] | null = null;
    let fetchError: CheckInput['fetchError'] = null;
    try {
      [windowSamples, baselineSamples, preFixSamples] = await Promise.all([
        window.pending ? null : this.fetch(request, window),
        needBaseline ? this.fetch(request, baseline) : null,
        needPreFix ? this.fetch(request, preFixRange(spec, implementedAt)) : null,
      ]);
    } catch (err) {
      if (!(err instanceof DatasourceError)) throw err;
      this.metrics.recordDatasourceError(err.datasource, err.kind);
      fetchError = { kind: err.kind, message: err.message };
    }
    const result = scoreCheck({
      at,
      metric: spec,
      implementedAt: request.implementedAt,
      frozenBaseline: request.frozenBaseline,
      frozenModel: request.frozenModel,
      baselineSamples,
      preFixSamples,
      windowSamples,
      fetchError,
      previousMetSince: request.previousMetSince,
      thresholds: request.thresholds,
    });
    return { result, windowSamples, durationMs: Date.now() - started };
  }

  /** The samples of the query's one series over [start, end]; none when it has no series. */
  private async fetch(request: CheckRequest, { start, end }: TimeRange): Promise<Sample[]> {
    const stepMs = effectiveStepMs(request.spec, end - start);
    const series = await request.source.range({ query: request.query, start, end, stepMs, signal: request.signal });
    return series?.samples ?? [];
  }
}
