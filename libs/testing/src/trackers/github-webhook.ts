import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import {
  type GitHubUrls,
  issueObject,
  labelObject,
  numericId,
  REPORTER,
  type StoredIssue,
  userObject,
} from './github-objects';
import { describeErrors, OpenApiDescription } from './openapi-description';

const WEBHOOKS_DESCRIPTION = join(
  process.cwd(),
  'node_modules/@octokit/openapi-webhooks/generated/api.github.com.json',
);
const GITHUB_COM: GitHubUrls = { api: 'https://api.github.com', web: 'https://github.com' };

export type IssuesWebhookAction = 'opened' | 'closed' | 'reopened' | 'edited' | 'labeled' | 'unlabeled';

export interface WebhookDelivery {
  headers: Record<string, string>;
  /** The exact text that was signed: send it as is. */
  body: string;
}

export interface WebhookOptions {
  secret: string;
  deliveryId?: string;
  hookId?: number;
  /** For labeled/unlabeled: the label the event is about (default: the issue's last label). */
  label?: string;
}

/**
 * An `issues` webhook delivery as GitHub sends it: the payload is checked against GitHub's webhook
 * description (@octokit/openapi-webhooks) before it is returned, and signed with the secret the
 * way GitHub signs (`X-Hub-Signature-256: sha256=<hex HMAC>`, GitHub's own `sign`).
 */
export async function githubWebhook(
  event: 'issues',
  action: IssuesWebhookAction,
  issue: StoredIssue,
  options: WebhookOptions,
): Promise<WebhookDelivery> {
  const payload = {
    action,
    issue: issueObject(issue, GITHUB_COM),
    ...(action === 'labeled' || action === 'unlabeled'
      ? { label: labelObject(issue.owner, issue.repo, options.label ?? issue.labels.at(-1) ?? 'label', GITHUB_COM) }
      : {}),
    repository: repositoryObject(issue, GITHUB_COM),
    sender: userObject(REPORTER, GITHUB_COM),
  };
  const schema = `webhook-${event}-${action}`;
  const validate = OpenApiDescription.load(WEBHOOKS_DESCRIPTION).schemaAt(`/components/schemas/${schema}`);
  if (!validate(payload))
    throw new Error(
      `the ${schema} payload departs from GitHub's description: ${describeErrors(validate.errors).join('; ')}`,
    );
  const body = JSON.stringify(payload);
  return {
    headers: {
      'content-type': 'application/json',
      'User-Agent': 'GitHub-Hookshot/3f2a1b9',
      'X-GitHub-Event': event,
      'X-GitHub-Delivery': options.deliveryId ?? randomUUID(),
      'X-GitHub-Hook-ID': String(options.hookId ?? 123456789),
      'X-GitHub-Hook-Installation-Target-Type': 'repository',
      'X-GitHub-Hook-Installation-Target-ID': String(numericId(`${issue.owner}/${issue.repo}`)),
      'X-Hub-Signature-256': await sign(options.secret, body),
    },
    body,
  };
}

function repositoryObject(issue: StoredIssue, urls: GitHubUrls): Record<string, unknown> {
  const fullName = `${issue.owner}/${issue.repo}`;
  const api = `${urls.api}/repos/${fullName}`;
  const id = numericId(fullName);
  const at = '2024-01-15T09:00:00Z';
  return {
    id,
    node_id: `R_kgDO${id}`,
    name: issue.repo,
    full_name: fullName,
    private: true,
    owner: userObject(issue.owner, urls),
    html_url: `${urls.web}/${fullName}`,
    description: null,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://github.com/${fullName}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@github.com:${fullName}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${urls.web}/${fullName}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: `${urls.web}/${fullName}`,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 1024,
    default_branch: 'main',
    open_issues_count: 1,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'private',
    pushed_at: at,
    created_at: at,
    updated_at: at,
    allow_forking: true,
    web_commit_signoff_required: false,
    license: null,
    forks: 0,
    open_issues: 1,
    watchers: 0,
  };
}
