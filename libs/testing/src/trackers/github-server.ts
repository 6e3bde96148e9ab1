import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { listenWithTextBodies } from '../text-body-server';
import { join } from 'node:path';
import {
  commentObject,
  type GitHubUrls,
  issueObject,
  labelObject,
  searchItemObject,
  type StoredIssue,
  TOKEN_OWNER,
} from './github-objects';
import {
  type Answer,
  errorBody,
  notFound,
  paginate,
  rateLimited,
  type RateLimitOptions,
  validationFailed,
} from './github-answers';
import { matchesSearch, parseSearchQuery } from './github-search-query';
import { OpenApiDescription } from './openapi-description';
import { OpenApiOperation } from './openapi-operation';

const DESCRIPTIONS = join(process.cwd(), 'node_modules/@octokit/openapi/generated');
export type { RateLimitOptions };

/** GitHub Enterprise Server serves the REST API under this prefix of its own host. */
export const GHES_PREFIX = '/api/v3';
/** GitHub search returns at most this many results, whatever total_count says. */
const SEARCH_CAP = 1000;

export interface NewIssue {
  /** `owner/name`. */
  repo: string;
  title: string;
  body?: string;
  labels?: string[];
  createdAt?: Date;
  closedAt?: Date;
  stateReason?: 'completed' | 'not_planned';
  milestoneDueOn?: Date;
  /** A pull request: search returns them beside issues unless `is:issue` is given. */
  pullRequest?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  status: number;
}

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  handle: (call: Call) => Answer;
}

interface Call {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  urls: GitHubUrls;
  /** The URL of the request as received, for pagination links. */
  self: URL;
}

/** An answer given instead of the route's, to the next request whose path `only` matches (any, without it). */
interface Fault {
  answer: (now: number) => Answer;
  only?: RegExp;
}

/**
 * A local GitHub REST API for tests: the routes the tracker client uses, each request and each
 * response checked against GitHub's own OpenAPI description (api.github.com; ghes-3.19 under
 * `/api/v3`). A request that departs from the description gets 422 like GitHub and a line in
 * `violations`; so does a response of the fake's own making, which would be a bug here.
 */
export class GitHubServer {
  readonly violations: string[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly token = `ghp_${randomBytes(18).toString('hex')}`;
  private readonly issues = new Map<string, StoredIssue>();
  private readonly faults: Fault[] = [];
  private tokenRevoked = false;
  private incompleteSearches = 0;
  private nextId = 1_000;
  private readonly routes: Route[];

  private constructor(
    private readonly server: Server,
    /** The API base for api.github.com-style requests: http://127.0.0.1:port */
    readonly url: string,
  ) {
    this.routes = [
      this.route('GET', '/repos/{owner}/{repo}/issues/{issue_number}', (c) => this.getIssue(c)),
      this.route('PATCH', '/repos/{owner}/{repo}/issues/{issue_number}', (c) => this.updateIssue(c)),
      this.route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', (c) => this.listComments(c)),
      this.route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', (c) => this.createComment(c)),
      this.route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/labels', (c) => this.addLabels(c)),
      this.route('GET', '/search/issues', (c) => this.search(c)),
    ];
  }

  static async start(): Promise<GitHubServer> {
    let fake: GitHubServer | null = null;
    const { server, url } = await listenWithTextBodies(() => (req, body, res) => fake!.handle(req, body, res));
    fake = new GitHubServer(server, url);
    return fake;
  }

  /** The API base of the same fake as GitHub Enterprise Server serves it. */
  get ghesUrl(): string {
    return `${this.url}${GHES_PREFIX}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Adds an issue; returns its key, `owner/repo#number`. */
  addIssue(input: NewIssue): string {
    const [owner, repo] = input.repo.split('/');
    if (!owner || !repo) throw new Error(`repo must be owner/name, got ${input.repo}`);
    const number = [...this.issues.values()].filter((i) => i.owner === owner && i.repo === repo).length + 1;
    const createdAt = input.createdAt ?? new Date();
    const closedAt = input.closedAt ?? null;
    const issue: StoredIssue = {
      id: this.nextId++,
      owner,
      repo,
      number,
      title: input.title,
      body: input.body ?? '',
      labels: [...(input.labels ?? [])],
      state: closedAt ? 'closed' : 'open',
      stateReason: closedAt ? (input.stateReason ?? 'completed') : null,
      createdAt,
      updatedAt: closedAt ?? createdAt,
      closedAt,
      milestoneDueOn: input.milestoneDueOn ?? null,
      pullRequest: input.pullRequest ?? false,
      comments: [],
    };
    const key = `${owner}/${repo}#${number}`;
    this.issues.set(key, issue);
    return key;
  }

  /** The issue as the fake holds it now (state, labels, comments). */
  issue(key: string): StoredIssue {
    const issue = this.issues.get(key);
    if (!issue) throw new Error(`the fake GitHub has no issue ${key}`);
    return issue;
  }

  close(key: string, reason: 'completed' | 'not_planned', at: Date = new Date()): void {
    Object.assign(this.issue(key), { state: 'closed', stateReason: reason, closedAt: at, updatedAt: at });
  }

  reopen(key: string): void {
    Object.assign(this.issue(key), { state: 'open', stateReason: 'reopened', closedAt: null, updatedAt: new Date() });
  }

  /** The next `count` requests (whose path matches `only`, when given) fail with `status` (GitHub's JSON error body). */
  failNext(count: number, status = 503, only?: RegExp): void {
    const answer = () => ({ status, body: errorBody(status, status >= 500 ? 'Service Unavailable' : 'Error') });
    for (let i = 0; i < count; i++) this.faults.push({ answer, only });
  }

  /** The next `count` requests are rate limited, answered the way GitHub answers. */
  rateLimitNext(count: number, options: RateLimitOptions): void {
    for (let i = 0; i < count; i++) this.faults.push({ answer: (now) => rateLimited(now, options) });
  }

  /** The next `count` searches time out on GitHub's side: `incomplete_results: true`, fewer items. */
  incompleteSearchNext(count: number): void {
    this.incompleteSearches += count;
  }

  /** From now on the token is refused as GitHub refuses a revoked one (401 Bad credentials). */
  revokeToken(): void {
    this.tokenRevoked = true;
  }

  private route(method: string, template: string, handle: (call: Call) => Answer): Route {
    const pattern = new RegExp(`^${template.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);
    return { method, template, pattern, handle };
  }

  private handle(req: IncomingMessage, rawBody: string, res: ServerResponse): void {
    const self = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const ghes = self.pathname === GHES_PREFIX || self.pathname.startsWith(`${GHES_PREFIX}/`);
    const path = ghes ? self.pathname.slice(GHES_PREFIX.length) : self.pathname;
    const urls: GitHubUrls = ghes ? { api: this.ghesUrl, web: this.url } : { api: this.url, web: 'https://github.com' };
    const answer = this.answer(req, method, path, self, rawBody, urls, ghes);
    this.requests.push({ method, path: `${self.pathname}${self.search}`, status: answer.status });
    res.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-request-id': randomUUID().toUpperCase(),
      'x-github-media-type': 'github.v3; format=json',
      ...(answer.headers?.['x-ratelimit-remaining']
        ? {}
        : { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-resource': 'core' }),
      ...answer.headers,
    });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }

  private answer(
    req: IncomingMessage,
    method: string,
    path: string,
    self: URL,
    rawBody: string,
    urls: GitHubUrls,
    ghes: boolean,
  ): Answer {
    const where = `${method} ${ghes ? GHES_PREFIX : ''}${path}`;
    const matched = this.routes
      .filter((r) => r.method === method)
      .map((r) => ({ route: r, match: r.pattern.exec(path) }))
      .find((m) => m.match);
    if (!matched) {
      this.violations.push(`${where}: the fake serves no such route`);
      return { status: 404, body: errorBody(404, 'Not Found') };
    }
    const operation = this.operation(ghes, method, matched.route.template);
    const authorization = req.headers.authorization;
    if (!authorization || !/^(token|bearer) /i.test(authorization) || authorization.slice(6).trim() !== this.token) {
      this.violations.push(`${where}: the Authorization header does not carry the test's token`);
      return this.checked(operation, where, { status: 401, body: errorBody(401, 'Requires authentication') }, true);
    }
    if (this.tokenRevoked)
      return this.checked(operation, where, { status: 401, body: errorBody(401, 'Bad credentials') }, true);
    let body: unknown = undefined;
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        this.violations.push(`${where}: the body is not JSON`);
        return { status: 400, body: errorBody(400, 'Problems parsing JSON') };
      }
    }
    const params = Object.fromEntries(
      Object.entries(matched.match!.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
    );
    const query = Object.fromEntries(self.searchParams.entries());
    const problems = operation.checkRequest({
      pathParams: params,
      query,
      body,
      contentType: req.headers['content-type'],
    });
    this.violations.push(...problems.map((p) => `${where}: ${p}`));
    // A fault takes the request whatever it was; its violations are recorded all the same.
    const at = this.faults.findIndex((f) => f.only === undefined || f.only.test(self.pathname));
    const [fault] = at < 0 ? [] : this.faults.splice(at, 1);
    if (fault) return this.checked(operation, where, fault.answer(Date.now()), true);
    if (problems.length > 0) return this.checked(operation, where, validationFailed(problems), true);
    let answer: Answer;
    try {
      answer = matched.route.handle({ params, query, body, urls, self });
    } catch (err) {
      this.violations.push(`${where}: ${(err as Error).message}`);
      answer = validationFailed([(err as Error).message]);
    }
    return this.checked(operation, where, answer, false);
  }

  /**
   * Checks the fake's own answer. Errors GitHub sends on any route (rate limits, 5xx, 401, a 422 the
   * operation does not list) are checked against GitHub's generic error schemas instead.
   */
  private checked(operation: OpenApiOperation, where: string, answer: Answer, generic: boolean): Answer {
    const problems = generic
      ? operation.checkGenericError(answer.status, answer.body)
      : operation.checkResponse(answer.status, answer.body);
    this.violations.push(...problems.map((p) => `${where}: the fake's own response departs: ${p}`));
    return answer;
  }

  private readonly operations = new Map<string, OpenApiOperation>();

  private operation(ghes: boolean, method: string, template: string): OpenApiOperation {
    const key = `${ghes} ${method} ${template}`;
    let operation = this.operations.get(key);
    if (!operation) {
      const description = OpenApiDescription.load(join(DESCRIPTIONS, ghes ? 'ghes-3.19.json' : 'api.github.com.json'), [
        ...new Set(this.routes.map((r) => r.template)),
      ]);
      operation = new OpenApiOperation(description, method, template);
      this.operations.set(key, operation);
    }
    return operation;
  }

  private find(params: Record<string, string>): StoredIssue | undefined {
    return [...this.issues.values()].find(
      (i) =>
        i.owner.toLowerCase() === params.owner.toLowerCase() &&
        i.repo.toLowerCase() === params.repo.toLowerCase() &&
        String(i.number) === params.issue_number,
    );
  }

  private getIssue({ params, urls }: Call): Answer {
    const issue = this.find(params);
    return issue ? { status: 200, body: issueObject(issue, urls) } : notFound();
  }

  private updateIssue({ params, body, urls }: Call): Answer {
    const issue = this.find(params);
    if (!issue) return notFound();
    const change = (body ?? {}) as {
      state?: 'open' | 'closed';
      state_reason?: string | null;
      title?: string;
      body?: string;
    };
    const now = new Date();
    if (change.state === 'open' && issue.state === 'closed')
      Object.assign(issue, { state: 'open', stateReason: 'reopened', closedAt: null });
    if (change.state === 'closed' && issue.state === 'open') {
      const reason = change.state_reason === 'not_planned' ? 'not_planned' : 'completed';
      Object.assign(issue, { state: 'closed', stateReason: reason, closedAt: now });
    }
    if (typeof change.title === 'string') issue.title = change.title;
    if (typeof change.body === 'string') issue.body = change.body;
    issue.updatedAt = now;
    return { status: 200, body: issueObject(issue, urls) };
  }

  private listComments({ params, query, urls, self }: Call): Answer {
    const issue = this.find(params);
    if (!issue) return notFound();
    const page = paginate(issue.comments, query, 30, self);
    return {
      status: 200,
      body: page.items.map((c) => commentObject(issue, c, urls)),
      headers: page.link ? { link: page.link } : {},
    };
  }

  private createComment({ params, body, urls }: Call): Answer {
    const issue = this.find(params);
    if (!issue) return notFound();
    const comment = {
      id: this.nextId++,
      body: (body as { body: string }).body,
      createdAt: new Date(),
      author: TOKEN_OWNER,
    };
    issue.comments.push(comment);
    issue.updatedAt = comment.createdAt;
    const object = commentObject(issue, comment, urls);
    return { status: 201, body: object, headers: { location: String(object.url) } };
  }

  private addLabels({ params, body, urls }: Call): Answer {
    const issue = this.find(params);
    if (!issue) return notFound();
    const names = ((body as { labels: Array<string | { name: string }> }).labels ?? []).map((l) =>
      typeof l === 'string' ? l : l.name,
    );
    for (const name of names)
      if (!issue.labels.some((l) => l.toLowerCase() === name.toLowerCase())) issue.labels.push(name);
    issue.updatedAt = new Date();
    return { status: 200, body: issue.labels.map((name) => labelObject(issue.owner, issue.repo, name, urls)) };
  }

  private search({ query, urls, self }: Call): Answer {
    const filter = parseSearchQuery(query.q);
    const matches = [...this.issues.values()].filter((i) => matchesSearch(i, filter)).sort((a, b) => a.id - b.id);
    const perPage = Number(query.per_page ?? 30);
    const pageNumber = Number(query.page ?? 1);
    if ((pageNumber - 1) * perPage >= SEARCH_CAP && matches.length > 0)
      return validationFailed([`Only the first ${SEARCH_CAP} search results are available`]);
    const page = paginate(matches.slice(0, SEARCH_CAP), query, 30, self);
    const incomplete = this.incompleteSearches > 0;
    if (incomplete) this.incompleteSearches--;
    const items = incomplete ? page.items.slice(0, Math.floor(page.items.length / 2)) : page.items;
    return {
      status: 200,
      body: {
        total_count: matches.length,
        incomplete_results: incomplete,
        items: items.map((i) => searchItemObject(i, urls)),
        search_type: 'lexical',
      },
      headers: { 'x-ratelimit-resource': 'search', ...(page.link ? { link: page.link } : {}) },
    };
  }
}
