import type { CloudClient } from 'jira.js';
import {
  TrackerError,
  type SearchProgress,
  type TrackerClient,
  type TrackerIssue,
  type TrackerType,
} from '../tracker-client';
import { toTrackerError } from './jira-error.mapper';
import { loadJiraJs } from './jira-js';
import { configuredReopen, reopenTransitionId } from './jira-reopen';
import { jiraIssueKey } from './jira-issue-key';
import { JIRA_ISSUE_FIELDS, toTrackerIssue } from './jira-issue.mapper';
import type { JiraTrackerConfig } from './jira-tracker.config';
import { markdownToAdf } from './markdown-to-adf';

const DEFAULT_TIMEOUT_MS = 30_000;
const PAGE_SIZE = 100;

/**
 * A Jira Cloud site through jira.js (REST API v3, Basic auth with an API token). Rate limits are
 * not waited out here: a 429 fails at once as `rate_limited` with Jira's Retry-After, so the
 * caller's outbox decides when to come back.
 */
export class JiraTrackerClient implements TrackerClient {
  readonly type: TrackerType = 'jira';
  readonly name: string;
  private readonly siteUrl: string;
  private readonly reopenTransition: string | undefined;
  private readonly timeoutMs: number;
  // Holds the credentials in its closure; kept out of enumerable fields so the client serialises
  // without them.
  private readonly jira: () => Promise<CloudClient>;

  constructor(config: JiraTrackerConfig) {
    this.name = config.name;
    this.siteUrl = config.url.replace(/\/+$/, '');
    this.reopenTransition = config.reopenTransition;
    this.timeoutMs = config.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!config.email)
      throw new TrackerError(config.name, 'refused', 'Jira Cloud needs the account email with the API token');
    const options = {
      host: this.siteUrl,
      auth: { type: 'basic' as const, email: config.email, apiToken: config.token },
    };
    let client: Promise<CloudClient> | undefined;
    this.jira = () => (client ??= loadJiraJs().then((jiraJs) => jiraJs.createCloudClient(options)));
  }

  async getIssue(key: string): Promise<TrackerIssue | null> {
    key = jiraIssueKey(this.name, key);
    try {
      const bean = await this.call(`get ${key}`, async () =>
        (await this.jira()).issues.getIssue({ issueIdOrKey: key, fields: JIRA_ISSUE_FIELDS }),
      );
      return toTrackerIssue(this.siteUrl, bean);
    } catch (error) {
      if (error instanceof TrackerError && error.kind === 'not_found') return null;
      throw error;
    }
  }

  async *search(jql: string, onProgress?: (progress: SearchProgress) => void): AsyncIterable<TrackerIssue> {
    let nextPageToken: string | undefined;
    let read = 0;
    do {
      const page = await this.call('search', async () =>
        (await this.jira()).issueSearch.searchAndReconsileIssuesUsingJqlPost({
          jql,
          fields: JIRA_ISSUE_FIELDS,
          maxResults: PAGE_SIZE,
          nextPageToken,
        }),
      );
      const issues = page.issues ?? [];
      read += issues.length;
      // Enhanced search gives no total; the count is only known once the last page is read.
      onProgress?.({ read, total: page.nextPageToken ? null : read });
      for (const bean of issues) yield toTrackerIssue(this.siteUrl, bean);
      nextPageToken = page.nextPageToken ?? undefined;
    } while (nextPageToken);
  }

  /** Looks for the marker in each comment's document as Jira stores it (ADF: the marker is a text node's). */
  async hasComment(key: string, marker: string): Promise<boolean> {
    key = jiraIssueKey(this.name, key);
    for (let startAt = 0; ;) {
      const page = await this.call(`comments of ${key}`, async () =>
        (await this.jira()).issueComments.getComments({ issueIdOrKey: key, startAt, maxResults: PAGE_SIZE }),
      );
      const comments = page.comments ?? [];
      // The marker as it reads inside the document's JSON (its text node's string).
      const encoded = JSON.stringify(marker).slice(1, -1);
      if (comments.some((c) => JSON.stringify(c.body ?? '').includes(encoded))) return true;
      startAt += comments.length;
      if (comments.length === 0 || startAt >= (page.total ?? 0)) return false;
    }
  }

  async comment(key: string, markdown: string): Promise<void> {
    key = jiraIssueKey(this.name, key);
    await this.call(`comment on ${key}`, async () =>
      (await this.jira()).issueComments.addComment({ issueIdOrKey: key, body: { ...markdownToAdf(markdown) } }),
    );
  }

  async addLabel(key: string, label: string): Promise<void> {
    key = jiraIssueKey(this.name, key);
    // Jira labels are single words; refusing here names the problem better than Jira's 400.
    if (!/^\S+$/.test(label)) throw new TrackerError(this.name, 'refused', `label "${label}" has spaces`);
    await this.call(`label ${key}`, async () =>
      (await this.jira()).issues.editIssue({ issueIdOrKey: key, update: { labels: [{ add: label }] } }),
    );
  }

  async reopen(key: string): Promise<void> {
    key = jiraIssueKey(this.name, key);
    const wanted = configuredReopen(this.name, this.reopenTransition);
    const { transitions = [] } = await this.call(`transitions of ${key}`, async () =>
      (await this.jira()).issues.getTransitions({ issueIdOrKey: key }),
    );
    const id = reopenTransitionId(this.name, key, wanted, transitions);
    await this.call(`reopen ${key}`, async () =>
      (await this.jira()).issues.doTransition({ issueIdOrKey: key, transition: { id } }),
    );
  }

  /** Runs one request with the timeout, mapping every failure to a TrackerError. */
  private async call<T>(action: string, request: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    // jira.js takes no AbortSignal: on timeout the request is left to finish unobserved.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new TrackerError(this.name, 'unavailable', `${action}: no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([request(), timeout]);
    } catch (error) {
      throw toTrackerError(this.name, action, error, await loadJiraJs());
    } finally {
      clearTimeout(timer);
    }
  }
}
