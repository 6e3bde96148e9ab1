import type { ActionStatus } from '../types';

/**
 * The corrective-action workflow. `verified` is reached by the scorer (telemetry) or, for an
 * action without success metrics, by a person with a note; see `checkTransition`.
 */
const NEXT: Record<ActionStatus, readonly ActionStatus[]> = {
  open: ['in_progress', 'wont_fix'],
  in_progress: ['implemented', 'wont_fix'],
  // implemented → in_progress: the fix was rolled back.
  implemented: ['verified', 'in_progress', 'wont_fix'],
  // verified → in_progress: reopened after a regression.
  verified: ['in_progress'],
  wont_fix: [],
};

export const TERMINAL_STATUSES: readonly ActionStatus[] = ['verified', 'wont_fix'];

export function isTerminal(status: ActionStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function allowedTransitions(from: ActionStatus): readonly ActionStatus[] {
  return NEXT[from];
}

export type TransitionActor = 'person' | 'scorer';

export type TransitionCheck =
  | { ok: true }
  | { ok: false; reason: 'forbidden'; allowed: readonly ActionStatus[] }
  | { ok: false; reason: 'has_metrics' | 'note_required' };

/**
 * Whether `actor` may move an action from `from` to `to`. A person may set `verified` only on an
 * action with no success metric, and must give a note; with metrics, only the scorer verifies.
 */
export function checkTransition(
  from: ActionStatus,
  to: ActionStatus,
  context: { actor: TransitionActor; metricCount: number; hasNote: boolean },
): TransitionCheck {
  const allowed = allowedTransitions(from);
  if (!allowed.includes(to)) return { ok: false, reason: 'forbidden', allowed };
  if (to === 'verified' && context.actor === 'person') {
    if (context.metricCount > 0) return { ok: false, reason: 'has_metrics' };
    if (!context.hasNote) return { ok: false, reason: 'note_required' };
  }
  return { ok: true };
}

/** The transitions a person may make from `from`, for error messages. */
export function transitionsForPerson(from: ActionStatus, metricCount: number): ActionStatus[] {
  return allowedTransitions(from).filter((to) => to !== 'verified' || metricCount === 0);
}
