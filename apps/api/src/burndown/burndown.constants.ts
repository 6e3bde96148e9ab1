/** A chart of more points than this is unreadable and costly: narrow the range or use weeks. */
export const MAX_BURNDOWN_BUCKETS = 1000;

/** The range when `from` is not given: twelve weeks back from `to`. */
export const DEFAULT_BURNDOWN_RANGE_MS = 12 * 7 * 86_400_000;
