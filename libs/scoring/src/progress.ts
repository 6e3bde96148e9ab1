import type { Direction } from '@app/domain';

/** The goal is reached: at or below it for `decrease`, at or above it for `increase`. */
export function isMet(direction: Direction, value: number, goal: number): boolean {
  return direction === 'decrease' ? value <= goal : value >= goal;
}

/** The largest number below 1: progress is exactly 1 only when the goal is met. */
const JUST_BELOW_ONE = 1 - Number.EPSILON / 2;

/**
 * The rule (docs/scoring.md, "Goal and progress"): (baseline − value) / (baseline − goal) for `decrease`, mirrored for
 * `increase` ((value − baseline) / (goal − baseline)), clamped to [0, 1], and 1 when the goal is met.
 *
 * Degenerate goals: when the goal is not strictly better than the baseline (baseline == goal, or an
 * absolute target the baseline already met) there is no distance to cover: progress is 1 when the
 * value meets the goal and 0 otherwise. Short of the goal the result stays below 1 even where
 * floating-point rounding would say 1, so "progress 1" always means "goal reached".
 */
export function progress(direction: Direction, baseline: number, goal: number, value: number): number {
  if (isMet(direction, value, goal)) return 1;
  const sign = direction === 'decrease' ? 1 : -1;
  const distance = sign * (baseline - goal);
  if (!(distance > 0)) return 0;
  const covered = sign * (baseline - value);
  return Math.min(Math.max(covered / distance, 0), JUST_BELOW_ONE);
}
