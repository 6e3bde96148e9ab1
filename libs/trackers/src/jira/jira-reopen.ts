import { TrackerError } from '../tracker-client';

/** A transition as Jira lists those an issue can take from its current status. */
export interface JiraTransition {
  id?: string;
  name?: string;
}

/** Refused before any request when no reopen transition is configured for the tracker. */
export function configuredReopen(tracker: string, wanted: string | undefined): string {
  if (!wanted) throw new TrackerError(tracker, 'refused', `no reopen transition is configured for ${tracker}`);
  return wanted;
}

/**
 * The id of the configured reopen transition among those the issue can take now (names compared
 * ignoring case, as sites capitalise them freely); refused, listing the available ones, if absent.
 */
export function reopenTransitionId(
  tracker: string,
  key: string,
  wanted: string,
  transitions: readonly JiraTransition[],
): string {
  const transition = transitions.find((t) => t.name?.toLowerCase() === wanted.toLowerCase());
  if (transition?.id) return transition.id;
  const available = transitions.map((t) => t.name).join(', ') || 'none';
  throw new TrackerError(
    tracker,
    'refused',
    `${key} has no transition "${wanted}" from its current status (available: ${available})`,
  );
}
