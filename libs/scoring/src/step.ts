import type { MetricSpec, Millis } from './scoring.types';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A range query returns at most this many points per series at the default step (`step`, see docs/scoring.md,
 * "Windows, steps and slots").
 */
export const MAX_POINTS = 1_000;

/** Steps a person would pick, ascending; past a day the step is a whole number of days. */
export const NICE_STEPS_MS: readonly Millis[] = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
];

/**
 * The smallest nice step at which a range query over `rangeMs` returns at most 1,000 points.
 * A Prometheus range query over [start, end] at step s returns the points start, start + s, … ≤ end:
 * ⌊range / s⌋ + 1 of them, so the step must satisfy range < 1,000 · s.
 */
export function defaultStepMs(rangeMs: Millis): Millis {
  if (!(rangeMs >= 0) || !Number.isFinite(rangeMs))
    throw new RangeError(`range must be a finite, non-negative duration, got ${rangeMs}`);
  const fits = (step: Millis): boolean => rangeMs < MAX_POINTS * step;
  const nice = NICE_STEPS_MS.find(fits);
  if (nice !== undefined) return nice;
  return (Math.floor(rangeMs / (MAX_POINTS * DAY)) + 1) * DAY;
}

/** The metric's own step when set, else the default for the range. */
export function effectiveStepMs(spec: Pick<MetricSpec, 'stepMs'>, rangeMs: Millis): Millis {
  return spec.stepMs ?? defaultStepMs(rangeMs);
}
