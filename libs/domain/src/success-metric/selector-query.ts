import type { MetricSelector, SelectorTerm } from '../types';

/**
 * The query string the OTLP store receives for a selector: its canonical JSON (keys in a fixed
 * order, attributes sorted, empty attributes left out), so two equal selectors make the same
 * string.
 *
 * Why a datasource stays string-typed: everything between a metric and its source — the check
 * evaluator, the per-pass fetch deduplication (keyed on the query text), the preview, error
 * messages — deals in one opaque query string for PromQL; a canonical string lets selectors travel
 * the same road, and identical selectors are fetched once per pass like identical PromQL queries.
 */
export function selectorQuery(selector: MetricSelector): string {
  const out = canonicalTerm(selector);
  if (selector.denominator) out.denominator = canonicalTerm(selector.denominator);
  return JSON.stringify(out);
}

function canonicalTerm(term: SelectorTerm): Record<string, unknown> {
  const out: Record<string, unknown> = { metric: term.metric };
  const entries = Object.entries(term.attributes ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length) out.attributes = Object.fromEntries(entries);
  out.statistic = term.statistic;
  return out;
}
