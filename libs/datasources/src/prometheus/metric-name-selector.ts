import { escapeRegExp, promqlString } from '@app/domain';

/**
 * The series selector (`match[]`) for the metric names starting with `prefix`, taken literally:
 * `{__name__=~"http_requests\\..*"}`. Prometheus anchors the regex at both ends. No selector for
 * an empty prefix: Prometheus refuses a `match[]` whose matchers all match the empty string.
 */
export function metricNamePrefixSelector(prefix: string): string | null {
  if (prefix === '') return null;
  return `{__name__=~${promqlString(`${escapeRegExp(prefix)}.*`)}}`;
}
