import { OtlpSelectorSource, PrometheusSource, type MetricSource } from '@app/datasources';
import { bindStepWindow, measurementOf, MIN_STEP_WINDOW_MS, type DatasourceKind, type MeasuredBy } from '@app/domain';

/** The query a check sends and the source it goes through. */
export interface ScoredQuery {
  query: string;
  source: MetricSource;
  /** The PromQL a selector was translated to (with its `$__window` placeholder); null for a `query` metric. */
  translatedQuery: string | null;
}

/**
 * How a metric is fetched from `source` (libs/domain `measurementOf`; docs/opentelemetry.md): a
 * translated selector goes through a source that binds the translation's step window per fetch. null
 * when `source` cannot evaluate the metric (a selector on a source that is neither Prometheus nor the
 * OTLP store).
 */
export function scoredQuery(
  metric: MeasuredBy,
  source: MetricSource,
  rawSource: MetricSource = source,
): ScoredQuery | null {
  const measured = measurementOf(metric, kindOf(rawSource));
  if (!measured) return null;
  return { ...measured, source: measured.translatedQuery === null ? source : withStepWindow(source) };
}

function kindOf(source: MetricSource): DatasourceKind | null {
  if (source instanceof PrometheusSource) return 'prometheus';
  if (source instanceof OtlpSelectorSource) return 'otlp';
  return null;
}

/**
 * `source` with `$__window` replaced by max(step, 1m) in every query: each point of a range query
 * then covers the step before it (its rate or increase), and never less than a minute, so a
 * window spans several scrapes.
 */
export function withStepWindow(source: MetricSource): MetricSource {
  return {
    name: source.name,
    range: (request) => source.range({ ...request, query: bindStepWindow(request.query, request.stepMs) }),
    validate: (query, signal) => source.validate(bindStepWindow(query, MIN_STEP_WINDOW_MS), signal),
    metricNames: (request) => source.metricNames(request),
  };
}
