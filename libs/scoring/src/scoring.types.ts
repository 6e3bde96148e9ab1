import type {
  ActionStatus,
  Aggregation,
  Direction,
  FlagKind,
  MetricTarget,
  Seasonality,
  SuccessMetricTimings,
} from '@app/domain';

/** Every time here is epoch milliseconds (UTC); the clock is always an argument, never read. */
export type Millis = number;

export type Verdict = 'error' | 'no_data' | 'pending' | 'met' | 'improving' | 'not_met';

/** Checks that judged the fix: the datasource answered and the window was old enough. */
export const SUCCESSFUL_VERDICTS: readonly Verdict[] = ['met', 'improving', 'not_met'];

/** One sample of a query's single series. `value` may be NaN or ±Inf (dropped before aggregating). */
export interface Sample {
  at: Millis;
  value: number;
}

/** What one check of a success metric needs of its definition, with durations already parsed to milliseconds. */
export interface MetricSpec {
  direction: Direction;
  target: MetricTarget;
  aggregation: Aggregation;
  baselineWindowMs: Millis;
  /** Resolved: the metric's baselineEnd, else the post-mortem's occurredAt, else the action's openedAt. */
  baselineEnd: Millis;
  evaluationWindowMs: Millis;
  checkEveryMs: Millis;
  /** null: chosen so a window has at most 1,000 points (see `defaultStepMs`). */
  stepMs: Millis | null;
  /** e.g. 0.95; null: no significance test. */
  confidence: number | null;
  seasonality: Seasonality;
  /** IANA zone of the seasonal phase buckets. */
  timeZone: string;
}

/** What the scorer freezes with the baseline: measured once from the baseline's samples. */
export interface BaselineModel {
  /** Block length of the significance test (≥ 4 × correlationTimeMs). */
  blockMs: Millis;
  correlationTimeMs: Millis;
  /** Means of the baseline's (seasonally adjusted) samples per block, oldest first. */
  blockMeans: number[];
  /** Seasonal offsets per phase bucket (24 daily, 168 weekly); null when seasonality is none. */
  profile: number[] | null;
}

export interface ScoringThresholds {
  /** Progress at or above which a not-yet-met check is `improving` (default 0.05). */
  improvingThreshold: number;
  stallAfterMs: Millis;
  minProgressGain: number;
  regressionChecks: number;
  watchForMs: Millis;
}

export type DatasourceErrorKind = 'unreachable' | 'timeout' | 'bad_query' | 'too_many_series' | 'bad_response';

/** What the scorer fetched for one check of one metric at time `at`. */
export interface CheckInput {
  at: Millis;
  metric: MetricSpec;
  implementedAt: Millis | null;
  /** The frozen baseline (explicit, or measured at an earlier check); null until known. */
  frozenBaseline: number | null;
  /**
   * Samples of the baseline range. Needed while no baseline is frozen, and at every check when
   * `confidence` is set (the test compares sample sets). null: not fetched.
   */
  baselineSamples: Sample[] | null;
  /** Samples of the check's window; null when not fetched (pending, or a fetch error). */
  windowSamples: Sample[] | null;
  /** The model frozen on the metric; null: measure it from `baselineSamples` now when they are given. */
  frozenModel: BaselineModel | null;
  /** Samples of the pre-fix window [implementedAt − evaluationWindow, implementedAt]; null when not fetched. */
  preFixSamples: Sample[] | null;
  /** Set when a fetch failed (or the query returned more than one series). */
  fetchError: { kind: DatasourceErrorKind; message: string } | null;
  /** metSince before this check. */
  previousMetSince: Millis | null;
  thresholds: ScoringThresholds;
}

export interface CheckResult {
  verdict: Verdict;
  windowStart: Millis;
  windowEnd: Millis;
  /** The aggregated window value; null without data. */
  value: number | null;
  /** The baseline this check compared against; null while unknown. */
  baseline: number | null;
  /** A baseline measured by this check, to freeze on the metric; null when nothing new to freeze. */
  measuredBaseline: number | null;
  goal: number | null;
  /** In [0, 1]; null when value, baseline or goal is unknown. */
  progress: number | null;
  /** One-sided Mann-Whitney U p-value, when `confidence` is set and both sample sets exist. */
  pValue: number | null;
  /** Finite samples aggregated in the window. */
  samples: number;
  /** NaN/±Inf samples dropped from the window. */
  droppedSamples: number;
  /** metSince after this check. */
  metSince: Millis | null;
  /** Why the verdict is error/no_data/pending, in words; null otherwise. */
  error: string | null;
  /** A model measured by this check (no frozen one yet and baseline samples given), for the caller to freeze. */
  measuredModel: BaselineModel | null;
  /** The independent units the significance test used; null when no test ran. */
  effectiveSamples: { window: number; baseline: number } | null;
  /** The (adjusted) aggregate of the pre-fix window, when its samples hold data. */
  preFixValue: number | null;
  /** Why the check judged as it did, in one plain sentence. */
  reason: string;
}

/** A metric's recent history, as the action-level rules need it (after this check is recorded). */
export interface MetricTrack {
  metricId: string;
  /** The metric's name as its author wrote it: reasons name metrics this way, never by id. */
  name: string;
  metSince: Millis | null;
  /** The most recent checks' verdicts, newest first (at least the last 3). */
  recentVerdicts: Verdict[];
  /** The most recent successful checks (met/improving/not_met), newest first (at least `regressionChecks`). */
  recentSuccessful: Array<{ at: Millis; verdict: Verdict; progress: number | null }>;
  /** Best progress of successful checks in (T − stallAfter, T]; null when none. */
  bestProgressRecent: number | null;
  /** Best progress of successful checks at or before T − stallAfter; null when none. */
  bestProgressBefore: number | null;
  /** The latest successful check's progress; null when none. */
  latestProgress: number | null;
}

export interface ActionSnapshot {
  status: ActionStatus;
  dueAt: Millis | null;
  statusChangedAt: Millis;
  implementedAt: Millis | null;
  /** When it was verified (closedAt of a verified action); null otherwise. */
  verifiedAt: Millis | null;
  activeFlags: FlagKind[];
}

export interface ActionOutcomeInput {
  at: Millis;
  action: ActionSnapshot;
  /** Per metric: the timings of its definition and its track. */
  metrics: Array<{ definition: SuccessMetricTimings; track: MetricTrack }>;
  thresholds: ScoringThresholds;
}

export interface FlagDecision {
  kind: FlagKind;
  /** Whether the condition holds at `at` (raise when not active yet; clear when active and false). */
  active: boolean;
  /** Why, in words a manager understands (shown on the flag). */
  reason: string;
}

export interface ActionOutcome {
  /** status → verified, verification: telemetry, closedAt = at. */
  verify: boolean;
  /** One decision per flag kind. */
  flags: FlagDecision[];
}
