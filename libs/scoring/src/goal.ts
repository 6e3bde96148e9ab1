import type { Direction, MetricTarget } from '@app/domain';

/**
 * The absolute goal a metric must reach (docs/scoring.md, "Goal and progress"). For `decrease` it is the smaller of
 * `target.absolute` and `baseline × (1 − relativePercent/100)` over those given; for `increase`
 * the larger of `target.absolute` and `baseline × (1 + relativePercent/100)`, so when both are
 * given both must hold. Null while a relative target waits for a baseline that is not known yet.
 *
 * The relative step is taken from |baseline|: for the usual non-negative metrics this is exactly
 * the spec's product, and a negative baseline still gets a goal on the better side of it.
 */
export function resolveGoal(direction: Direction, target: MetricTarget, baseline: number | null): number | null {
  const candidates: number[] = [];
  if (isNumber(target.absolute)) candidates.push(target.absolute);
  if (isNumber(target.relativePercent)) {
    if (!isNumber(baseline)) return null;
    const step = (Math.abs(baseline) * target.relativePercent) / 100;
    candidates.push(direction === 'decrease' ? baseline - step : baseline + step);
  }
  if (candidates.length === 0) return null;
  return direction === 'decrease' ? Math.min(...candidates) : Math.max(...candidates);
}

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
