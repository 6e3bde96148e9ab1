import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { type SearchProgress, type TrackerClient, TrackerError, type TrackerIssue } from '../tracker-client';
import { toTrackerError } from './github-error.mapper';
import { type GitHubIssueFields, isPullRequest, toTrackerIssue } from './github-issue.mapper';
import { githubIssueKey } from './github-issue-key';

export interface GitHubTrackerOptions {
  name: string;
  /** The API base: https://api.github.com, or https://ghe.example.com/api/v3 for Enterprise Server. */
  url: string;
  token: string;
  /** How long one HTTP attempt may take; a call may make up to three (in-process retries). */
  requestTimeoutMs?: number;
  /** The first in-process retry of a 5xx or network failure waits this long; later ones 4× and 9×. */
  retryBaseMs?: number;
}

/** GitHub search returns at most this many results per query, whatever `total_count` says. */
export const GITHUB_SEARCH_LIMIT = 1000;
/** A rate limit shorter than this is waited out in-process once; longer ones go back to the caller. */
const MAX_IN_PROCESS_WAIT_SECONDS = 3;

const ThrottledOctokit = Octokit.plugin(throttling, retry);

/**
 * A GitHub (or GitHub Enterprise Server) tracker on Octokit. Failures come out as TrackerError;
 * rate limits are not slept through (beyond a few seconds) but returned as `rate_limited` with the
 * wait GitHub asked for, so the caller's outbox retries at the right time.
 */
export class GitHubTrackerClient implements TrackerClient {
  readonly type = 'github' as const;
  readonly name: string;
  private readonly octokit: InstanceType<typeof ThrottledOctokit>;

  constructor(options: GitHubTrackerOptions) {
    this.name = options.name;
    const timeoutMs = options.requestTimeoutMs ?? 30_000;
    const waitBriefly = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number): boolean =>
      retryCount === 0 && retryAfter <= MAX_IN_PROCESS_WAIT_SECONDS;
    this.octokit = new ThrottledOctokit({
      auth: options.token,
      baseUrl: options.url.replace(/\/+$/, ''),
      userAgent: 'remediation-tracker',
      // A timeout per attempt, so that a retry after a slow answer gets a full budget of its own.
      request: {
        fetch: (url: string | URL, init?: RequestInit) =>
          fetch(url, {
            ...init,
            signal: init?.signal
              ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)])
              : AbortSignal.timeout(timeoutMs),
          }),
      },
      // Octokit paces writes per id (one a second, comments every three, as GitHub asks of
      // integrations): clients of the same tracker share that pace.
      throttle: { id: `tracker-${options.name}`, onRateLimit: waitBriefly, onSecondaryRateLimit: waitBriefly },
      // 429 is the throttling handlers' to decide (wait briefly, or hand back rate_limited), not a blip to retry.
      retry: {
        retries: 2,
        retryAfterBaseValue: options.retryBaseMs ?? 500,
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      },
      // Octokit's own log lines never carry the token, but they would bypass the service's logger.
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    });
  }

  async getIssue(key: string): Promise<TrackerIssue | null> {
    const { owner, repo, number } = githubIssueKey(this.name, key);
    try {
      const { data } = await this.octokit.rest.issues.get({ owner, repo, issue_number: number });
      // GitHub serves a pull request under the same number space; it is not an issue to track.
      return isPullRequest(data as GitHubIssueFields) ? null : toTrackerIssue(data as GitHubIssueFields);
    } catch (err) {
      const error = toTrackerError(this.name, `get ${key}`, err);
      if (error.kind === 'not_found') return null;
      throw error;
    }
  }

  /**
   * Every issue the GitHub search query matches, pull requests left out. GitHub serves at most
   * 1,000 results per query: a query matching more fails up front with `refused`, rather than
   * quietly yielding the first thousand. A page GitHub marks incomplete (its search timed out)
   * fails with `unavailable`: the caller retries rather than taking a partial list for the whole.
   */
  async *search(query: string, onProgress?: (progress: SearchProgress) => void): AsyncIterable<TrackerIssue> {
    let read = 0;
    for (let page = 1; ; page++) {
      const data = await this.call(`search ${JSON.stringify(query)} page ${page}`, () =>
        this.octokit.rest.search.issuesAndPullRequests({ q: query, per_page: 100, page }),
      );
      if (data.total_count > GITHUB_SEARCH_LIMIT)
        throw new TrackerError(
          this.name,
          'refused',
          `GitHub search ${JSON.stringify(query)} matches ${data.total_count} issues; ` +
            `GitHub returns at most ${GITHUB_SEARCH_LIMIT}: narrow the query`,
        );
      if (data.incomplete_results)
        throw new TrackerError(
          this.name,
          'unavailable',
          `GitHub search ${JSON.stringify(query)} page ${page}: GitHub returned incomplete results (its search timed out)`,
        );
      for (const item of data.items as GitHubIssueFields[]) {
        read++;
        if (!isPullRequest(item)) yield toTrackerIssue(item);
      }
      onProgress?.({ read, total: data.total_count });
      if (data.items.length < 100 || read >= data.total_count) return;
    }
  }

  async hasComment(key: string, marker: string): Promise<boolean> {
    const { owner, repo, number } = githubIssueKey(this.name, key);
    const pages = this.octokit.paginate.iterator(this.octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: number,
      per_page: 100,
    });
    try {
      for await (const { data } of pages) if (data.some((c) => c.body?.includes(marker))) return true;
      return false;
    } catch (err) {
      throw toTrackerError(this.name, `comments of ${key}`, err);
    }
  }

  async comment(key: string, markdown: string): Promise<void> {
    const { owner, repo, number } = githubIssueKey(this.name, key);
    await this.call(`comment on ${key}`, () =>
      this.octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: markdown }),
    );
  }

  async addLabel(key: string, label: string): Promise<void> {
    const { owner, repo, number } = githubIssueKey(this.name, key);
    await this.call(`label ${key}`, () =>
      this.octokit.rest.issues.addLabels({ owner, repo, issue_number: number, labels: [label] }),
    );
  }

  async reopen(key: string): Promise<void> {
    const { owner, repo, number } = githubIssueKey(this.name, key);
    await this.call(`reopen ${key}`, () =>
      this.octokit.rest.issues.update({ owner, repo, issue_number: number, state: 'open' }),
    );
  }

  private async call<T>(what: string, send: () => Promise<{ data: T }>): Promise<T> {
    try {
      return (await send()).data;
    } catch (err) {
      throw toTrackerError(this.name, what, err);
    }
  }
}
