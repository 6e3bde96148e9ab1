export const MAX_NAME_LENGTH = 200;
export const MAX_QUERY_LENGTH = 10_000;
export const MAX_ATTRIBUTES = 50;
export const MAX_ATTRIBUTE_KEY_LENGTH = 255;
export const MAX_ATTRIBUTE_VALUE_LENGTH = 1000;

/** OpenTelemetry instrument names: a letter, then letters, digits, "_", ".", "-", "/"; at most 255. */
export const OTEL_METRIC_NAME = /^[A-Za-z][A-Za-z0-9_.\-/]{0,254}$/;

/** Prometheus refuses range queries of more than 11,000 points per series. */
export const MAX_POINTS_PER_QUERY = 11_000;
export const MIN_CHECK_EVERY_MS = 60_000;
/** Five years: longer spans say nothing useful and overflow the date arithmetic of a check. */
export const MAX_DURATION_MS = 5 * 365 * 86_400_000;

export const METRIC_DEFAULTS = {
  aggregation: 'avg',
  baselineWindow: '14d',
  evaluationWindow: '7d',
  sustainFor: '7d',
  verifyWithin: '30d',
  checkEvery: '1h',
} as const;

/** The fields that define what is measured: changing one makes a measured baseline and a met streak meaningless. */
export const MEASUREMENT_FIELDS = [
  'datasource',
  'query',
  'selector',
  'direction',
  'target',
  'aggregation',
  'baselineWindow',
  'baselineEnd',
  'baseline',
] as const;
