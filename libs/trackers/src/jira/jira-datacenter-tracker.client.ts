import {
  TrackerError,
  type SearchProgress,
  type TrackerClient,
  type TrackerIssue,
  type TrackerType,
} from '../tracker-client';
import { httpTrackerError } from './jira-error.mapper';
import { jiraIssueKey } from './jira-issue-key';
import { configuredReopen, reopenTransitionId, type JiraTransition } from './jira-reopen';
import { JIRA_ISSUE_FIELDS, toTrackerIssue, type JiraIssueBean } from './jira-issue.mapper';
import type { JiraTrackerConfig } from './jira-tracker.config';
import { markdownToWiki } from './markdown-to-wiki';

const DEFAULT_TIMEOUT_MS = 30_000;
const PAGE_SIZE = 100;

/**
 * A Jira Data Center site over its REST API v2 with plain fetch: jira.js speaks Cloud only. Data
 * Center differs where it matters here: a personal access token as Bearer auth, wiki markup for
 * comments and descriptions, and offset (startAt) pagination with a total.
 */
export class JiraDataCenterTrackerClient implements TrackerClient {
  readonly type: TrackerType = 'jira';
  readonly name: string;
  private readonly siteUrl: string;
  private readonly reopenTransition: string | undefined;
  private readonly timeoutMs: number;
  // A function rather than a field, so the client serialises without the token.
  private readonly authorization: () => string;

  constructor(config: JiraTrackerConfig) {
    this.name = config.name;
    this.siteUrl = config.url.replace(/\/+$/, '');
    this.reopenTransition = config.reopenTransition;
    this.timeoutMs = config.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const header = `Bearer ${config.token}`;
    this.authorization = () => header;
  }

  async getIssue(key: string): Promise<TrackerIssue | null> {
    key = jiraIssueKey(this.name, key);
    try {
      const bean = await this.request<JiraIssueBean>(
        `get ${key}`,
        'GET',
        `/issue/${key}?fields=${JIRA_ISSUE_FIELDS.join(',')}`,
      );
      return toTrackerIssue(this.siteUrl, bean);
    } catch (error) {
      if (error instanceof TrackerError && error.kind === 'not_found') return null;
      throw error;
    }
  }

  async *search(jql: string, onProgress?: (progress: SearchProgress) => void): AsyncIterable<TrackerIssue> {
    let startAt = 0;
    for (;;) {
      const page = await this.request<{ issues?: JiraIssueBean[]; total?: number }>('search', 'POST', '/search', {
        jql,
        startAt,
        maxResults: PAGE_SIZE,
        fields: JIRA_ISSUE_FIELDS,
      });
      const issues = page.issues ?? [];
      startAt += issues.length;
      onProgress?.({ read: startAt, total: page.total ?? null });
      for (const bean of issues) yield toTrackerIssue(this.siteUrl, bean);
      if (issues.length === 0 || (page.total !== undefined && startAt >= page.total)) return;
    }
  }

  /** Looks for the marker as `comment` writes it: converted to wiki markup, which escapes its punctuation. */
  async hasComment(key: string, marker: string): Promise<boolean> {
    key = jiraIssueKey(this.name, key);
    const written = markdownToWiki(marker).trim();
    for (let startAt = 0; ;) {
      const page = await this.request<{ comments?: Array<{ body?: string }>; total?: number }>(
        `comments of ${key}`,
        'GET',
        `/issue/${key}/comment?startAt=${startAt}&maxResults=${PAGE_SIZE}`,
      );
      const comments = page.comments ?? [];
      if (comments.some((c) => c.body?.includes(written))) return true;
      startAt += comments.length;
      if (comments.length === 0 || startAt >= (page.total ?? 0)) return false;
    }
  }

  async comment(key: string, markdown: string): Promise<void> {
    key = jiraIssueKey(this.name, key);
    await this.request(`comment on ${key}`, 'POST', `/issue/${key}/comment`, { body: markdownToWiki(markdown) });
  }

  async addLabel(key: string, label: string): Promise<void> {
    key = jiraIssueKey(this.name, key);
    if (!/^\S+$/.test(label)) throw new TrackerError(this.name, 'refused', `label "${label}" has spaces`);
    await this.request(`label ${key}`, 'PUT', `/issue/${key}`, { update: { labels: [{ add: label }] } });
  }

  async reopen(key: string): Promise<void> {
    key = jiraIssueKey(this.name, key);
    const wanted = configuredReopen(this.name, this.reopenTransition);
    const { transitions = [] } = await this.request<{ transitions?: JiraTransition[] }>(
      `transitions of ${key}`,
      'GET',
      `/issue/${key}/transitions`,
    );
    const id = reopenTransitionId(this.name, key, wanted, transitions);
    await this.request(`reopen ${key}`, 'POST', `/issue/${key}/transitions`, { transition: { id } });
  }

  private async request<T>(action: string, method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.siteUrl}/rest/api/2${path}`, {
        method,
        headers: {
          accept: 'application/json',
          authorization: this.authorization(),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      // AbortSignal.timeout rejects with a DOMException, which is not always an Error of this realm.
      const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
      const reason = timedOut ? `no answer within ${this.timeoutMs} ms` : 'Jira unreachable';
      throw new TrackerError(this.name, 'unavailable', `${action}: ${reason}`);
    }
    const text = await response.text().catch(() => '');
    const parsed = parseJson(text);
    if (!response.ok) {
      throw httpTrackerError(this.name, action, response.status, response.headers.get('retry-after'), parsed);
    }
    return parsed as T;
  }
}

// An error page from a proxy in front of Jira is HTML; the status still says what happened.
function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
