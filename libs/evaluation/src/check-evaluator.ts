import { Injectable } from '@nestjs/common';
import { DatasourceError, type MetricSource } from '@app/datasources';
import { ScoringMetrics } from '@app/observability';
import {
  baselineRange,
  checkWindow,
  effectiveStepMs,
  scoreCheck,
  type CheckInput,
  type CheckResult,
  type MetricSpec,
  type Sample,
  type ScoringThresholds,
} from '@app/scoring';

export interface CheckRequest {
  at: number;
  spec: MetricSpec;
  query: string;
  source: MetricSource;
  implementedAt: number | null;
  /** The explicit baseline, else the frozen measured one; null: measure it now. */
  frozenBaseline: number | null;
  previousMetSince: number | null;
  thresholds: ScoringThresholds;
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
    // The baseline is fetched while it is unknown and, with `confidence`, at every check (the test
    // compares sample sets); never before its range is over, which would freeze a partial one.
    const needBaseline = (request.frozenBaseline === null || spec.confidence !== null) && baseline.end <= at;
    let windowSamples: Sample[] | null = null;
    let baselineSamples: Sample[] | null = null;
    let fetchError: CheckInput['fetchError'] = null;
    try {
      [windowSamples, baselineSamples] = await Promise.all([
        window.pending ? null : this.fetch(request, window.start, window.end),
        needBaseline ? this.fetch(request, baseline.start, baseline.end) : null,
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
      frozenModel: null,
      baselineSamples,
      preFixSamples: null,
      windowSamples,
      fetchError,
      previousMetSince: request.previousMetSince,
      thresholds: request.thresholds,
    });
    return { result, windowSamples, durationMs: Date.now() - started };
  }

  /** The samples of the query's one series over [start, end]; none when it has no series. */
  private async fetch(request: CheckRequest, start: number, end: number): Promise<Sample[]> {
    const stepMs = effectiveStepMs(request.spec, end - start);
    const series = await request.source.range({ query: request.query, start, end, stepMs });
    return series?.samples ?? [];
  }
}
