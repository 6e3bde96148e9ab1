import { isTerminal, transitionPath, type ActionStatus, type DatedTransition } from '@app/domain';
import type { CloseReason } from '../tracker-client';

/** What happened to a linked issue, as a webhook (or a poll) tells it. */
export type TrackerEvent = { kind: 'closed'; reason: CloseReason | null; at: Date } | { kind: 'reopened'; at: Date };

/** Where a reopened issue puts its action back, from the statuses that say the fix was done. */
const REOPENS: readonly ActionStatus[] = ['implemented', 'verified'];

/**
 * The workflow moves a tracker event applies to an action now at `current`, in order, each at the
 * event's time (docs/trackers.md, "Status"). The workflow itself (libs/domain) decides the path, so
 * an action still `open` passes through `in_progress`. An empty list: nothing to do.
 * - closed as completed, or without a reason: `implemented` (implementedAt = the close), never
 *   `verified`, which only telemetry or a person gives; nothing if already implemented or verified;
 * - closed as not planned: `wont_fix` from any non-terminal status;
 * - reopened: `in_progress` from implemented or verified; nothing from open or in_progress;
 * - nothing, ever, from `wont_fix`: it is terminal, and a person decides whether to take it up again.
 */
export function statusChangeFor(current: ActionStatus, event: TrackerEvent): DatedTransition[] {
  const target = targetOf(current, event);
  if (target === null || target === current) return [];
  const path = transitionPath(current, target) ?? [];
  return path.map((to) =>
    to === 'implemented' ? { to, at: event.at, implementedAt: event.at } : { to, at: event.at },
  );
}

function targetOf(current: ActionStatus, event: TrackerEvent): ActionStatus | null {
  if (event.kind === 'reopened') return REOPENS.includes(current) ? 'in_progress' : null;
  if (isTerminal(current)) return null;
  return event.reason === 'not_planned' ? 'wont_fix' : 'implemented';
}
