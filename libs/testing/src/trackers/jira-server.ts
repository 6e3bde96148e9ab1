import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { listenWithTextBodies } from '../text-body-server';
import type { z } from 'zod';
import { describeZodError } from './deep-strict';
import { adfWords, jiraDateTime, textToAdf } from './jira-format';
import { JqlError, parseJql, type JqlIssue } from './jira-jql';
import {
  AddCommentRequest,
  AddCommentRequestV2,
  CommentResponse,
  CommentResponseV2,
  CommentsPageResponse,
  CommentsPageResponseV2,
  DoTransitionRequest,
  EditIssueRequest,
  ErrorShape,
  GetCommentsQuery,
  GetIssueQuery,
  GetTransitionsQuery,
  IssueResponse,
  IssueResponseV2,
  LabelOperation,
  SearchRequest,
  SearchRequestV2,
  SearchResponse,
  SearchResponseV2,
  TransitionsResponse,
} from './jira-shapes';
import { jiraWebhook, type JiraChangeItem, type JiraWebhookEvent, type JiraWebhookOptions } from './jira-webhook';
import {
  JIRA_RESOLUTIONS,
  JIRA_STATUSES,
  jiraTransitions,
  type JiraStatusName,
  type JiraWorkflowTransition,
} from './jira-workflow';

export interface JiraIssueInput {
  project: string;
  summary: string;
  /** Plain text; stored as the ADF document Jira would hold. */
  description?: string;
  labels?: string[];
  components?: string[];
  priority?: string | null;
  /** A calendar date, 2026-03-31. */
  duedate?: string | null;
  created?: Date;
  status?: JiraStatusName;
  /** For a Done issue: its resolution (default Done) and when (default `created`). */
  resolution?: string;
  resolutiondate?: Date;
}

export interface JiraComment {
  id: string;
  /** An ADF document on Cloud, wiki markup on Data Center. */
  body: Record<string, unknown> | string;
  /** The comment's words, for assertions. */
  text: string;
  created: Date;
}

/** What a test reads of an issue. */
export interface JiraIssueView {
  key: string;
  summary: string;
  status: JiraStatusName;
  statusCategory: 'new' | 'indeterminate' | 'done';
  resolution: string | null;
  resolutiondate: Date | null;
  labels: string[];
  comments: JiraComment[];
  updated: Date;
}

interface IssueRecord {
  id: string;
  key: string;
  project: string;
  summary: string;
  description: string;
  labels: string[];
  components: string[];
  priority: string | null;
  duedate: string | null;
  created: Date;
  updated: Date;
  status: JiraStatusName;
  resolution: string | null;
  resolutiondate: Date | null;
  comments: JiraComment[];
  /** The status and resolution change of the last transition, for webhooks. */
  lastChanges: JiraChangeItem[];
}

export interface JiraRequestRecord {
  method: string;
  path: string;
  query: Record<string, string[]>;
  body: unknown;
  status: number;
}

export interface JiraServerOptions {
  /** Cloud (REST v3, Basic email:API token; the default) or Data Center (REST v2, Bearer personal access token). */
  deployment?: 'cloud' | 'datacenter';
  email?: string;
  apiToken?: string;
  /** The name of the transition from Done back to To Do; null for a workflow without one. */
  reopenTransition?: string | null;
  /** The most issues one search page holds, whatever the client asks (Jira lowers it too). */
  searchPageLimit?: number;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string>; shape?: z.ZodType };

/** The most comments Jira answers in one page. */
const COMMENTS_PAGE_CAP = 5000;
const NO_ISSUE = 'Issue does not exist or you do not have permission to see it.';

/**
 * A fake Jira Cloud site on a random loopback port, speaking the REST v3 routes the service uses
 * (or, as `deployment: 'datacenter'`, a Data Center site speaking their REST v2 twins).
 * Every request is checked against the v3 shapes (jira-shapes.ts) and answered 400 with Jira's
 * error body when it strays; every answer is checked too. Both kinds of strays are listed in
 * `violations`, which a test expects to be empty at its end.
 */
export class JiraServer {
  readonly violations: string[] = [];
  readonly requests: JiraRequestRecord[] = [];
  readonly email: string;
  readonly apiToken: string;
  private readonly issues = new Map<string, IssueRecord>();
  private readonly counters = new Map<string, number>();
  private transitions: JiraWorkflowTransition[];
  private readonly pageLimit: number;
  private readonly datacenter: boolean;
  private readonly api: string;
  private faults: Array<{ status: number; headers?: Record<string, string> }> = [];
  private nextId = 10000;
  private nextCommentId = 10100;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    options: JiraServerOptions,
  ) {
    this.email = options.email ?? 'sync@example.com';
    this.apiToken = options.apiToken ?? `jira-token-${randomUUID()}`;
    this.transitions = jiraTransitions(options.reopenTransition === undefined ? 'Reopen' : options.reopenTransition);
    this.pageLimit = options.searchPageLimit ?? 50;
    this.datacenter = options.deployment === 'datacenter';
    this.api = this.datacenter ? '/rest/api/2' : '/rest/api/3';
  }

  static async start(options: JiraServerOptions = {}): Promise<JiraServer> {
    let fake: JiraServer | null = null;
    const { server, url } = await listenWithTextBodies(() => (req, body, res) => fake!.handle(req, body, res));
    fake = new JiraServer(server, url, options);
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Adds an issue to the site; returns its key (`OPS-1`, `OPS-2`, …). */
  addIssue(input: JiraIssueInput): string {
    const number = (this.counters.get(input.project) ?? 0) + 1;
    this.counters.set(input.project, number);
    const key = `${input.project}-${number}`;
    const created = input.created ?? new Date();
    const status = input.status ?? (input.resolution ? 'Done' : 'To Do');
    const done = status === 'Done';
    this.issues.set(key, {
      id: String(this.nextId++),
      key,
      project: input.project,
      summary: input.summary,
      description: input.description ?? '',
      labels: [...(input.labels ?? [])],
      components: [...(input.components ?? [])],
      priority: input.priority === undefined ? 'Medium' : input.priority,
      duedate: input.duedate ?? null,
      created,
      updated: created,
      status,
      resolution: done ? (input.resolution ?? 'Done') : null,
      resolutiondate: done ? (input.resolutiondate ?? created) : null,
      comments: [],
      lastChanges: [],
    });
    return key;
  }

  issue(key: string): JiraIssueView {
    const r = this.record(key);
    return {
      key: r.key,
      summary: r.summary,
      status: r.status,
      statusCategory: JIRA_STATUSES[r.status].category.key,
      resolution: r.resolution,
      resolutiondate: r.resolutiondate,
      labels: [...r.labels],
      comments: r.comments.map((c) => ({ ...c })),
      updated: r.updated,
    };
  }

  /** Closes the issue as someone on the site would: status Done with a resolution. */
  resolve(key: string, resolution: 'Done' | "Won't Do" | string, at: Date = new Date()): void {
    this.move(this.record(key), 'Done', resolution, at);
  }

  /** Moves the issue to a status directly (leaving Done clears the resolution, as Jira's workflow does). */
  transition(key: string, status: JiraStatusName, at: Date = new Date()): void {
    this.move(this.record(key), status, status === 'Done' ? 'Done' : null, at);
  }

  /** Renames, adds (a string) or removes (null) the reopen transition of the workflow. */
  setReopenTransition(name: string | null): void {
    this.transitions = jiraTransitions(name);
  }

  /** The next `count` requests are answered `status` (503 by default), whatever they ask. */
  failNext(count: number, status = 503): void {
    for (let i = 0; i < count; i++) this.faults.push({ status });
  }

  /** The next `count` requests are answered 429 with Retry-After, as Jira Cloud's rate limiter does. */
  rateLimitNext(count: number, { retryAfterSeconds = 30 }: { retryAfterSeconds?: number } = {}): void {
    for (let i = 0; i < count; i++) {
      this.faults.push({
        status: 429,
        headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-reason': 'jira-burst-based' },
      });
    }
  }

  /** The next `count` requests get no answer at all (until the server closes): a site that hangs. */
  stallNext(count: number): void {
    for (let i = 0; i < count; i++) this.faults.push({ status: 0 });
  }

  /** The issue webhook Jira would send now for the issue, with its last status/resolution change. */
  webhook(event: JiraWebhookEvent, key: string, options: Omit<JiraWebhookOptions, 'changes'> = {}) {
    const r = this.record(key);
    const bean = this.bean(r, ['*all']) as { id: string; key: string };
    return jiraWebhook(event, bean, { ...options, changes: event === 'jira:issue_updated' ? r.lastChanges : [] });
  }

  private record(key: string): IssueRecord {
    const r = this.issues.get(key);
    if (!r) throw new Error(`the fake Jira has no issue ${key}`);
    return r;
  }

  private move(r: IssueRecord, status: JiraStatusName, resolution: string | null, at: Date): void {
    if (resolution !== null && !(resolution in JIRA_RESOLUTIONS)) throw new Error(`no resolution "${resolution}"`);
    const item = (field: string, from: [string | null, string | null], to: [string | null, string | null]) => ({
      field,
      fieldtype: 'jira' as const,
      fieldId: field,
      from: from[0],
      fromString: from[1],
      to: to[0],
      toString: to[1],
    });
    const changes: JiraChangeItem[] = [];
    if (r.resolution !== resolution) {
      const id = (name: string | null) => (name === null ? null : JIRA_RESOLUTIONS[name]);
      changes.push(item('resolution', [id(r.resolution), r.resolution], [id(resolution), resolution]));
    }
    if (r.status !== status) {
      changes.push(item('status', [JIRA_STATUSES[r.status].id, r.status], [JIRA_STATUSES[status].id, status]));
    }
    r.lastChanges = changes;
    r.status = status;
    r.resolution = resolution;
    r.resolutiondate = resolution === null ? null : at;
    r.updated = at;
  }

  // ---- HTTP ----

  private handle(req: IncomingMessage, raw: string, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const query: Record<string, string[]> = {};
    for (const [name, value] of url.searchParams) (query[name] ??= []).push(value);
    if (this.faults[0]?.status === 0) {
      this.faults.shift();
      this.requests.push({ method, path: url.pathname, query, body: raw, status: 0 });
      return;
    }
    let body: unknown = undefined;
    let reply: Reply;
    try {
      if (raw !== '') body = JSON.parse(raw);
      reply = this.route(method, url.pathname, query, body, req);
    } catch (error) {
      reply =
        error instanceof SyntaxError
          ? this.refuse(`${method} ${url.pathname}`, ['Unexpected character in the JSON body.'])
          : { status: 500, body: { errorMessages: [String(error)], errors: {} } };
    }
    const label = `${method} ${url.pathname}`;
    if (reply.body !== undefined) {
      const shape = reply.status >= 400 ? ErrorShape : reply.shape;
      try {
        const checked = shape?.safeParse(reply.body);
        if (checked && !checked.success)
          this.violations.push(`response to ${label}: ${describeZodError(checked.error)}`);
      } catch (error) {
        this.violations.push(`response to ${label}: could not be checked (${String(error)})`);
      }
    }
    this.requests.push({ method, path: url.pathname, query, body, status: reply.status });
    res.writeHead(reply.status, {
      ...(reply.body !== undefined ? { 'content-type': 'application/json;charset=UTF-8' } : {}),
      ...reply.headers,
    });
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  private route(
    method: string,
    path: string,
    query: Record<string, string[]>,
    body: unknown,
    req: IncomingMessage,
  ): Reply {
    const fault = this.faults.shift();
    if (fault) {
      const message = fault.status === 429 ? 'Rate limit exceeded.' : 'Service Unavailable';
      return { status: fault.status, headers: fault.headers, body: { errorMessages: [message], errors: {} } };
    }
    if (!this.authenticated(req.headers.authorization)) {
      return {
        status: 401,
        body: { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} },
      };
    }
    const label = `${method} ${path}`;
    if ((method === 'POST' || method === 'PUT') && !/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      this.violations.push(
        `${label}: Content-Type must be application/json, got ${req.headers['content-type'] ?? 'none'}`,
      );
      return { status: 415, body: { errorMessages: ['Unsupported Media Type'], errors: {} } };
    }
    const issuePath = path.startsWith(`${this.api}/issue/`)
      ? /^\/issue\/([^/]+)(\/comment|\/transitions)?$/.exec(path.slice(this.api.length))
      : null;
    if (method === 'POST' && !this.datacenter && path === `${this.api}/search/jql`)
      return this.search(label, query, body);
    if (method === 'POST' && this.datacenter && path === `${this.api}/search`) return this.searchV2(label, query, body);
    if (issuePath) {
      const key = decodeURIComponent(issuePath[1]);
      const sub = issuePath[2] ?? '';
      if (method === 'GET' && sub === '') return this.getIssue(label, key, query, body);
      if (method === 'PUT' && sub === '') return this.editIssue(label, key, query, body);
      if (method === 'GET' && sub === '/comment') return this.getComments(label, key, query, body);
      if (method === 'POST' && sub === '/comment') return this.addComment(label, key, query, body);
      if (method === 'GET' && sub === '/transitions') return this.getTransitions(label, key, query, body);
      if (method === 'POST' && sub === '/transitions') return this.doTransition(label, key, query, body);
    }
    this.violations.push(`${label}: not a route of Jira's REST ${this.datacenter ? 'v2' : 'v3'} that the fake serves`);
    return { status: 404, body: { errorMessages: ['Not Found'], errors: {} } };
  }

  private authenticated(header: string | undefined): boolean {
    const expected = this.datacenter
      ? `Bearer ${this.apiToken}`
      : `Basic ${Buffer.from(`${this.email}:${this.apiToken}`).toString('base64')}`;
    return header === expected;
  }

  /** A 400 in Jira's error shape, recorded as a violation: the client sent what Jira would refuse. */
  private refuse(label: string, messages: string[], errors: Record<string, string> = {}): Reply {
    this.violations.push(
      `${label}: ${[...messages, ...Object.entries(errors).map(([k, v]) => `${k}: ${v}`)].join('; ')}`,
    );
    return { status: 400, body: { errorMessages: messages, errors } };
  }

  private check<T>(
    label: string,
    part: string,
    shape: z.ZodType<T>,
    value: unknown,
  ): { ok: true; value: T } | { ok: false; reply: Reply } {
    const parsed = shape.safeParse(value);
    if (parsed.success) return { ok: true, value: parsed.data };
    return { ok: false, reply: this.refuse(label, [`${part}: ${describeZodError(parsed.error)}`]) };
  }

  private noBody(label: string, body: unknown): Reply | null {
    return body === undefined ? null : this.refuse(label, ['a GET request carries no body']);
  }

  // GET /rest/api/{3,2}/issue/{issueIdOrKey}: query per GetIssue parameters, answer an Issue (IssueBean).
  private getIssue(label: string, key: string, query: Record<string, string[]>, body: unknown): Reply {
    const refused = this.noBody(label, body);
    if (refused) return refused;
    const q = this.check(label, 'query', GetIssueQuery, single(query, ['fields', 'properties']));
    if (!q.ok) return q.reply;
    const r = this.issues.get(key);
    if (!r) return { status: 404, body: { errorMessages: [NO_ISSUE], errors: {} } };
    const shape = this.datacenter ? IssueResponseV2 : IssueResponse;
    return { status: 200, body: this.bean(r, q.value.fields ?? ['*all']), shape };
  }

  // POST /rest/api/3/search/jql: body a SearchAndReconcileRequest, answer SearchAndReconcileResults.
  private search(label: string, query: Record<string, string[]>, body: unknown): Reply {
    if (Object.keys(query).length > 0) return this.refuse(label, ['POST search/jql takes its parameters in the body']);
    const request = this.check(label, 'body', SearchRequest, body);
    if (!request.ok) return request.reply;
    const { jql, fields, maxResults, nextPageToken } = request.value;
    let parsed;
    try {
      parsed = parseJql(jql);
    } catch (error) {
      if (error instanceof JqlError) return this.refuse(label, [error.message]);
      throw error;
    }
    let offset = 0;
    if (nextPageToken !== undefined) {
      const token = readPageToken(nextPageToken);
      if (!token || token.jql !== jql)
        return this.refuse(label, ['The provided next page token is invalid or expired.']);
      offset = token.offset;
    }
    const matching = [...this.issues.values()]
      .filter((r) => parsed.matches(jqlView(r)))
      .sort((a, b) => parsed.compare(jqlView(a), jqlView(b)));
    const size = Math.min(maxResults ?? 50, this.pageLimit);
    const page = matching.slice(offset, offset + size);
    const more = offset + size < matching.length;
    return {
      status: 200,
      shape: SearchResponse,
      body: {
        issues: page.map((r) => this.bean(r, fields ?? ['id'])),
        isLast: !more,
        ...(more ? { nextPageToken: writePageToken({ jql, offset: offset + size }) } : {}),
      },
    };
  }

  // POST /rest/api/2/search (Data Center): body a SearchRequest, answer SearchResults paged by startAt.
  private searchV2(label: string, query: Record<string, string[]>, body: unknown): Reply {
    if (Object.keys(query).length > 0) return this.refuse(label, ['POST search takes its parameters in the body']);
    const request = this.check(label, 'body', SearchRequestV2, body);
    if (!request.ok) return request.reply;
    const { jql, fields, maxResults, startAt = 0 } = request.value;
    let parsed;
    try {
      parsed = parseJql(jql, { unbounded: true });
    } catch (error) {
      if (error instanceof JqlError) return this.refuse(label, [error.message]);
      throw error;
    }
    const matching = [...this.issues.values()]
      .filter((r) => parsed.matches(jqlView(r)))
      .sort((a, b) => parsed.compare(jqlView(a), jqlView(b)));
    const size = Math.min(maxResults ?? 50, this.pageLimit);
    return {
      status: 200,
      shape: SearchResponseV2,
      body: {
        expand: 'schema,names',
        startAt,
        maxResults: size,
        total: matching.length,
        // v2's search returns navigable fields unless told otherwise.
        issues: matching.slice(startAt, startAt + size).map((r) => this.bean(r, fields ?? ['*navigable'])),
      },
    };
  }

  // GET /rest/api/{3,2}/issue/{key}/comment: a PageOfComments, oldest first, paged by startAt and
  // maxResults (Jira's default and cap: 5000).
  private getComments(label: string, key: string, query: Record<string, string[]>, body: unknown): Reply {
    const refused = this.noBody(label, body);
    if (refused) return refused;
    const q = this.check(label, 'query', GetCommentsQuery, single(query, []));
    if (!q.ok) return q.reply;
    const r = this.issues.get(key);
    if (!r) return { status: 404, body: { errorMessages: [NO_ISSUE], errors: {} } };
    const startAt = Number(q.value.startAt ?? 0);
    const maxResults = Math.min(Number(q.value.maxResults ?? COMMENTS_PAGE_CAP), COMMENTS_PAGE_CAP);
    const ordered = q.value.orderBy === '-created' ? [...r.comments].reverse() : r.comments;
    const page = ordered.slice(startAt, startAt + maxResults).map((c) => this.commentBean(r, c));
    const shape = this.datacenter ? CommentsPageResponseV2 : CommentsPageResponse;
    return { status: 200, body: { startAt, maxResults, total: r.comments.length, comments: page }, shape };
  }

  // POST /rest/api/{3,2}/issue/{key}/comment: body a CommentInput holding an ADF document (v3) or wiki
  // markup (v2), answer a Comment (201).
  private addComment(label: string, key: string, query: Record<string, string[]>, body: unknown): Reply {
    const q = this.check(label, 'query', GetTransitionsQuery.pick({ expand: true }), single(query, []));
    if (!q.ok) return q.reply;
    const request = this.check(label, 'body', this.datacenter ? AddCommentRequestV2 : AddCommentRequest, body);
    if (!request.ok) return request.reply;
    const r = this.issues.get(key);
    if (!r) return { status: 404, body: { errorMessages: [NO_ISSUE], errors: {} } };
    const document = request.value.body as Record<string, unknown> | string;
    const words = typeof document === 'string' ? document : adfWords(document);
    if (words.trim() === '') return this.refuse(label, [], { comment: 'Comment body can not be empty!' });
    const comment: JiraComment = { id: String(this.nextCommentId++), body: document, text: words, created: new Date() };
    r.comments.push(comment);
    r.updated = comment.created;
    const shape = this.datacenter ? CommentResponseV2 : CommentResponse;
    return { status: 201, body: this.commentBean(r, comment), shape };
  }

  // PUT /rest/api/{3,2}/issue/{key}: body IssueUpdateDetails; only `update.labels` / `fields.labels` are editable here.
  private editIssue(label: string, key: string, query: Record<string, string[]>, body: unknown): Reply {
    const allowed = ['notifyUsers', 'overrideScreenSecurity', 'overrideEditableFlag', 'returnIssue', 'expand'];
    const unknownParameter = Object.keys(query).find((name) => !allowed.includes(name));
    if (unknownParameter) return this.refuse(label, [`query: unknown parameter ${unknownParameter}`]);
    const request = this.check(label, 'body', EditIssueRequest, body);
    if (!request.ok) return request.reply;
    const { update = {}, fields = {} } = request.value;
    const notEditable = [...Object.keys(update), ...Object.keys(fields)].filter((f) => f !== 'labels');
    if (notEditable.length > 0) {
      return this.refuse(
        label,
        [],
        Object.fromEntries(
          notEditable.map((f) => [f, `Field '${f}' cannot be set. It is not on the appropriate screen, or unknown.`]),
        ),
      );
    }
    const operations = update.labels === undefined ? [] : update.labels;
    if (!Array.isArray(operations))
      return this.refuse(label, [], { labels: 'update.labels must be a list of operations' });
    const checked = operations.map((op) => LabelOperation.safeParse(op));
    const bad = checked.findIndex((c) => !c.success);
    if (bad >= 0)
      return this.refuse(label, [], { labels: `update.labels[${bad}]: ${describeZodError(checked[bad].error!)}` });
    if (
      fields.labels !== undefined &&
      !(Array.isArray(fields.labels) && fields.labels.every((l) => typeof l === 'string' && /^\S+$/.test(l)))
    ) {
      return this.refuse(label, [], { labels: 'fields.labels must be a list of labels without spaces' });
    }
    const r = this.issues.get(key);
    if (!r) return { status: 404, body: { errorMessages: [NO_ISSUE], errors: {} } };
    if (fields.labels !== undefined) r.labels = [...(fields.labels as string[])];
    for (const c of checked) {
      const op = c.data as { add?: string; remove?: string; set?: string[] };
      if (op.add !== undefined && !r.labels.includes(op.add)) r.labels.push(op.add);
      if (op.remove !== undefined) r.labels = r.labels.filter((l) => l !== op.remove);
      if (op.set !== undefined) r.labels = [...op.set];
    }
    r.updated = new Date();
    return { status: 204 };
  }

  // GET /rest/api/{3,2}/issue/{key}/transitions: query per GetTransitions parameters, answer Transitions.
  private getTransitions(label: string, key: string, query: Record<string, string[]>, body: unknown): Reply {
    const refused = this.noBody(label, body);
    if (refused) return refused;
    const q = this.check(label, 'query', GetTransitionsQuery, single(query, []));
    if (!q.ok) return q.reply;
    const r = this.issues.get(key);
    if (!r) return { status: 404, body: { errorMessages: [NO_ISSUE], errors: {} } };
    const transitions = this.transitions
      .filter((t) => t.from.includes(r.status))
      .filter((t) => q.value.transitionId === undefined || t.id === q.value.transitionId)
      .map((t) => ({
        id: t.id,
        name: t.name,
        to: this.statusBean(t.to),
        hasScreen: false,
        isGlobal: false,
        isInitial: false,
        isAvailable: true,
        isConditional: false,
        looped: false,
      }));
    return { status: 200, body: { expand: 'transitions', transitions }, shape: TransitionsResponse };
  }

  // POST /rest/api/{3,2}/issue/{key}/transitions: body IssueUpdateDetails with transition.id; answer 204.
  private doTransition(label: string, key: string, query: Record<string, string[]>, body: unknown): Reply {
    if (Object.keys(query).length > 0) return this.refuse(label, ['query: this operation takes no parameters']);
    const request = this.check(label, 'body', DoTransitionRequest, body);
    if (!request.ok) return request.reply;
    const { transition, fields = {}, update = {} } = request.value;
    const extra = [...Object.keys(fields), ...Object.keys(update)].filter((f) => f !== 'resolution');
    if (extra.length > 0)
      return this.refuse(
        label,
        [],
        Object.fromEntries(extra.map((f) => [f, `Field '${f}' cannot be set on this transition's screen.`])),
      );
    const r = this.issues.get(key);
    if (!r) return { status: 404, body: { errorMessages: [NO_ISSUE], errors: {} } };
    const chosen = this.transitions.find((t) => t.id === transition.id && t.from.includes(r.status));
    // Not a violation of the shapes: the transition may have vanished since the client listed them.
    if (!chosen)
      return {
        status: 400,
        body: { errorMessages: [`Transition id '${transition.id}' is not valid for this issue.`], errors: {} },
      };
    const asked = (fields.resolution as { name?: unknown } | undefined)?.name;
    const resolution = chosen.to === 'Done' ? (typeof asked === 'string' ? asked : 'Done') : null;
    if (resolution !== null && !(resolution in JIRA_RESOLUTIONS))
      return this.refuse(label, [], { resolution: `Resolution '${resolution}' does not exist.` });
    this.move(r, chosen.to, resolution, new Date());
    return { status: 204 };
  }

  // ---- beans ----

  private bean(r: IssueRecord, requested: string[]): Record<string, unknown> {
    const all: Record<string, unknown> = {
      summary: r.summary,
      description: r.description === '' ? null : this.datacenter ? r.description : textToAdf(r.description),
      status: this.statusBean(r.status),
      resolution:
        r.resolution === null
          ? null
          : {
              id: JIRA_RESOLUTIONS[r.resolution],
              name: r.resolution,
              self: `${this.url}${this.api}/resolution/${JIRA_RESOLUTIONS[r.resolution]}`,
              description: '',
            },
      resolutiondate: r.resolutiondate ? jiraDateTime(r.resolutiondate) : null,
      created: jiraDateTime(r.created),
      updated: jiraDateTime(r.updated),
      duedate: r.duedate,
      labels: [...r.labels],
      components: r.components.map((name, i) => ({
        id: String(10500 + i),
        name,
        self: `${this.url}${this.api}/component/${10500 + i}`,
      })),
      priority:
        r.priority === null
          ? null
          : {
              id: priorityId(r.priority),
              name: r.priority,
              self: `${this.url}${this.api}/priority/${priorityId(r.priority)}`,
              iconUrl: `${this.url}/images/icons/priorities/${r.priority.toLowerCase()}.svg`,
            },
      project: {
        id: String(10000 + r.project.length),
        key: r.project,
        name: r.project,
        self: `${this.url}${this.api}/project/${r.project}`,
        projectTypeKey: 'software',
        simplified: false,
      },
      issuetype: {
        id: '10001',
        name: 'Task',
        self: `${this.url}${this.api}/issuetype/10001`,
        subtask: false,
        hierarchyLevel: 0,
      },
      comment: {
        comments: r.comments.map((c) => this.commentBean(r, c)),
        maxResults: r.comments.length,
        total: r.comments.length,
        startAt: 0,
      },
    };
    const wanted = selectFields(Object.keys(all), requested);
    const bean: Record<string, unknown> = { id: r.id };
    if (wanted === null) return bean;
    bean.expand = 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations';
    bean.self = `${this.url}${this.api}/issue/${r.id}`;
    bean.key = r.key;
    bean.fields = Object.fromEntries(wanted.map((f) => [f, all[f]]));
    return bean;
  }

  private statusBean(status: JiraStatusName): Record<string, unknown> {
    const { id, category } = JIRA_STATUSES[status];
    return {
      self: `${this.url}${this.api}/status/${id}`,
      description: '',
      iconUrl: `${this.url}/images/icons/statuses/generic.png`,
      name: status,
      id,
      statusCategory: { self: `${this.url}${this.api}/statuscategory/${category.id}`, ...category },
    };
  }

  private commentBean(r: IssueRecord, c: JiraComment): Record<string, unknown> {
    const author = {
      self: `${this.url}${this.api}/user?accountId=5b10ac8d82e05b22cc7d4ef5`,
      accountId: '5b10ac8d82e05b22cc7d4ef5',
      emailAddress: this.email,
      displayName: this.email,
      active: true,
      timeZone: 'UTC',
      accountType: 'atlassian',
    };
    return {
      self: `${this.url}${this.api}/issue/${r.id}/comment/${c.id}`,
      id: c.id,
      author,
      updateAuthor: author,
      body: c.body,
      created: jiraDateTime(c.created),
      updated: jiraDateTime(c.created),
      jsdPublic: true,
    };
  }
}

/** Query parameters as the shapes expect them: lists for `lists` (repeated or comma-joined), else one value. */
function single(query: Record<string, string[]>, lists: string[]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(query).map(([name, values]) =>
      lists.includes(name)
        ? [name, values.flatMap((v) => v.split(',')).map((v) => v.trim())]
        : [name, values.length === 1 ? values[0] : values],
    ),
  );
}

/** The field names a `fields` list selects, or null for ids only (`id`, the search default). */
function selectFields(available: string[], requested: string[]): string[] | null {
  if (requested.length === 1 && requested[0] === 'id') return null;
  const all = requested.includes('*all') || requested.includes('*navigable');
  const excluded = requested.filter((f) => f.startsWith('-')).map((f) => f.slice(1));
  return available.filter((f) => (all || requested.includes(f)) && !excluded.includes(f));
}

function jqlView(r: IssueRecord): JqlIssue {
  return {
    key: r.key,
    project: r.project,
    labels: r.labels,
    status: r.status,
    statusCategory: JIRA_STATUSES[r.status].category,
    resolution: r.resolution,
    created: r.created,
    updated: r.updated,
  };
}

function priorityId(name: string): string {
  return String(['Highest', 'High', 'Medium', 'Low', 'Lowest'].indexOf(name) + 1 || 10000);
}

function writePageToken(token: { jql: string; offset: number }): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function readPageToken(text: string): { jql: string; offset: number } | null {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { jql?: unknown; offset?: unknown };
    return typeof token.jql === 'string' && Number.isInteger(token.offset)
      ? { jql: token.jql, offset: token.offset as number }
      : null;
  } catch {
    return null;
  }
}
