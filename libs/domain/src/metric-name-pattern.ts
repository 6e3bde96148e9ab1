/**
 * Metric-name patterns, as `otlp.keep` lists them (see docs/operation.md, "OTLP receiver limits"): a metric name
 * in which `*` stands for any run of characters, dots included, matched against the whole name.
 * Only the characters OpenTelemetry and Prometheus metric names use are allowed, so a regex or a
 * typo is refused at start instead of silently keeping nothing.
 */
const PATTERN_SYNTAX = /^[A-Za-z0-9_.:/*-]{1,255}$/;

export const METRIC_NAME_PATTERN_RULE =
  'a metric name in which "*" stands for any run of characters: letters, digits, "_", ".", "-", "/", ":" and "*" only, at most 255';

/** An OpenTelemetry instrument name, as a selector names one. */
const METRIC_NAME = /^[A-Za-z][A-Za-z0-9_.\-/]{0,254}$/;

export const METRIC_NAME_RULE =
  'an OpenTelemetry metric name (a letter, then letters, digits, "_", ".", "-", "/"; at most 255)';

export function isMetricName(name: unknown): name is string {
  return typeof name === 'string' && METRIC_NAME.test(name);
}

export function isMetricNamePattern(pattern: string): boolean {
  return PATTERN_SYNTAX.test(pattern);
}

/** Whether a metric name matches at least one of the patterns. */
export function metricNameMatcher(patterns: readonly string[]): (name: string) => boolean {
  const alternatives = patterns.map((p) => p.split('*').map(escapeRegExp).join('.*'));
  const regex = new RegExp(`^(?:${alternatives.join('|')})$`, 's');
  return (name) => regex.test(name);
}

/** `text` as a regular expression matching it literally (JavaScript's and RE2's syntax alike). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
