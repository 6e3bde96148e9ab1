/**
 * Listing a datasource's metric names for completion (docs/api.md, "Keys, datasources,
 * notifications"): the names starting with a prefix, sorted, at most a page of them.
 */

/** The most names one answer carries; an editor's completion list needs no more. */
export const METRIC_NAMES_PAGE = 1000;

/** The longest prefix a caller may filter by. */
export const METRIC_NAME_PREFIX_MAX = 200;

export interface MetricNamesPage {
  /** Sorted by code unit (as Go and PostgreSQL's "C" collation sort ASCII names), no duplicates. */
  names: string[];
  /** More names matched than `names` holds. */
  truncated: boolean;
}

/**
 * The first `limit` distinct names that start with `prefix`, sorted. A backend may ignore the
 * filter it was sent (an older Prometheus, a proxy), so what it answered is filtered here again.
 */
export function pageOfNames(names: Iterable<string>, prefix: string, limit: number): MetricNamesPage {
  const matching = [...new Set(names)].filter((name) => name.startsWith(prefix)).sort(byCodeUnit);
  return { names: matching.slice(0, limit), truncated: matching.length > limit };
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
