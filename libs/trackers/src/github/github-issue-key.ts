import { DomainError } from '@app/domain';
import { parseIssueKey } from '../rules/issue-key';
import { TrackerError } from '../tracker-client';

/** Where a GitHub issue lives; a key that is not `owner/repo#123` is refused before any request. */
export function githubIssueKey(tracker: string, key: string): { owner: string; repo: string; number: number } {
  try {
    const parsed = parseIssueKey('github', key);
    if (parsed.type !== 'github') throw new Error('unreachable: a GitHub key parsed as another kind');
    return parsed;
  } catch (error) {
    if (error instanceof DomainError) throw new TrackerError(tracker, 'refused', error.message);
    throw error;
  }
}
