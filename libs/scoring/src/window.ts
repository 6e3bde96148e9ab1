import type { MetricSpec, Millis } from './scoring.types';

export interface CheckWindow {
  start: Millis;
  end: Millis;
  /** Too early to judge the fix: less than half an evaluation window of post-fix data. */
  pending: boolean;
}

export interface TimeRange {
  start: Millis;
  end: Millis;
}

/**
 * The rule (docs/scoring.md, "Windows, steps and slots"): [T − evaluationWindow, T], but once the fix has shipped
 * (implementedAt ≤ T) it starts no earlier than implementedAt, so only post-fix data judges the fix. Pending while
 * T − implementedAt < evaluationWindow / 2 — exactly half a window is enough. Before the fix ships (or with no
 * implementedAt) the check is not pending: open and in-progress actions are scored too.
 */
export function checkWindow(
  at: Millis,
  spec: Pick<MetricSpec, 'evaluationWindowMs'>,
  implementedAt: Millis | null,
): CheckWindow {
  const trailingStart = at - spec.evaluationWindowMs;
  const shipped = implementedAt !== null && implementedAt <= at;
  if (!shipped) return { start: trailingStart, end: at, pending: false };
  return {
    start: Math.max(trailingStart, implementedAt),
    end: at,
    pending: at - implementedAt < spec.evaluationWindowMs / 2,
  };
}

/** The baseline range (docs/scoring.md, "Windows, steps and slots"): [baselineEnd − baselineWindow, baselineEnd]. */
export function baselineRange(spec: Pick<MetricSpec, 'baselineEnd' | 'baselineWindowMs'>): TimeRange {
  return { start: spec.baselineEnd - spec.baselineWindowMs, end: spec.baselineEnd };
}

/**
 * The pre-fix window (docs/scoring.md, "Flags", improved_before_fix): [implementedAt − evaluationWindow, implementedAt],
 * the same length as a check's window, ending where post-fix data begins.
 */
export function preFixRange(spec: Pick<MetricSpec, 'evaluationWindowMs'>, implementedAt: Millis): TimeRange {
  return { start: implementedAt - spec.evaluationWindowMs, end: implementedAt };
}
