import type { MetricSelector } from '../types';
import { selectorQuery } from './selector-query';
import { selectorToPromql } from './selector-to-promql';
import type { DatasourceKind } from './success-metric.rules';
import type { SuccessMetricDefinition } from './success-metric-definition';

/** What a metric sends its datasource at each check. */
export interface Measurement {
  /** PromQL, or for the OTLP store the canonical JSON of the selector. */
  query: string;
  /**
   * The PromQL a selector on a prometheus datasource was translated to, with its `$__window`
   * placeholder still in it (bound per fetch); null when the query goes as written.
   */
  translatedQuery: string | null;
}

/** What a metric is measured by, as stored (a selector may be absent on older shapes). */
export type MeasuredBy = Pick<SuccessMetricDefinition, 'query'> & { selector?: MetricSelector | null };

/**
 * The query a metric actually runs on a datasource of `kind`: PromQL as written; a selector on a
 * prometheus datasource translated by the OpenTelemetry-to-Prometheus naming rules
 * (docs/opentelemetry.md, "A selector on a prometheus datasource"); a selector on the OTLP store as its canonical JSON. null when a datasource of that
 * kind (null: one that takes only PromQL) cannot run the metric. Throws when a selector's names
 * translate to nothing Prometheus can hold.
 */
export function measurementOf(metric: MeasuredBy, kind: DatasourceKind | null): Measurement | null {
  if (metric.query !== null) return { query: metric.query, translatedQuery: null };
  if (!metric.selector) return null;
  if (kind === 'prometheus') {
    const translated = selectorToPromql(metric.selector);
    return { query: translated, translatedQuery: translated };
  }
  if (kind === 'otlp') return { query: selectorQuery(metric.selector), translatedQuery: null };
  return null;
}
