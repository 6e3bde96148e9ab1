import { bindStepWindow, MIN_STEP_WINDOW_MS, OtlpSelectorSource, PrometheusSource, selectorQuery, selectorToPromql, type MetricSource } from '@app/datasources';
import type { MetricSelector } from '@app/domain';

/** What a metric is measured by, as stored: PromQL or an OpenTelemetry selector. */
export interface MeasuredBy {
  query: string | null;
  selector?: MetricSelector | null;
}

/** The query a check sends and the source it goes through. */
export interface ScoredQuery {
  query: string;
  source: MetricSource;
  /** The PromQL a selector was translated to (with its `$__window` placeholder); null for a `query` metric. */
  translatedQuery: string | null;
}

/**
 * How a metric is fetched from `source`: PromQL as written, or a selector on a Prometheus-API
 * source translated to PromQL (see docs/opentelemetry.md) — then scored exactly like a `query` metric, through a
 * source that binds the translation's step window per fetch. null when `source` cannot evaluate
 * the metric (a selector on a non-PromQL source is the OTLP store's to answer).
 */
export function scoredQuery(metric: MeasuredBy, source: MetricSource, rawSource: MetricSource = source): ScoredQuery | null {
  if (metric.query !== null) return { query: metric.query, source, translatedQuery: null };
  if (metric.selector && rawSource instanceof PrometheusSource) {
    const translatedQuery = selectorToPromql(metric.selector);
    return { query: translatedQuery, source: withStepWindow(source), translatedQuery };
  }
  // The built-in OTLP store takes the selector itself, as canonical JSON.
  if (metric.selector && rawSource instanceof OtlpSelectorSource) return { query: selectorQuery(metric.selector), source, translatedQuery: null };
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
    validate: (query) => source.validate(bindStepWindow(query, MIN_STEP_WINDOW_MS)),
  };
}
