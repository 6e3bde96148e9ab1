import type { MetricSelector, SelectorStatistic, SelectorTerm } from '../types';

/**
 * The range-vector window of a translated selector. It stays a placeholder in the stored and shown
 * PromQL because it depends on the step of each fetch (a baseline and a window get different
 * steps); `bindStepWindow` replaces it just before the query is sent.
 */
export const STEP_WINDOW = '$__window';

/**
 * The shortest window a rate is taken over. rate()/increase() need at least two samples in the
 * window, so a window equal to a fine step (10s) would find none at a typical 15s–1m scrape.
 */
export const MIN_STEP_WINDOW_MS = 60_000;

const QUANTILES: Partial<Record<SelectorStatistic, string>> = { p50: '0.5', p90: '0.9', p95: '0.95', p99: '0.99' };

/**
 * PromQL for an OpenTelemetry metric selector evaluated against a Prometheus that receives the
 * metrics through an OpenTelemetry-to-Prometheus exporter (the Collector's `prometheus` /
 * `prometheusremotewrite` exporters, Prometheus' own OTLP receiver) with metric suffixes on.
 *
 * A selector does not say the instrument's kind or unit, so the statistic implies the kind:
 * rate/increase read a monotonic sum (`<name>_total`); p50..p99, mean and count read a histogram
 * (`_bucket`, `_sum`, `_count`); value reads a gauge (the plain name). Units cannot be inferred:
 * the exporter appends them from the instrument's unit (`http.server.request.duration`, unit `s`
 * → `http_server_request_duration_seconds`), so a selector names the metric with its unit word
 * when it has one (`http.server.request.duration.seconds` or `…_duration_seconds`, both
 * translate the same). Every term is aggregated with sum() so that several series (instances,
 * attributes the selector does not pin) make the one series a success metric needs.
 */
export function selectorToPromql(selector: MetricSelector): string {
  const numerator = termToPromql(selector);
  if (!selector.denominator) return numerator;
  return `(${numerator}) / (${termToPromql(selector.denominator)})`;
}

/** One term of a selector (no denominator), as an aggregated instant vector. */
export function termToPromql(term: SelectorTerm): string {
  const base = otelMetricNameToPrometheus(term.metric);
  const matchers = labelMatchers(term.attributes ?? {});
  const series = (suffix: string) => `${base}_${suffix}${matchers}`;
  const quantile = QUANTILES[term.statistic];
  if (quantile !== undefined) {
    return `histogram_quantile(${quantile}, sum by (le) (rate(${series('bucket')}[${STEP_WINDOW}])))`;
  }
  switch (term.statistic) {
    case 'value':
      return `sum(${base}${matchers})`;
    case 'rate':
      return `sum(rate(${counterName(term.metric)}${matchers}[${STEP_WINDOW}]))`;
    case 'increase':
      return `sum(increase(${counterName(term.metric)}${matchers}[${STEP_WINDOW}]))`;
    case 'mean':
      return `sum(rate(${series('sum')}[${STEP_WINDOW}])) / sum(rate(${series('count')}[${STEP_WINDOW}]))`;
    case 'count':
      return `sum(increase(${series('count')}[${STEP_WINDOW}]))`;
    default:
      throw new Error(`unknown selector statistic "${term.statistic as string}"`);
  }
}

/**
 * An OpenTelemetry metric name as the exporters write it, before type suffixes: every run of
 * characters outside [A-Za-z0-9:] (".", "-", "/", and "_" itself) becomes one "_", leading and
 * trailing ones go, and a leading digit gets a "_" prefix. `http.server.requests` →
 * `http_server_requests`.
 */
export function otelMetricNameToPrometheus(name: string): string {
  return joinTokens(nameTokens(name), name);
}

/**
 * The series a monotonic sum is exported as: the name with one `total` word, last (the exporters
 * drop a `total` word anywhere in the name and append it). `http.server.requests` →
 * `http_server_requests_total`; `jobs.total` → `jobs_total`.
 */
export function counterName(name: string): string {
  return joinTokens([...nameTokens(name).filter((t) => t !== 'total'), 'total'], name);
}

/**
 * An attribute key as a label name: every run of characters outside [A-Za-z0-9] becomes one "_",
 * a leading digit gets "key_", and a reserved `__x__` keeps its underscores. `service.name` →
 * `service_name`, `2xx` → `key_2xx`.
 */
export function otelAttributeToLabelName(key: string): string {
  const reserved = key.length >= 4 && key.startsWith('__') && key.endsWith('__');
  const core = (reserved ? key.slice(2, -2) : key).replace(/[^A-Za-z0-9]+/g, '_');
  const label = reserved ? `__${core}__` : core;
  if (label === '' || /^_+$/.test(label)) throw new Error(`attribute "${key}" has no characters a label name can keep`);
  return /^[0-9]/.test(label) ? `key_${label}` : label;
}

/** A PromQL double-quoted string literal (the escapes the PromQL lexer reads, as Go's). */
export function promqlString(value: string): string {
  const escaped = value.replace(
    /[\\"\n\r\t]/g,
    (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!,
  );
  return `"${escaped}"`;
}

/** The query with its step window bound: max(step, 1m), in whole seconds when it can be. */
export function bindStepWindow(promql: string, stepMs: number): string {
  const windowMs = Math.max(stepMs, MIN_STEP_WINDOW_MS);
  const text = windowMs % 1000 === 0 ? `${windowMs / 1000}s` : `${Math.ceil(windowMs)}ms`;
  return promql.split(STEP_WINDOW).join(text);
}

function labelMatchers(attributes: Record<string, string>): string {
  const keys = Object.keys(attributes).sort();
  if (keys.length === 0) return '';
  return `{${keys.map((k) => `${otelAttributeToLabelName(k)}=${promqlString(attributes[k])}`).join(', ')}}`;
}

function nameTokens(name: string): string[] {
  return name.split(/[^A-Za-z0-9:]+/).filter((t) => t !== '');
}

function joinTokens(tokens: string[], original: string): string {
  const joined = tokens.join('_');
  if (joined === '') throw new Error(`metric "${original}" has no characters a Prometheus name can keep`);
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}
