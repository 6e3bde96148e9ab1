import { createHash } from 'node:crypto';

/** An issue (or pull request) as the fake keeps it, independent of the URL it is served under. */
export interface StoredIssue {
  id: number;
  owner: string;
  repo: string;
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  milestoneDueOn: Date | null;
  pullRequest: boolean;
  comments: StoredComment[];
}

export interface StoredComment {
  id: number;
  body: string;
  createdAt: Date;
  author: string;
}

/** Where objects point: the API origin (with `/api/v3` on Enterprise Server) and the web origin. */
export interface GitHubUrls {
  api: string;
  web: string;
}

/** The account that reported issues in the fake; comments come from the token's own account. */
export const REPORTER = 'octo-reporter';
export const TOKEN_OWNER = 'remediation-bot';

export function userObject(login: string, urls: GitHubUrls): Record<string, unknown> {
  const id = numericId(login);
  const api = `${urls.api}/users/${login}`;
  return {
    login,
    id,
    node_id: `MDQ6VXNlcj${id}`,
    avatar_url: `${urls.web}/avatars/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${urls.web}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: login.endsWith('-bot') ? 'Bot' : 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

export function labelObject(owner: string, repo: string, name: string, urls: GitHubUrls): Record<string, unknown> {
  const id = numericId(`${owner}/${repo}:${name}`);
  return {
    id,
    node_id: `LA_kwDO${id}`,
    url: `${urls.api}/repos/${owner}/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    description: null,
    color: createHash('sha1').update(name).digest('hex').slice(0, 6),
    default: false,
  };
}

function milestoneObject(issue: StoredIssue, dueOn: Date, urls: GitHubUrls): Record<string, unknown> {
  const id = numericId(`${issue.owner}/${issue.repo}:milestone:${dueOn.toISOString()}`);
  const repoApi = `${urls.api}/repos/${issue.owner}/${issue.repo}`;
  return {
    url: `${repoApi}/milestones/1`,
    html_url: `${urls.web}/${issue.owner}/${issue.repo}/milestone/1`,
    labels_url: `${repoApi}/milestones/1/labels`,
    id,
    node_id: `MI_kwDO${id}`,
    number: 1,
    state: 'open',
    title: `Due ${dueOn.toISOString().slice(0, 10)}`,
    description: null,
    creator: userObject(REPORTER, urls),
    open_issues: 1,
    closed_issues: 0,
    created_at: iso(issue.createdAt),
    updated_at: iso(issue.createdAt),
    closed_at: null,
    due_on: iso(dueOn),
  };
}

/** The fields GET /repos/{owner}/{repo}/issues/{n} and the search share. */
export function issueObject(issue: StoredIssue, urls: GitHubUrls): Record<string, unknown> {
  const repoApi = `${urls.api}/repos/${issue.owner}/${issue.repo}`;
  const api = `${repoApi}/issues/${issue.number}`;
  const kind = issue.pullRequest ? 'pull' : 'issues';
  return {
    id: issue.id,
    node_id: `${issue.pullRequest ? 'PR' : 'I'}_kwDO${issue.id}`,
    url: api,
    repository_url: repoApi,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${urls.web}/${issue.owner}/${issue.repo}/${kind}/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: userObject(REPORTER, urls),
    labels: issue.labels.map((name) => labelObject(issue.owner, issue.repo, name, urls)),
    assignee: null,
    assignees: [],
    milestone: issue.milestoneDueOn ? milestoneObject(issue, issue.milestoneDueOn, urls) : null,
    locked: false,
    active_lock_reason: null,
    comments: issue.comments.length,
    ...(issue.pullRequest
      ? {
          pull_request: {
            url: `${repoApi}/pulls/${issue.number}`,
            html_url: `${urls.web}/${issue.owner}/${issue.repo}/pull/${issue.number}`,
            diff_url: `${urls.web}/${issue.owner}/${issue.repo}/pull/${issue.number}.diff`,
            patch_url: `${urls.web}/${issue.owner}/${issue.repo}/pull/${issue.number}.patch`,
            merged_at: null,
          },
          draft: false,
        }
      : {}),
    closed_at: issue.closedAt ? iso(issue.closedAt) : null,
    created_at: iso(issue.createdAt),
    updated_at: iso(issue.updatedAt),
    closed_by: issue.state === 'closed' ? userObject(REPORTER, urls) : null,
    author_association: 'MEMBER',
    timeline_url: `${api}/timeline`,
    performed_via_github_app: null,
    reactions: reactionsObject(`${api}/reactions`),
  };
}

export function searchItemObject(issue: StoredIssue, urls: GitHubUrls): Record<string, unknown> {
  const { closed_by: _closedBy, ...item } = issueObject(issue, urls);
  return { ...item, score: 1 };
}

export function commentObject(issue: StoredIssue, comment: StoredComment, urls: GitHubUrls): Record<string, unknown> {
  const repoApi = `${urls.api}/repos/${issue.owner}/${issue.repo}`;
  return {
    id: comment.id,
    node_id: `IC_kwDO${comment.id}`,
    url: `${repoApi}/issues/comments/${comment.id}`,
    html_url: `${urls.web}/${issue.owner}/${issue.repo}/issues/${issue.number}#issuecomment-${comment.id}`,
    body: comment.body,
    user: userObject(comment.author, urls),
    created_at: iso(comment.createdAt),
    updated_at: iso(comment.createdAt),
    issue_url: `${repoApi}/issues/${issue.number}`,
    author_association: 'NONE',
    performed_via_github_app: null,
    reactions: reactionsObject(`${repoApi}/issues/comments/${comment.id}/reactions`),
  };
}

function reactionsObject(url: string): Record<string, unknown> {
  return { url, total_count: 0, '+1': 0, '-1': 0, laugh: 0, confused: 0, heart: 0, hooray: 0, eyes: 0, rocket: 0 };
}

/** GitHub's timestamps: ISO 8601 in UTC without milliseconds. */
export function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A stable positive id for a name, so the same user or label keeps its id across responses. */
export function numericId(name: string): number {
  return createHash('sha1').update(name).digest().readUInt32BE(0) % 1_000_000_000;
}
