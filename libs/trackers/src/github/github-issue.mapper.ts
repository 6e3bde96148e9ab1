import type { TrackerIssue } from '../tracker-client';
import { githubCloseReason } from '../rules/close-reason';
import { parseIssueKey } from '../rules/issue-key';

/** The fields of a GitHub issue (REST `issue` or search item) the service reads. */
export interface GitHubIssueFields {
  number: number;
  repository_url: string;
  html_url: string;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  created_at: string;
  closed_at: string | null;
  milestone: { due_on: string | null } | null;
  labels: Array<string | { name?: string }>;
  pull_request?: unknown;
}

/** A search item or issue is a pull request when GitHub says so; those are not tracker issues. */
export function isPullRequest(issue: GitHubIssueFields): boolean {
  return issue.pull_request !== undefined && issue.pull_request !== null;
}

export function toTrackerIssue(issue: GitHubIssueFields): TrackerIssue {
  // repository_url ends in /repos/{owner}/{repo}, under any API base (GHES adds /api/v3).
  const [owner, repo] = new URL(issue.repository_url).pathname.split('/').slice(-2).map(decodeURIComponent);
  const closed = issue.state === 'closed';
  return {
    key: parseIssueKey('github', `${owner}/${repo}#${issue.number}`).key,
    url: issue.html_url,
    title: issue.title,
    body: issue.body ?? '',
    state: closed ? 'closed' : 'open',
    closeReason: closed ? githubCloseReason(issue.state_reason) : null,
    createdAt: new Date(issue.created_at),
    closedAt: closed && issue.closed_at ? new Date(issue.closed_at) : null,
    dueAt: issue.milestone?.due_on ? new Date(issue.milestone.due_on) : null,
    labels: issue.labels
      .map((l) => (typeof l === 'string' ? l : l.name))
      .filter((name): name is string => typeof name === 'string'),
    components: [],
    priority: null,
  };
}
