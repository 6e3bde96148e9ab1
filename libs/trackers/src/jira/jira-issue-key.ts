import { DomainError } from '@app/domain';
import { parseIssueKey } from '../rules/issue-key';
import { TrackerError } from '../tracker-client';

/** The key in its one spelling (`PROJ-42`); anything else is refused before any request. */
export function jiraIssueKey(tracker: string, key: string): string {
  try {
    return parseIssueKey('jira', key).key;
  } catch (error) {
    if (error instanceof DomainError) throw new TrackerError(tracker, 'refused', error.message);
    throw error;
  }
}
