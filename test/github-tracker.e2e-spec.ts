import { verify } from '@octokit/webhooks-methods';
import { descriptionLoadTimes, freePort, GitHubServer, githubWebhook } from '@app/testing';
import { SilentServer } from '@app/testing/silent-server';
import { GitHubTrackerClient, type SearchProgress, TrackerError, type TrackerIssue } from '@app/trackers';

/** The tracker client against the fake GitHub, over HTTP, every exchange checked against GitHub's description. */
describe('GitHubTrackerClient against a GitHub that checks its OpenAPI description', () => {
  let server: GitHubServer;
  let client: GitHubTrackerClient;

  beforeAll(async () => {
    server = await GitHubServer.start();
  });
  afterAll(async () => {
    await server.stop();
    // Printed, not asserted: how long parsing and preparing each description took in this file.
    console.log('OpenAPI description load times (ms):', JSON.stringify(descriptionLoadTimes));
  });

  // One fake for the file; its logs are emptied per test. A client per test, under its own name, so
  // Octokit's pacing of writes (one a second, comments every three) does not carry over.
  let clients = 0;
  beforeEach(() => {
    server.violations.length = 0;
    server.requests.length = 0;
    clients++;
    client = new GitHubTrackerClient({
      name: `github-${clients}`,
      url: server.url,
      token: server.token,
      retryBaseMs: 50,
    });
  });
  afterEach(() => {
    expect(server.violations).toEqual([]);
  });

  async function failure(promise: Promise<unknown>): Promise<TrackerError> {
    try {
      await promise;
    } catch (err) {
      if (err instanceof TrackerError) return err;
      throw err;
    }
    throw new Error('expected the call to fail');
  }

  async function all(iterable: AsyncIterable<TrackerIssue>): Promise<TrackerIssue[]> {
    const issues: TrackerIssue[] = [];
    for await (const issue of iterable) issues.push(issue);
    return issues;
  }

  it('reads an issue with its labels, close reason and milestone due date', async () => {
    const key = server.addIssue({
      repo: 'acme/checkout',
      title: 'Add a circuit breaker to the payment call',
      body: 'From the **2026-11-02** outage.',
      labels: ['corrective-action', 'team:payments'],
      createdAt: new Date('2026-11-03T10:00:00Z'),
      closedAt: new Date('2026-11-20T16:30:00Z'),
      stateReason: 'not_planned',
      milestoneDueOn: new Date('2026-12-01T08:00:00Z'),
    });

    const issue = await client.getIssue(key);

    expect(issue).toEqual({
      key,
      url: `https://github.com/acme/checkout/issues/${server.issue(key).number}`,
      title: 'Add a circuit breaker to the payment call',
      body: 'From the **2026-11-02** outage.',
      state: 'closed',
      closeReason: 'not_planned',
      createdAt: new Date('2026-11-03T10:00:00Z'),
      closedAt: new Date('2026-11-20T16:30:00Z'),
      dueAt: new Date('2026-12-01T08:00:00Z'),
      labels: ['corrective-action', 'team:payments'],
      components: [],
      priority: null,
    });
  });

  it('reads a reopened issue as open with no close reason', async () => {
    const key = server.addIssue({
      repo: 'acme/checkout',
      title: 'Reopened',
      closedAt: new Date('2026-11-01T00:00:00Z'),
    });
    server.reopen(key);

    const issue = await client.getIssue(key);

    expect(issue).toMatchObject({ state: 'open', closeReason: null, closedAt: null, dueAt: null });
  });

  it('answers null for an issue GitHub does not have', async () => {
    expect(await client.getIssue('acme/checkout#9999')).toBeNull();
    expect(server.requests.map((r) => r.status)).toEqual([404]);
  });

  it('refuses a malformed key without calling GitHub', async () => {
    const error = await failure(client.getIssue('acme/checkout/issues/1'));

    expect(error.kind).toBe('refused');
    expect(server.requests).toEqual([]);
  });

  it('searches page by page, leaving pull requests out and reporting progress', async () => {
    const repo = 'acme/search-paging';
    const keys = Array.from({ length: 205 }, (_, i) =>
      server.addIssue({ repo, title: `Action ${i + 1}`, labels: ['corrective-action', i % 2 ? 'odd' : 'even'] }),
    );
    server.addIssue({ repo, title: 'A fix as a pull request', labels: ['corrective-action'], pullRequest: true });
    server.addIssue({ repo, title: 'Not an action', labels: ['bug'] });
    const progress: SearchProgress[] = [];

    const issues = await all(client.search(`repo:${repo} label:corrective-action`, (p) => progress.push({ ...p })));

    expect(issues.map((i) => i.key)).toEqual(keys);
    expect(progress).toEqual([
      { read: 100, total: 206 },
      { read: 200, total: 206 },
      { read: 206, total: 206 },
    ]);
    expect(server.requests.map((r) => new URL(r.path, server.url).searchParams.get('page'))).toEqual(['1', '2', '3']);
  });

  it('searches with repeated labels and state qualifiers as GitHub reads them', async () => {
    const repo = 'acme/search-qualifiers';
    const wanted = server.addIssue({
      repo,
      title: 'Both labels, open',
      labels: ['corrective-action', 'team:payments'],
    });
    server.addIssue({ repo, title: 'One label', labels: ['corrective-action'] });
    const closed = server.addIssue({ repo, title: 'Both, closed', labels: ['corrective-action', 'team:payments'] });
    server.close(closed, 'completed', new Date('2026-11-05T00:00:00Z'));

    const open = await all(
      client.search(`repo:${repo} is:issue is:open label:corrective-action label:"team:payments"`),
    );
    const done = await all(client.search(`repo:${repo} is:issue state:closed label:corrective-action`));

    expect(open.map((i) => i.key)).toEqual([wanted]);
    expect(done.map((i) => [i.key, i.closeReason])).toEqual([[closed, 'completed']]);
  });

  it('refuses a search that matches more than GitHub will return', async () => {
    const repo = 'acme/search-cap';
    for (let i = 0; i < 1001; i++) server.addIssue({ repo, title: `Issue ${i}` });

    const error = await failure(all(client.search(`repo:${repo}`)));

    expect(error.kind).toBe('refused');
    expect(error.message).toMatch(/1001 issues.*at most 1000/);
    expect(server.requests).toHaveLength(1);
  });

  it('fails a search whose page GitHub marks incomplete, rather than yield part of it as the whole', async () => {
    const repo = 'acme/search-incomplete';
    for (let i = 0; i < 4; i++) server.addIssue({ repo, title: `Issue ${i}` });
    server.incompleteSearchNext(1);

    const error = await failure(all(client.search(`repo:${repo}`)));

    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('incomplete results');
  });

  it('comments, labels and reopens, and the fake GitHub holds the result', async () => {
    const key = server.addIssue({
      repo: 'acme/checkout',
      title: 'Closed too early',
      labels: ['corrective-action'],
      closedAt: new Date('2026-11-10T00:00:00Z'),
    });

    await client.comment(key, 'The p99 latency is **still above** the goal: reopening.');
    await client.addLabel(key, 'verification-failed');
    await client.reopen(key);

    const issue = server.issue(key);
    expect(issue.comments.map((c) => c.body)).toEqual(['The p99 latency is **still above** the goal: reopening.']);
    expect(issue.labels).toEqual(['corrective-action', 'verification-failed']);
    expect([issue.state, issue.stateReason, issue.closedAt]).toEqual(['open', 'reopened', null]);
    expect(server.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 201', 'POST 200', 'PATCH 200']);
  });

  it('finds a comment by its marker, reading every page of the issue’s comments', async () => {
    const key = server.addIssue({ repo: 'acme/busy', title: 'Much discussed' });
    const marker = '<!-- remediation-event:4b1d -->';
    expect(await client.hasComment(key, marker)).toBe(false);
    // 150 comments: the marked one is on the second page of 100.
    const comments = server.issue(key).comments;
    for (let i = 0; i < 150; i++)
      comments.push({ id: 500_000 + i, body: `remark ${i}`, createdAt: new Date(), author: 'someone' });
    comments[120].body = `**Remediation verified** — x\n\n${marker}`;
    server.requests.length = 0;

    expect(await client.hasComment(key, marker)).toBe(true);
    expect(server.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'GET 200']);
    expect(await client.hasComment(key, '<!-- remediation-event:4b1e -->')).toBe(false);
  });

  it('retries a passing 503 once, then succeeds with exactly one comment', async () => {
    const key = server.addIssue({ repo: 'acme/checkout', title: 'Blip' });
    server.failNext(1, 503);

    await client.comment(key, 'Verified.');

    expect(server.issue(key).comments).toHaveLength(1);
    expect(server.requests.map((r) => r.status)).toEqual([503, 201]);
  });

  it('turns a lasting 503 into unavailable', async () => {
    const key = server.addIssue({ repo: 'acme/checkout', title: 'Outage' });
    // The first try and both in-process retries fail.
    server.failNext(3, 503);

    const error = await failure(client.getIssue(key));

    expect(error.kind).toBe('unavailable');
    expect(error.retriable).toBe(true);
    expect(server.requests.map((r) => r.status)).toEqual([503, 503, 503]);
  });

  it.each([
    ['a secondary limit with retry-after (403)', { retryAfterSeconds: 120, kind: 'secondary', status: 403 }],
    ['a secondary limit with retry-after (429)', { retryAfterSeconds: 90, kind: 'secondary', status: 429 }],
    ['the primary limit with x-ratelimit-reset', { retryAfterSeconds: 600, kind: 'primary', status: 403 }],
  ] as const)('turns %s into rate_limited with the wait GitHub asked for', async (_, limit) => {
    const key = server.addIssue({ repo: 'acme/checkout', title: 'Busy' });
    server.rateLimitNext(1, limit);
    const started = Date.now();

    const error = await failure(client.comment(key, 'Later.'));

    expect(error.kind).toBe('rate_limited');
    // x-ratelimit-reset is whole seconds: allow the second it was rounded into.
    expect(error.retryAfterMs).toBeGreaterThan((limit.retryAfterSeconds - 2) * 1000);
    expect(error.retryAfterMs).toBeLessThanOrEqual((limit.retryAfterSeconds + 1) * 1000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.issue(key).comments).toEqual([]);
  });

  it('waits out a rate limit of a second in-process, once', async () => {
    const key = server.addIssue({ repo: 'acme/checkout', title: 'Short wait' });
    server.rateLimitNext(1, { retryAfterSeconds: 1 });

    await client.addLabel(key, 'checked');

    expect(server.requests.map((r) => r.status)).toEqual([403, 200]);
    expect(server.issue(key).labels).toEqual(['checked']);
  });

  it('turns a revoked token into unauthorized, and never shows the token', async () => {
    const revoked = await GitHubServer.start();
    try {
      const key = revoked.addIssue({ repo: 'acme/checkout', title: 'Secret' });
      revoked.revokeToken();
      const leaky = new GitHubTrackerClient({ name: 'github', url: revoked.url, token: revoked.token });

      const error = await failure(leaky.getIssue(key));

      expect(error.kind).toBe('unauthorized');
      const shown = [
        error.message,
        error.stack ?? '',
        JSON.stringify(error),
        String(error),
        JSON.stringify({ ...error }),
      ];
      for (const text of shown) expect(text).not.toContain(revoked.token);
      expect(revoked.violations).toEqual([]);
    } finally {
      await revoked.stop();
    }
  });

  it('does not show the token when GitHub cannot be reached either', async () => {
    const token = server.token;
    const unreachable = new GitHubTrackerClient({
      name: 'github',
      url: `http://127.0.0.1:${await freePort()}`,
      token,
      retryBaseMs: 10,
      requestTimeoutMs: 2_000,
    });

    const error = await failure(unreachable.getIssue('acme/checkout#1'));

    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('no answer');
    for (const text of [error.message, error.stack ?? '', JSON.stringify(error)]) expect(text).not.toContain(token);
  });

  it('gives up on a GitHub that does not answer within the timeout', async () => {
    const silent = await SilentServer.start();
    silent.hang();
    try {
      const slow = new GitHubTrackerClient({
        name: 'silent',
        url: silent.url,
        token: 't',
        requestTimeoutMs: 300,
        retryBaseMs: 10,
      });
      const started = Date.now();

      const error = await failure(slow.getIssue('acme/checkout#1'));

      expect(error.kind).toBe('unavailable');
      expect(error.message).toContain('timed out');
      // Each of the three attempts (the first and two retries) had its own 300 ms.
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await silent.close();
    }
  });

  it('speaks to GitHub Enterprise Server under /api/v3, checked against its own description', async () => {
    const key = server.addIssue({
      repo: 'acme/checkout',
      title: 'On the enterprise host',
      labels: ['corrective-action'],
    });
    const ghes = new GitHubTrackerClient({ name: 'ghe', url: `${server.ghesUrl}/`, token: server.token });

    const issue = await ghes.getIssue(key);
    await ghes.comment(key, 'Checked.');
    const found = await all(ghes.search('repo:acme/checkout label:corrective-action is:issue'));

    expect(issue?.url).toBe(`${server.url}/acme/checkout/issues/${server.issue(key).number}`);
    expect(found.map((i) => i.key)).toContain(key);
    expect(server.requests.every((r) => r.path.startsWith('/api/v3/'))).toBe(true);
    expect(server.issue(key).comments).toHaveLength(1);
  });
});

describe('the fake GitHub itself', () => {
  let server: GitHubServer;
  beforeAll(async () => {
    server = await GitHubServer.start();
  });
  afterAll(() => server.stop());

  it('answers 422 and records a request that departs from the description', async () => {
    const key = server.addIssue({ repo: 'acme/checkout', title: 'Target' });
    const number = server.issue(key).number;
    const headers = { authorization: `token ${server.token}`, 'content-type': 'application/json' };

    const badBody = await fetch(`${server.url}/repos/acme/checkout/issues/${number}/comments`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ text: 'the field is called body' }),
    });
    const badState = await fetch(`${server.url}/repos/acme/checkout/issues/${number}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ state: 'reopened' }),
    });
    const badQuery = await fetch(`${server.url}/search/issues?q=repo:acme/checkout&per_page=lots`, { headers });

    expect([badBody.status, badState.status, badQuery.status]).toEqual([422, 422, 422]);
    expect(((await badBody.json()) as { message: string }).message).toBe('Validation Failed');
    expect(server.violations).toEqual([
      expect.stringMatching(/POST .*comments: issues\/create-comment request: body .*required property 'body'/),
      expect.stringMatching(/PATCH .*issues\/update request: body \/state must be equal to one of the allowed values/),
      expect.stringMatching(
        /GET \/search\/issues: search\/issues-and-pull-requests request: query \/per_page must be integer/,
      ),
    ]);
    expect(server.issue(key).comments).toEqual([]);
    expect(server.issue(key).state).toBe('open');
  });

  it('lists comments a page at a time, with the Link header GitHub sends', async () => {
    const key = server.addIssue({ repo: 'acme/listing', title: 'Talked about' });
    const path = `${server.url}/repos/acme/listing/issues/${server.issue(key).number}/comments`;
    const headers = { authorization: `token ${server.token}`, 'content-type': 'application/json' };
    for (const body of ['first', 'second', 'third'])
      expect((await fetch(path, { method: 'POST', headers, body: JSON.stringify({ body }) })).status).toBe(201);
    server.violations.length = 0;

    const page2 = await fetch(`${path}?per_page=1&page=2`, { headers });

    expect(page2.status).toBe(200);
    expect(((await page2.json()) as Array<{ body: string }>).map((c) => c.body)).toEqual(['second']);
    const link = page2.headers.get('link') ?? '';
    expect(link).toContain('page=3>; rel="next"');
    expect(link).toContain('page=1>; rel="prev"');
    expect(server.violations).toEqual([]);
  });

  it('records a departing request even while a fault answers it', async () => {
    const key = server.addIssue({ repo: 'acme/checkout', title: 'Faulty' });
    server.violations.length = 0;
    server.failNext(1, 503);

    const response = await fetch(`${server.url}/repos/acme/checkout/issues/${server.issue(key).number}/labels`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ labels: [] }),
    });

    expect(response.status).toBe(503);
    expect(server.violations).toContainEqual(
      expect.stringMatching(/issues\/add-labels request: body \/labels must NOT have fewer than 1 items/),
    );
  });

  it('records a request without the test token', async () => {
    const key = server.addIssue({ repo: 'acme/checkout', title: 'Anonymous' });
    server.violations.length = 0;

    const response = await fetch(`${server.url}/repos/acme/checkout/issues/${server.issue(key).number}`);

    expect(response.status).toBe(401);
    expect(server.violations).toEqual([expect.stringContaining('Authorization header')]);
  });

  it.each(['closed', 'reopened', 'labeled'] as const)(
    'builds an issues.%s webhook that validates and is signed as GitHub signs',
    async (action) => {
      const key = server.addIssue({ repo: 'acme/checkout', title: 'Hooked', labels: ['corrective-action'] });
      if (action === 'closed') server.close(key, 'completed', new Date('2026-11-30T12:00:00Z'));
      const secret = 'webhook-secret';

      const { headers, body } = await githubWebhook('issues', action, server.issue(key), {
        secret,
        deliveryId: 'delivery-1',
      });

      expect(headers['X-GitHub-Event']).toBe('issues');
      expect(headers['X-GitHub-Delivery']).toBe('delivery-1');
      expect(headers['content-type']).toBe('application/json');
      expect(await verify(secret, body, headers['X-Hub-Signature-256'])).toBe(true);
      expect(await verify('another-secret', body, headers['X-Hub-Signature-256'])).toBe(false);
      const payload = JSON.parse(body) as { action: string; issue: { number: number; state: string } };
      expect(payload.action).toBe(action);
      expect(payload.issue.number).toBe(server.issue(key).number);
    },
  );

  it('refuses to build a webhook the description would reject', async () => {
    const key = server.addIssue({ repo: 'acme/checkout', title: 'Untitled' });
    const broken = { ...server.issue(key), title: null as unknown as string };

    await expect(githubWebhook('issues', 'reopened', broken, { secret: 's', deliveryId: 'd' })).rejects.toThrow(
      /webhook-issues-reopened payload departs.*\/issue\/title must be string/,
    );
  });
});
