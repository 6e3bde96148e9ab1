import type { CloseReason } from '../tracker-client';

/**
 * GitHub's `state_reason` of a closed issue. `duplicate` (the work is tracked in another issue) is
 * not this fix: not planned. `reopened`, null and reasons GitHub may add later say nothing.
 */
export function githubCloseReason(stateReason: unknown): CloseReason | null {
  if (stateReason === 'completed') return 'completed';
  if (stateReason === 'not_planned' || stateReason === 'duplicate') return 'not_planned';
  return null;
}

// Jira's resolutions are per site and free to rename: these are the names Jira ships (Cloud and
// Data Center) and their common variants. Anything else is "closed, reason unknown".
const COMPLETED = ['done', 'fixed', 'resolved', 'complete', 'completed'];
const NOT_PLANNED = [
  "won't do",
  "won't fix",
  'wont do',
  'wont fix',
  'duplicate',
  'cannot reproduce',
  "can't reproduce",
  'incomplete',
  'declined',
  'rejected',
  'obsolete',
  'not a bug',
  'abandoned',
];

/** What a Jira resolution name says about why the issue was closed (docs/trackers.md, "Status"). */
export function jiraCloseReason(resolution: string | null | undefined): CloseReason | null {
  if (!resolution) return null;
  const name = resolution.trim().toLowerCase().replaceAll('’', "'").replace(/\s+/g, ' ');
  if (COMPLETED.includes(name)) return 'completed';
  if (NOT_PLANNED.includes(name)) return 'not_planned';
  return null;
}
