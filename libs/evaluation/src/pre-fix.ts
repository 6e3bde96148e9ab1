import { parseDuration } from '@app/domain';
import type { SuccessMetricEntity } from '@app/persistence';
import { resolveGoal, type PreFixMeasurement } from '@app/scoring';

type StoredPreFix = Pick<
  SuccessMetricEntity,
  'direction' | 'target' | 'baseline' | 'baselineValue' | 'evaluationWindow' | 'preFixValue' | 'preFixFor'
>;

/**
 * What `improved_before_fix` judges for one metric (docs/scoring.md, "Flags"): the value stored for the
 * window before the fix, with the goal from the frozen baseline. Only a value measured for the action's
 * current implementedAt counts — after implementedAt is corrected the stored one measured another window,
 * and the flag waits for the next check to measure the right one.
 */
export function preFixOf(metric: StoredPreFix, implementedAt: Date | null): PreFixMeasurement | null {
  if (implementedAt === null || metric.preFixValue === null || metric.preFixFor === null) return null;
  if (metric.preFixFor.getTime() !== implementedAt.getTime()) return null;
  const goal = resolveGoal(metric.direction, metric.target, metric.baseline ?? metric.baselineValue);
  if (goal === null) return null;
  const windowEnd = implementedAt.getTime();
  return {
    value: metric.preFixValue,
    goal,
    direction: metric.direction,
    windowStart: windowEnd - parseDuration(metric.evaluationWindow),
    windowEnd,
  };
}
