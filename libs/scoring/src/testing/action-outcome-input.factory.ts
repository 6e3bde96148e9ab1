import { SUCCESS_METRIC_DEFAULTS, type SuccessMetricTimings } from '@app/domain';
import type {
  ActionOutcomeInput,
  ActionSnapshot,
  MetricTrack,
  PreFixMeasurement,
  ScoringThresholds,
} from '../scoring.types';

/** Builders for the action-level rule specs: a healthy in-progress action, overridden per case. */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const T = Date.UTC(2026, 9, 15);

export const THRESHOLDS: ScoringThresholds = {
  improvingThreshold: 0.05,
  stallAfterMs: 14 * DAY,
  minProgressGain: 0.1,
  regressionChecks: 2,
  watchForMs: 30 * DAY,
};

export function track(overrides: Partial<MetricTrack>): MetricTrack {
  return {
    metricId: 'm1',
    name: 'checkout p99 latency',
    metSince: null,
    recentVerdicts: ['improving', 'improving', 'improving'],
    recentSuccessful: [
      { at: T, verdict: 'improving', progress: 0.5 },
      { at: T - HOUR, verdict: 'improving', progress: 0.4 },
    ],
    bestProgressRecent: 0.5,
    bestProgressBefore: 0.2,
    latestProgress: 0.5,
    ...overrides,
  };
}

type MetricEntry = ActionOutcomeInput['metrics'][number];

/** A metric with a new definition's default timings unless `definition` says otherwise, and no pre-fix measurement. */
export function metric(
  trackOverrides: Partial<MetricTrack> = {},
  definition: Partial<SuccessMetricTimings> = {},
  preFix: PreFixMeasurement | null = null,
): MetricEntry {
  return { definition: { ...SUCCESS_METRIC_DEFAULTS, ...definition }, track: track(trackOverrides), preFix };
}

/** A decrease metric's pre-fix window, the 7 days before `implementedAt`, at `value` against a goal of 400. */
export function preFix(
  value: number,
  implementedAt: number,
  overrides: Partial<PreFixMeasurement> = {},
): PreFixMeasurement {
  return {
    value,
    goal: 400,
    direction: 'decrease',
    windowStart: implementedAt - 7 * DAY,
    windowEnd: implementedAt,
    ...overrides,
  };
}

export function outcomeInput(
  action: Partial<ActionSnapshot> = {},
  metrics: MetricEntry[] = [metric()],
  thresholds: Partial<ScoringThresholds> = {},
): ActionOutcomeInput {
  return {
    at: T,
    action: {
      status: 'in_progress',
      dueAt: T + 10 * DAY,
      statusChangedAt: T - DAY,
      implementedAt: null,
      verifiedAt: null,
      activeFlags: [],
      ...action,
    },
    metrics,
    thresholds: { ...THRESHOLDS, ...thresholds },
  };
}
