import { TrackerError } from '../tracker-client';

/** Where a GitHub issue lives: `owner/repo#number`. */
export interface GitHubIssueKey {
  owner: string;
  repo: string;
  number: number;
}

// GitHub's own character rules: an owner is letters, digits and inner single hyphens (plus '_',
// which managed-user accounts on Enterprise carry, as in octocat_acme); a repository name is
// letters, digits, '.', '-', '_', and never '.' or '..', which would walk the URL.
const KEY = /^([A-Za-z0-9_](?:[A-Za-z0-9_]|-(?=[A-Za-z0-9_])){0,99})\/([A-Za-z0-9._-]{1,100})#([1-9][0-9]{0,9})$/;

/** Parses `owner/repo#123`; anything else is refused before a request is made. */
export function parseGitHubIssueKey(tracker: string, key: string): GitHubIssueKey {
  const match = KEY.exec(key);
  if (!match || match[2] === '.' || match[2] === '..' || Number(match[3]) > 2_147_483_647)
    throw new TrackerError(
      tracker,
      'refused',
      `"${key.slice(0, 200)}" is not a GitHub issue key: expected owner/repo#number, e.g. acme/checkout#123`,
    );
  return { owner: match[1], repo: match[2], number: Number(match[3]) };
}

export function formatGitHubIssueKey(key: GitHubIssueKey): string {
  return `${key.owner}/${key.repo}#${key.number}`;
}
