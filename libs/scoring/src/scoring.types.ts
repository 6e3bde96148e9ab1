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
  /** Compare like with like: window samples are adjusted by the baseline's profile per phase bucket. */
  seasonality: Seasonality;
  /** IANA zone of the phase buckets (hour of day, hour of week). */
  timeZone: string;
}

/** What the scorer freezes with the baseline: measured once from the baseline's samples (docs/scoring.md, "Significance"). */
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
  /** The baseline model frozen on the metric; null: measured from `baselineSamples` when they are given. */
  frozenModel: BaselineModel | null;
  /**
   * Samples of the baseline range. Needed while no baseline is frozen, and while a metric that needs a
   * model (`needsBaselineModel`) has none frozen. null: not fetched.
   */
  baselineSamples: Sample[] | null;
  /** Samples of the pre-fix window [implementedAt − evaluationWindow, implementedAt]; null when not fetched. */
  preFixSamples: Sample[] | null;
  /** Samples of the check's window; null when not fetched (pending, or a fetch error). */
  windowSamples: Sample[] | null;
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
  /** A model measured by this check (none frozen yet, baseline samples given), to freeze; null otherwise. */
  measuredModel: BaselineModel | null;
  goal: number | null;
  /** In [0, 1]; null when value, baseline or goal is unknown. */
  progress: number | null;
  /** One-sided Mann-Whitney U p-value on block means, when `confidence` is set and each side has enough blocks. */
  pValue: number | null;
  /** Independent units (block means) the significance test used on each side; null when no test ran. */
  effectiveSamples: { window: number; baseline: number } | null;
  /** The (seasonally adjusted) aggregate of the pre-fix window; null without its samples, data or profile. */
  preFixValue: number | null;
  /** Finite samples aggregated in the window. */
  samples: number;
  /** NaN/±Inf samples dropped from the window. */
  droppedSamples: number;
  /** metSince after this check. */
  metSince: Millis | null;
  /** Why the verdict is error/no_data/pending, in words; null otherwise. */
  error: string | null;
  /** One plain sentence explaining the verdict, checkable against a graph (docs/scoring.md, "Reasons"). */
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

/** A metric's pre-fix window judged against its goal: the aggregate before the fix shipped (improved_before_fix). */
export interface PreFixMeasurement {
  value: number;
  goal: number;
  direction: Direction;
  windowStart: Millis;
  windowEnd: Millis;
}

export interface ActionOutcomeInput {
  at: Millis;
  action: ActionSnapshot;
  /**
   * Per metric: the timings of its definition, its track, and its pre-fix measurement — given only when it was
   * measured for the action's current implementedAt (null otherwise).
   */
  metrics: Array<{ definition: SuccessMetricTimings; track: MetricTrack; preFix: PreFixMeasurement | null }>;
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
