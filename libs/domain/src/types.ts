export const ACTION_STATUSES = ['open', 'in_progress', 'implemented', 'verified', 'wont_fix'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export type Priority = (typeof PRIORITIES)[number];

export type Verification = 'telemetry' | 'manual';

export const ROLES = ['viewer', 'editor', 'admin', 'ingest', 'scorer'] as const;
export type Role = (typeof ROLES)[number];

export const FLAG_KINDS = [
  'overdue',
  'stalled',
  'ineffective',
  'regressed',
  'no_telemetry',
  'source_error',
  'improved_before_fix',
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export const AGGREGATIONS = ['avg', 'min', 'max', 'p50', 'p90', 'p95', 'p99', 'last'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** Compare like with like: the phase buckets a seasonal metric's samples are adjusted by (docs/scoring.md, "Seasonality"). */
export const SEASONALITIES = ['none', 'daily', 'weekly'] as const;
export type Seasonality = (typeof SEASONALITIES)[number];

export const DIRECTIONS = ['decrease', 'increase'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const SELECTOR_STATISTICS = ['value', 'rate', 'increase', 'mean', 'p50', 'p90', 'p95', 'p99', 'count'] as const;
export type SelectorStatistic = (typeof SELECTOR_STATISTICS)[number];

export interface SelectorTerm {
  metric: string;
  attributes?: Record<string, string>;
  statistic: SelectorStatistic;
}

export interface MetricSelector extends SelectorTerm {
  denominator?: SelectorTerm;
}

export interface MetricTarget {
  absolute?: number;
  relativePercent?: number;
}
