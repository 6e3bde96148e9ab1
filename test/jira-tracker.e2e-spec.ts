import { createHmac, timingSafeEqual } from 'node:crypto';
import { JiraServer } from '@app/testing';
import {
  createJiraTrackerClient,
  JiraTrackerClient,
  TrackerError,
  type SearchProgress,
  type TrackerIssue,
} from '@app/trackers';

/** The Jira tracker client against a fake Jira Cloud site that checks every request and answer against the v3 shapes. */
describe('Jira tracker client against a Jira Cloud site', () => {
  let server: JiraServer;

  beforeEach(async () => {
    server = await JiraServer.start({ reopenTransition: 'Reopen issue', searchPageLimit: 2 });
  });

  afterEach(async () => {
    await server.close();
  });

  const client = (overrides: Partial<ConstructorParameters<typeof JiraTrackerClient>[0]> = {}) =>
    new JiraTrackerClient({
      name: 'acme-jira',
      url: server.url,
      email: server.email,
      token: server.apiToken,
      reopenTransition: 'Reopen issue',
      ...overrides,
    });

  async function failure(promise: Promise<unknown>): Promise<TrackerError> {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(TrackerError);
      return error as TrackerError;
    }
    throw new Error('expected the call to fail');
  }

  it('reads an open issue with its fields', async () => {
    const key = server.addIssue({
      project: 'OPS',
      summary: 'Add a circuit breaker to checkout',
      description: 'Trip after 5 errors.\n\nSee the post-mortem.',
      labels: ['postmortem', 'checkout'],
      components: ['payments'],
      priority: 'High',
      duedate: '2026-03-31',
      created: new Date('2026-01-05T10:00:00Z'),
    });

    const issue = await client().getIssue(key);

    expect(issue).toEqual<TrackerIssue>({
      key: 'OPS-1',
      url: `${server.url}/browse/OPS-1`,
      title: 'Add a circuit breaker to checkout',
      body: 'Trip after 5 errors.\n\nSee the post-mortem.',
      state: 'open',
      closeReason: null,
      createdAt: new Date('2026-01-05T10:00:00Z'),
      closedAt: null,
      dueAt: new Date('2026-03-31T00:00:00Z'),
      labels: ['postmortem', 'checkout'],
      components: ['payments'],
      priority: 'High',
    });
    expect(server.violations).toEqual([]);
  });

  it.each([
    ['Done', 'completed'],
    ["Won't Do", 'not_planned'],
  ] as const)('reads an issue resolved %s as closed, %s, at its resolution date', async (resolution, reason) => {
    const key = server.addIssue({ project: 'OPS', summary: 'x', created: new Date('2026-01-05T10:00:00Z') });
    server.resolve(key, resolution, new Date('2026-02-01T09:30:00Z'));

    const issue = await client().getIssue(key);

    expect(issue).toMatchObject({ state: 'closed', closeReason: reason, closedAt: new Date('2026-02-01T09:30:00Z') });
    expect(server.violations).toEqual([]);
  });

  it('gives null for an issue the site does not have, and refuses a malformed key without a request', async () => {
    expect(await client().getIssue('OPS-999')).toBeNull();
    const refused = await failure(client().getIssue('OPS 1'));
    expect(refused.kind).toBe('refused');
    expect(server.requests.map((r) => r.path)).toEqual(['/rest/api/3/issue/OPS-999']);
    expect(server.violations).toEqual([]);
  });

  it('searches page by page with nextPageToken, reporting progress', async () => {
    for (let i = 1; i <= 5; i++) {
      server.addIssue({ project: 'OPS', summary: `action ${i}`, labels: i === 3 ? ['other'] : ['postmortem'] });
    }
    server.addIssue({ project: 'WEB', summary: 'elsewhere', labels: ['postmortem'] });
    const progress: SearchProgress[] = [];

    const keys: string[] = [];
    for await (const issue of client().search('project = OPS AND labels = postmortem ORDER BY key ASC', (p) =>
      progress.push(p),
    )) {
      keys.push(issue.key);
    }

    expect(keys).toEqual(['OPS-1', 'OPS-2', 'OPS-4', 'OPS-5']);
    expect(progress).toEqual([
      { read: 2, total: null },
      { read: 4, total: 4 },
    ]);
    const searches = server.requests.filter((r) => r.path === '/rest/api/3/search/jql');
    expect(searches).toHaveLength(2);
    expect((searches[1].body as { nextPageToken?: string }).nextPageToken).toEqual(expect.any(String));
    expect(server.violations).toEqual([]);
  });

  it('searches by key list and by update time', async () => {
    server.addIssue({ project: 'OPS', summary: 'a', created: new Date('2026-01-01T00:00:00Z') });
    server.addIssue({ project: 'OPS', summary: 'b', created: new Date('2026-01-03T00:00:00Z') });
    server.addIssue({ project: 'OPS', summary: 'c', created: new Date('2026-01-05T00:00:00Z') });
    const read = async (jql: string) => {
      const keys: string[] = [];
      for await (const issue of client().search(jql)) keys.push(issue.key);
      return keys;
    };

    expect(await read('key in (OPS-3, OPS-1)')).toEqual(['OPS-3', 'OPS-1']);
    expect(await read('project = OPS AND updated >= "2026-01-02 00:00" ORDER BY updated ASC')).toEqual([
      'OPS-2',
      'OPS-3',
    ]);
    expect(server.violations).toEqual([]);
  });

  it('refuses JQL the site cannot run, as Jira does', async () => {
    const refused = await failure(
      (async () => {
        for await (const issue of client().search('ORDER BY created')) void issue;
      })(),
    );
    expect(refused.kind).toBe('refused');
    expect(refused.message).toContain('Unbounded JQL');
    expect(server.violations).toEqual([expect.stringContaining('Unbounded JQL')]);
  });

  it('comments in ADF, adds a label and reopens through the configured transition', async () => {
    const key = server.addIssue({ project: 'OPS', summary: 'x', labels: ['postmortem'] });
    server.resolve(key, 'Done', new Date('2026-02-01T00:00:00Z'));
    const jira = client();

    await jira.comment(key, 'Verification **failed**: p99 is `412ms`.\n\n- see [run](https://r.test/1)');
    await jira.addLabel(key, 'remediation-regressed');
    await jira.addLabel(key, 'postmortem');
    await jira.reopen(key);

    const issue = server.issue(key);
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0].body).toEqual({
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Verification ' },
            { type: 'text', text: 'failed', marks: [{ type: 'strong' }] },
            { type: 'text', text: ': p99 is ' },
            { type: 'text', text: '412ms', marks: [{ type: 'code' }] },
            { type: 'text', text: '.' },
          ],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                {
                  type: 'paragraph',
                  content: [
                    { type: 'text', text: 'see ' },
                    { type: 'text', text: 'run', marks: [{ type: 'link', attrs: { href: 'https://r.test/1' } }] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(issue.labels).toEqual(['postmortem', 'remediation-regressed']);
    expect(issue).toMatchObject({ status: 'To Do', statusCategory: 'new', resolution: null, resolutiondate: null });
    expect(server.violations).toEqual([]);
  });

  it('tells whether a comment carrying a marker is on the issue, reading its comments', async () => {
    const key = server.addIssue({ project: 'OPS', summary: 'x' });
    const jira = client();
    const marker = '<!-- remediation-event:4b1d -->';

    expect(await jira.hasComment(key, marker)).toBe(false);
    await jira.comment(key, 'Unrelated remark.');
    await jira.comment(key, `**Remediation verified** — x\n\n${marker}`);

    expect(await jira.hasComment(key, marker)).toBe(true);
    expect(await jira.hasComment(key, '<!-- remediation-event:4b1e -->')).toBe(false);
    expect(server.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/comment')).length).toBe(3);
    expect(server.violations).toEqual([]);
  });

  it('refuses to reopen when the workflow has no transition of the configured name, naming it', async () => {
    const key = server.addIssue({ project: 'OPS', summary: 'x' });
    server.resolve(key, 'Done');
    server.setReopenTransition('Back to work');

    const refused = await failure(client().reopen(key));

    expect(refused.kind).toBe('refused');
    expect(refused.message).toContain('"Reopen issue"');
    expect(server.issue(key).status).toBe('Done');
    expect(server.violations).toEqual([]);
  });

  it('maps 503 to unavailable and 429 to rate_limited with Retry-After, without waiting', async () => {
    const key = server.addIssue({ project: 'OPS', summary: 'x' });
    const jira = client();

    server.failNext(1, 503);
    const down = await failure(jira.getIssue(key));
    expect(down).toMatchObject({ kind: 'unavailable', retriable: true });

    server.rateLimitNext(1, { retryAfterSeconds: 120 });
    const started = Date.now();
    const limited = await failure(jira.comment(key, 'hello'));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(limited).toMatchObject({ kind: 'rate_limited', retryAfterMs: 120_000, retriable: true });

    expect(await jira.getIssue(key)).toMatchObject({ key });
    expect(server.issue(key).comments).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it('maps a wrong token to unauthorized and never shows the token', async () => {
    const wrongToken = `${server.apiToken}-revoked`;
    const jira = client({ token: wrongToken });
    const key = server.addIssue({ project: 'OPS', summary: 'x' });

    const denied = await failure(jira.getIssue(key));

    expect(denied.kind).toBe('unauthorized');
    const seen = [
      denied.message,
      denied.stack ?? '',
      JSON.stringify(denied),
      JSON.stringify(jira),
      String(denied.cause),
    ];
    for (const text of seen) expect(text).not.toContain(wrongToken);
    expect(server.violations).toEqual([]);
  });

  it('maps an unreachable site to unavailable, and a site that does not answer in time too', async () => {
    const stopped = await JiraServer.start();
    const url = stopped.url;
    await stopped.close();
    const unreachable = await failure(client({ url }).getIssue('OPS-1'));
    expect(unreachable.kind).toBe('unavailable');

    const key = server.addIssue({ project: 'OPS', summary: 'x' });
    server.stallNext(1);
    const slow = await failure(client({ requestTimeoutMs: 300 }).getIssue(key));
    expect(slow).toMatchObject({ kind: 'unavailable', message: expect.stringContaining('300 ms') });
    expect(await client().getIssue(key)).toMatchObject({ key });
  });

  it('flags and refuses a request that strays from the v3 shapes', async () => {
    const key = server.addIssue({ project: 'OPS', summary: 'x' });
    const auth = `Basic ${Buffer.from(`${server.email}:${server.apiToken}`).toString('base64')}`;
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    // A wiki-markup string is a v2 comment body; v3 takes an ADF document.
    const stringBody = await post(`/rest/api/3/issue/${key}/comment`, { body: 'h2. hello' });
    // A paragraph holding a paragraph is not ADF.
    const nested = await post(`/rest/api/3/issue/${key}/comment`, {
      body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'paragraph' }] }] },
    });
    // `jqlQuery` is not a key of SearchAndReconcileRequest.
    const search = await post('/rest/api/3/search/jql', { jql: 'project = OPS', jqlQuery: 'x' });

    expect([stringBody.status, nested.status, search.status]).toEqual([400, 400, 400]);
    expect(await search.json()).toEqual({ errorMessages: [expect.stringContaining('jqlQuery')], errors: {} });
    expect(server.violations).toEqual([
      expect.stringMatching(/^POST \/rest\/api\/3\/issue\/OPS-1\/comment: body/),
      expect.stringMatching(/^POST \/rest\/api\/3\/issue\/OPS-1\/comment: body/),
      expect.stringMatching(/^POST \/rest\/api\/3\/search\/jql: body.*jqlQuery/),
    ]);
    expect(server.issue(key).comments).toEqual([]);
  });

  it('flags an answer of its own that strays from the v3 shapes', async () => {
    // A due date Jira could never hold: the fake still answers, and says its answer was wrong.
    const key = server.addIssue({ project: 'OPS', summary: 'x', duedate: 'next week' });

    await client().getIssue(key);

    expect(server.violations).toEqual([
      expect.stringMatching(/^response to GET \/rest\/api\/3\/issue\/OPS-1: fields\.duedate/),
    ]);
  });

  it('sends issue webhooks signed with the shared secret, with the status and resolution change', async () => {
    const key = server.addIssue({ project: 'OPS', summary: 'x' });
    server.resolve(key, "Won't Do", new Date('2026-02-01T00:00:00Z'));

    const { headers, body } = server.webhook('jira:issue_updated', key, { secret: 'shh' });

    const expected = createHmac('sha256', 'shh').update(body).digest();
    const [method, hex] = headers['x-hub-signature'].split('=');
    expect(method).toBe('sha256');
    expect(timingSafeEqual(Buffer.from(hex, 'hex'), expected)).toBe(true);
    const tampered = createHmac('sha256', 'shh').update(body.replace("Won't Do", 'Done')).digest('hex');
    expect(tampered).not.toBe(hex);
    const payload = JSON.parse(body) as {
      webhookEvent: string;
      issue: { key: string; fields: { status: { statusCategory: { key: string } } } };
      changelog: { items: Array<{ field: string; fromString: string | null; toString: string | null }> };
    };
    expect(payload.webhookEvent).toBe('jira:issue_updated');
    expect(payload.issue.key).toBe(key);
    expect(payload.issue.fields.status.statusCategory.key).toBe('done');
    expect(payload.changelog.items).toEqual([
      expect.objectContaining({ field: 'resolution', fromString: null, toString: "Won't Do" }),
      expect.objectContaining({ field: 'status', fromString: 'To Do', toString: 'Done' }),
    ]);
    expect(server.webhook('jira:issue_created', key).headers['x-hub-signature']).toBeUndefined();
  });
});

/** The same contract on Jira Data Center: REST v2, a personal access token, wiki markup. */
describe('Jira tracker client against a Jira Data Center site', () => {
  let server: JiraServer;

  beforeEach(async () => {
    server = await JiraServer.start({ deployment: 'datacenter', reopenTransition: 'Reopen', searchPageLimit: 2 });
  });

  afterEach(async () => {
    await server.close();
  });

  const client = (token = server.apiToken) =>
    createJiraTrackerClient({
      deployment: 'datacenter',
      name: 'dc-jira',
      url: server.url,
      token,
      reopenTransition: 'Reopen',
    });

  it('reads an issue, its wiki-markup description as written', async () => {
    const key = server.addIssue({
      project: 'OPS',
      summary: 'Rate-limit the importer',
      description: 'Cap at *50* rps',
      labels: ['postmortem'],
      created: new Date('2026-01-05T10:00:00Z'),
    });
    server.resolve(key, 'Duplicate', new Date('2026-01-06T10:00:00Z'));

    expect(await client().getIssue(key)).toMatchObject({
      key,
      url: `${server.url}/browse/${key}`,
      title: 'Rate-limit the importer',
      body: 'Cap at *50* rps',
      state: 'closed',
      closeReason: 'not_planned',
      closedAt: new Date('2026-01-06T10:00:00Z'),
      labels: ['postmortem'],
    });
    expect(await client().getIssue('OPS-99')).toBeNull();
    expect(server.violations).toEqual([]);
  });

  it('searches page by page by startAt, with the total from the first page', async () => {
    for (let i = 1; i <= 3; i++) server.addIssue({ project: 'OPS', summary: `a${i}`, labels: ['postmortem'] });
    const progress: SearchProgress[] = [];
    const keys: string[] = [];

    for await (const issue of client().search('project = OPS AND labels = postmortem ORDER BY key ASC', (p) =>
      progress.push(p),
    )) {
      keys.push(issue.key);
    }

    expect(keys).toEqual(['OPS-1', 'OPS-2', 'OPS-3']);
    expect(progress).toEqual([
      { read: 2, total: 3 },
      { read: 3, total: 3 },
    ]);
    expect(server.violations).toEqual([]);
  });

  it('comments in wiki markup, labels and reopens', async () => {
    const key = server.addIssue({ project: 'OPS', summary: 'x' });
    server.resolve(key, 'Done');
    const jira = client();

    await jira.comment(key, 'Check **failed**: `p99` see [run](https://r.test/1)');
    await jira.addLabel(key, 'remediation-regressed');
    await jira.reopen(key);

    const issue = server.issue(key);
    expect(issue.comments.map((c) => c.body)).toEqual(['Check *failed*: {{p99}} see [run|https://r.test/1]']);
    expect(issue.labels).toEqual(['remediation-regressed']);
    expect(issue).toMatchObject({ status: 'To Do', resolution: null });
    expect(server.violations).toEqual([]);
  });

  it('tells whether a comment carrying a marker is on the issue, in wiki markup', async () => {
    const key = server.addIssue({ project: 'OPS', summary: 'x' });
    const jira = client();
    const marker = '<!-- remediation-event:4b1d -->';

    expect(await jira.hasComment(key, marker)).toBe(false);
    await jira.comment(key, `**Remediation stalled** — x\n\n${marker}`);

    expect(await jira.hasComment(key, marker)).toBe(true);
    expect(await jira.hasComment(key, '<!-- remediation-event:4b1e -->')).toBe(false);
    expect(server.violations).toEqual([]);
  });

  it('maps 429, 503 and a wrong token to their kinds, never showing the token', async () => {
    const key = server.addIssue({ project: 'OPS', summary: 'x' });
    server.rateLimitNext(1, { retryAfterSeconds: 7 });
    await expect(client().addLabel(key, 'a')).rejects.toMatchObject({ kind: 'rate_limited', retryAfterMs: 7000 });
    server.failNext(1, 503);
    await expect(client().getIssue(key)).rejects.toMatchObject({ kind: 'unavailable' });
    server.stallNext(1);
    const hanging = createJiraTrackerClient({
      deployment: 'datacenter',
      name: 'dc',
      url: server.url,
      token: server.apiToken,
      requestTimeoutMs: 300,
    });
    await expect(hanging.getIssue(key)).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining('300 ms'),
    });

    const wrongToken = `${server.apiToken}-old`;
    const jira = client(wrongToken);
    let denied: unknown;
    try {
      await jira.getIssue(key);
    } catch (error) {
      denied = error;
    }
    expect(denied).toMatchObject({ kind: 'unauthorized' });
    const seen = [
      (denied as Error).message,
      (denied as Error).stack ?? '',
      JSON.stringify(denied),
      JSON.stringify(jira),
    ];
    for (const text of seen) expect(text).not.toContain(wrongToken);
    expect(server.violations).toEqual([]);
  });
});
