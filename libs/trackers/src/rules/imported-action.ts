import type { OpenActionRequest } from '@app/domain';
import type { TrackerIssue } from '../tracker-client';
import { clippedText } from './clipped-text';
import { issuePriority } from './issue-priority';
import { issueServices } from './issue-services';
import { issueTeam, type TeamMapping } from './issue-team';

// An action's own limits (see the action's fields in docs/api.md).
export const MAX_IMPORTED_TITLE = 200;
export const MAX_IMPORTED_DESCRIPTION = 100_000;
const DESCRIPTION_CUT = '\n\n… (cut: the full text is in the issue)';

/**
 * The action an issue becomes on import (docs/trackers.md, "Import"): opened when the issue was
 * created, with its title, body, due date and labels. An issue closed as not planned is imported
 * as `wont_fix` at its close time, as the same close would move a linked action; any other closed
 * issue as `implemented` at its close time. The request still goes through `openAction`, which
 * dates each move and refuses what the workflow refuses.
 */
export function importedAction(issue: TrackerIssue, mapping: TeamMapping): OpenActionRequest {
  const priority = issuePriority(issue);
  return {
    title: clippedText(issue.title.trim() || issue.key, MAX_IMPORTED_TITLE),
    description: clippedText(issue.body, MAX_IMPORTED_DESCRIPTION, DESCRIPTION_CUT),
    ownerTeam: issueTeam(issue, mapping),
    ...(priority ? { priority } : {}),
    services: issueServices(issue.labels),
    externalRef: issue.url,
    openedAt: issue.createdAt,
    // A due date before the issue existed is a slip in the tracker: the priority's SLO applies.
    ...(issue.dueAt && issue.dueAt >= issue.createdAt ? { dueAt: issue.dueAt } : {}),
    ...statusOf(issue),
  };
}

// Always a status, even `open`: openAction then dates the action's creation in its history at
// openedAt, as for any imported action item, rather than at the time of the import.
function statusOf(issue: TrackerIssue): Partial<OpenActionRequest> {
  if (issue.state !== 'closed') return { status: 'open' };
  const at = issue.closedAt ?? undefined;
  if (issue.closeReason === 'not_planned') return { status: 'wont_fix', closedAt: at };
  return { status: 'implemented', implementedAt: at };
}
