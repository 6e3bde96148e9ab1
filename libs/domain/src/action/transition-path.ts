import { allowedTransitions } from './action-workflow';
import type { ActionStatus } from '../types';

/**
 * The shortest chain of allowed moves from `from` to `to`, without `from` itself ([] when they are
 * the same), or null when the workflow has none. An action brought to a later status in one call
 * (an import) passes through every state in between, each one audited as a person's move would be.
 */
export function transitionPath(from: ActionStatus, to: ActionStatus): ActionStatus[] | null {
  const cameFrom = new Map<ActionStatus, ActionStatus>();
  const queue: ActionStatus[] = [from];
  const seen = new Set<ActionStatus>([from]);
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (current === to) return walkBack(cameFrom, from, to);
    for (const next of allowedTransitions(current)) {
      if (seen.has(next)) continue;
      seen.add(next);
      cameFrom.set(next, current);
      queue.push(next);
    }
  }
  return null;
}

function walkBack(cameFrom: Map<ActionStatus, ActionStatus>, from: ActionStatus, to: ActionStatus): ActionStatus[] {
  const path: ActionStatus[] = [];
  for (let at = to; at !== from; at = cameFrom.get(at)!) path.unshift(at);
  return path;
}
