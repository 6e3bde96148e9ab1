import type { Statistic } from './otlp-statistics';

export const SELECTOR_QUERY_STATISTICS: readonly Statistic[] = ['value', 'rate', 'increase', 'mean', 'p50', 'p90', 'p95', 'p99', 'count'];

export interface SelectorQueryTerm {
  metric: string;
  attributes?: Record<string, string>;
  statistic: Statistic;
}

export interface SelectorQuery extends SelectorQueryTerm {
  denominator?: SelectorQueryTerm;
}

/**
 * The query string the `otlp` datasource receives for a selector: its canonical JSON (keys in a
 * fixed order, attributes sorted, empty attributes left out), so two equal selectors make the same
 * string.
 *
 * Why MetricSource stays string-typed: everything between a metric and its source — the check
 * evaluator, the per-pass FetchDedup (keyed on the query text), the preview, error messages — deals
 * in one opaque query string for PromQL; a canonical string lets selectors travel the same road, and
 * identical selectors are fetched once per pass like identical PromQL queries.
 */
export function selectorQuery(selector: SelectorQuery): string {
  const term = (t: SelectorQueryTerm): Record<string, unknown> => {
    const out: Record<string, unknown> = { metric: t.metric };
    const entries = Object.entries(t.attributes ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length) out.attributes = Object.fromEntries(entries);
    out.statistic = t.statistic;
    return out;
  };
  const out = term(selector);
  if (selector.denominator) out.denominator = term(selector.denominator);
  return JSON.stringify(out);
}

/** Reads a selector query back; throws an Error whose message says what is wrong. */
export function parseSelectorQuery(query: string): SelectorQuery {
  let value: unknown;
  try {
    value = JSON.parse(query);
  } catch {
    throw new Error(`not a selector (the otlp datasource takes {metric, attributes?, statistic, denominator?}): ${query.slice(0, 200)}`);
  }
  const term = (v: unknown, path: string, allowDenominator: boolean): SelectorQueryTerm => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${path}: must be an object`);
    const o = v as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      if (!['metric', 'attributes', 'statistic', ...(allowDenominator ? ['denominator'] : [])].includes(key)) {
        throw new Error(`${path}.${key}: unknown field`);
      }
    }
    if (typeof o.metric !== 'string' || o.metric.length === 0) throw new Error(`${path}.metric: must be a metric name`);
    if (!SELECTOR_QUERY_STATISTICS.includes(o.statistic as Statistic)) {
      throw new Error(`${path}.statistic: must be one of ${SELECTOR_QUERY_STATISTICS.join(', ')}`);
    }
    const out: SelectorQueryTerm = { metric: o.metric, statistic: o.statistic as Statistic };
    if (o.attributes !== undefined) {
      const a = o.attributes;
      if (typeof a !== 'object' || a === null || Array.isArray(a) || !Object.values(a).every((x) => typeof x === 'string')) {
        throw new Error(`${path}.attributes: must map attribute names to strings`);
      }
      out.attributes = a as Record<string, string>;
    }
    return out;
  };
  const selector: SelectorQuery = term(value, 'selector', true);
  const denominator = (value as Record<string, unknown>).denominator;
  if (denominator !== undefined) selector.denominator = term(denominator, 'selector.denominator', false);
  return selector;
}
