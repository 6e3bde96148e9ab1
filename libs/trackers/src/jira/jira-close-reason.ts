import type { CloseReason } from '../tracker-client';

// Resolutions that mean the work was not (and will not be) done. Jira's defaults plus the common
// ones sites add; compared case-insensitively because sites rename their resolutions freely.
const NOT_PLANNED = new Set(["won't do", "won't fix", 'declined', 'duplicate', 'cannot reproduce']);

/**
 * Why a Jira issue is closed, read from its status category and resolution. Open issues have no
 * reason; a done issue without a resolution counts as completed, as the status category says.
 */
export function jiraCloseReason(
  statusCategoryKey: string | undefined,
  resolutionName: string | null | undefined,
): CloseReason | null {
  if (statusCategoryKey !== 'done') return null;
  const resolution = (resolutionName ?? '').trim().toLowerCase().replace(/’/g, "'");
  return NOT_PLANNED.has(resolution) ? 'not_planned' : 'completed';
}
