import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import {
  describeEachDatabase,
  expectStatus,
  GitHubServer,
  HttpClient,
  JiraServer,
  ServiceProcess,
  type DatabaseChoice,
} from '@app/testing';

/*
 * Actions linked to tracker issues, and issues imported as actions, against fake GitHub and Jira
 * servers that check every request against the trackers' own API descriptions: a link is read
 * from the tracker and shown in the read model; a tracker, key or issue that does not exist is a
 * 400 naming the field, an issue linked elsewhere a 409, a tracker that cannot answer a 502, and
 * none of them writes anything.
 */

const DAY = 86_400_000;
const wholeSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);
const HOOK_SECRET = 'a-webhook-secret-of-some-length';

describeEachDatabase('linking actions to tracker issues', (database: DatabaseChoice) => {
  let github: GitHubServer;
  let jira: JiraServer;
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  const run = randomBytes(3).toString('hex');
  const repo = `acme/checkout-${run}`;
  const paymentsTeam = `payments-${run}`;
  const checkoutTeam = `checkout-${run}`;

  beforeAll(async () => {
    github = await GitHubServer.start();
    jira = await JiraServer.start();
    const trackers = [
      {
        name: 'github',
        type: 'github',
        url: github.url,
        token: github.token,
        webhookSecret: HOOK_SECRET,
        defaultTeam: `sre-${run}`,
        teamByLabel: { payments: paymentsTeam },
      },
      {
        name: 'jira',
        type: 'jira',
        url: jira.url,
        email: jira.email,
        token: jira.apiToken,
        webhookSecret: HOOK_SECRET,
        defaultTeam: `sre-${run}`,
        teamByComponent: { Checkout: checkoutTeam },
      },
    ];
    service = await ServiceProcess.start({ database, env: { REMEDIATION_TRACKERS: JSON.stringify(trackers) } });
    editor = await service.clientFor('tracker linker', 'editor');
    viewer = await service.clientFor('dashboard', 'viewer');
  }, 60_000);
  afterAll(async () => {
    await service?.destroy();
    await github?.stop();
    await jira?.close();
  });
  afterEach(() => {
    expect(github.violations).toEqual([]);
    expect(jira.violations).toEqual([]);
  });

  const newAction = (ownerTeam: string, extra: object = {}) =>
    editor.post('/api/v1/actions', { title: 'Cap client retries', ownerTeam, ...extra });
  const actionsOfTeam = async (team: string) => {
    const res = await viewer.get(`/api/v1/actions?team=${team}&limit=100`);
    expectStatus(res, 200);
    return res.body.items as Array<Record<string, any>>;
  };
  const events = async (id: string) => {
    const res = await viewer.get(`/api/v1/actions/${id}/events?limit=100`);
    expectStatus(res, 200);
    return res.body.items as Array<Record<string, any>>;
  };
  const issueNumber = (key: string) => key.split('#')[1];

  it('links on create: the read model shows the issue, and the creation event records the link', async () => {
    const key = github.addIssue({ repo, title: 'Add a circuit breaker', labels: ['payments'] });
    const res = await newAction(`link-${run}`, { tracker: { name: 'github', key: ` ${key.toUpperCase()} ` } });
    expectStatus(res, 201);
    const linked = {
      name: 'github',
      key,
      url: expect.stringMatching(/\/issues\/\d+$/),
      state: 'open',
      title: 'Add a circuit breaker',
      seenAt: expect.any(String),
    };
    expect(res.body.tracker).toEqual(linked);
    expect(res.body.tracker.url.endsWith(`/${repo}/issues/${issueNumber(key)}`)).toBe(true);
    const read = await viewer.get(`/api/v1/actions/${res.body.id}`);
    expect(read.body.tracker).toEqual(res.body.tracker);
    const [created] = await events(res.body.id);
    expect(created.type).toBe('created');
    expect(created.changes.tracker).toEqual({ from: null, to: { name: 'github', key } });
  });

  it('links on update, keeps the link when the field is absent, replaces it, and unlinks with null', async () => {
    const first = github.addIssue({ repo, title: 'Alert on pool saturation' });
    const second = github.addIssue({ repo, title: 'Document the failover', closedAt: new Date(Date.now() - DAY) });
    const created = await newAction(`update-${run}`);
    expectStatus(created, 201);
    expect(created.body.tracker).toBeNull();
    const id = created.body.id;

    const linked = await editor.patch(`/api/v1/actions/${id}`, { tracker: { name: 'github', key: first } });
    expectStatus(linked, 200);
    expect(linked.body.tracker).toMatchObject({ key: first, state: 'open', title: 'Alert on pool saturation' });

    const retitled = await editor.patch(`/api/v1/actions/${id}`, { title: 'Alert earlier on pool saturation' });
    expectStatus(retitled, 200);
    expect(retitled.body.tracker).toMatchObject({ key: first });

    const moved = await editor.patch(`/api/v1/actions/${id}`, {
      assignee: 'dana',
      tracker: { name: 'github', key: second },
    });
    expectStatus(moved, 200);
    expect(moved.body.tracker).toMatchObject({ key: second, state: 'closed', title: 'Document the failover' });

    const unlinked = await editor.patch(`/api/v1/actions/${id}`, { tracker: null });
    expectStatus(unlinked, 200);
    expect(unlinked.body.tracker).toBeNull();

    const trail = (await events(id)).map((e) => [e.type, e.changes.tracker ?? null, Object.keys(e.changes).sort()]);
    const ref = (key: string) => ({ name: 'github', key });
    expect(trail.slice(1)).toEqual([
      ['updated', { from: null, to: ref(first) }, ['tracker']],
      ['updated', null, ['title']],
      ['updated', { from: ref(first), to: ref(second) }, ['assignee', 'tracker']],
      ['updated', { from: ref(second), to: null }, ['tracker']],
    ]);
    // The issue it was linked to is free again.
    expectStatus(await newAction(`update-${run}`, { tracker: { name: 'github', key: second } }), 201);
  });

  it('refuses an unknown tracker, a key that is not one and an issue the tracker lacks, naming the field', async () => {
    const team = `refused-${run}`;
    const unknown = await newAction(team, { tracker: { name: 'linear', key: 'ENG-1' } });
    expectStatus(unknown, 400);
    expect(unknown.body.message).toContain('tracker.name: no tracker named "linear"');
    expect(unknown.body.message).toContain('"github", "jira"');

    const badKey = await newAction(team, { tracker: { name: 'github', key: 'checkout#12' } });
    expectStatus(badKey, 400);
    expect(badKey.body.message).toMatch(/^tracker\.key: "checkout#12" is not a GitHub issue key/);

    const missing = await newAction(team, { tracker: { name: 'github', key: `${repo}#999` } });
    expectStatus(missing, 400);
    expect(missing.body.message).toBe(`tracker.key: github has no issue ${repo}#999`);

    const noKey = await newAction(team, { tracker: { name: 'github' } });
    expectStatus(noKey, 400);
    expect(noKey.body.message).toContain('tracker.key');

    const jiraMissing = await newAction(team, { tracker: { name: 'jira', key: 'ops-404' } });
    expectStatus(jiraMissing, 400);
    expect(jiraMissing.body.message).toBe('tracker.key: jira has no issue OPS-404');

    expect(await actionsOfTeam(team)).toEqual([]);
  });

  it('refuses an issue linked to another action with a 409 naming that action, on create and on update', async () => {
    const team = `taken-${run}`;
    const key = github.addIssue({ repo, title: 'Rate-limit the retry storm' });
    const holder = await newAction(team, { tracker: { name: 'github', key } });
    expectStatus(holder, 201);

    const second = await newAction(team, { title: 'Another', tracker: { name: 'github', key } });
    expectStatus(second, 409);
    expect(second.body.message).toContain(holder.body.id);

    const other = await newAction(team, { title: 'Unlinked' });
    expectStatus(other, 201);
    const relink = await editor.patch(`/api/v1/actions/${other.body.id}`, {
      title: 'Changed too',
      tracker: { name: 'github', key },
    });
    expectStatus(relink, 409);
    expect(relink.body.message).toContain(holder.body.id);

    const left = await viewer.get(`/api/v1/actions/${other.body.id}`);
    expect([left.body.title, left.body.tracker]).toEqual(['Unlinked', null]);
    expect((await actionsOfTeam(team)).map((a) => a.title).sort()).toEqual(['Cap client retries', 'Unlinked']);
  });

  it('answers 409, not 500, to the loser of two requests linking one issue at once', async () => {
    const team = `race-${run}`;
    const key = github.addIssue({ repo, title: 'Bound the queue' });
    const answers = await Promise.all(
      ['First', 'Second', 'Third'].map((title) => newAction(team, { title, tracker: { name: 'github', key } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409))
      expect(refused.body.message).toMatch(/^tracker\.key: github issue .* is already linked to /);
    const kept = await actionsOfTeam(team);
    expect(kept.map((a) => a.tracker?.key)).toEqual([key]);
  });

  it('answers 502 naming the tracker when it is down, and writes nothing', async () => {
    const team = `down-${run}`;
    const key = github.addIssue({ repo, title: 'Shed load at the edge' });
    // The first try and the client's two retries, of reading this issue: outcomes the service writes
    // back to other issues meanwhile are not this test's concern.
    const issuePath = new RegExp(`^/repos/${key.replace('#', '/issues/')}$`);
    github.failNext(3, 503, issuePath);
    const res = await newAction(team, { tracker: { name: 'github', key } });
    expectStatus(res, 502);
    expect(res.body.message).toMatch(/^tracker "github" failed \(unavailable\)/);
    expect(res.text).not.toContain(github.token);
    expect(await actionsOfTeam(team)).toEqual([]);

    const plain = await newAction(team);
    expectStatus(plain, 201);
    github.failNext(3, 503, issuePath);
    const patched = await editor.patch(`/api/v1/actions/${plain.body.id}`, {
      title: 'Not this',
      tracker: { name: 'github', key },
    });
    expectStatus(patched, 502);
    const after = await viewer.get(`/api/v1/actions/${plain.body.id}`);
    expect([after.body.title, after.body.tracker]).toEqual(['Cap client retries', null]);
    expect(await events(plain.body.id)).toHaveLength(1);
  });

  it('lists actions with their links', async () => {
    const team = `list-${run}`;
    const key = github.addIssue({ repo, title: 'Pin the client library' });
    const linked = await newAction(team, { title: 'Linked', tracker: { name: 'github', key } });
    expectStatus(linked, 201);
    expectStatus(await newAction(team, { title: 'Alone' }), 201);
    const byTitle = new Map((await actionsOfTeam(team)).map((a) => [a.title, a.tracker]));
    expect(byTitle.get('Linked')).toMatchObject({ name: 'github', key, title: 'Pin the client library' });
    expect(byTitle.get('Alone')).toBeNull();
  });

  it('imports labelled GitHub issues: a linked one is skipped, the others become linked actions', async () => {
    const importRepo = `acme/import-${run}`;
    // GitHub's times are whole seconds.
    const opened = wholeSeconds(Date.now() - 20 * DAY);
    const closed = wholeSeconds(Date.now() - 2 * DAY);
    const open = github.addIssue({
      repo: importRepo,
      title: 'Cap the retry budget',
      body: 'From the outage.',
      labels: ['postmortem-action', 'payments', 'P1'],
      createdAt: opened,
    });
    const done = github.addIssue({
      repo: importRepo,
      title: 'Alert on queue depth',
      labels: ['postmortem-action', 'payments'],
      createdAt: opened,
      closedAt: closed,
      stateReason: 'completed',
    });
    const taken = github.addIssue({ repo: importRepo, title: 'Already tracked', labels: ['postmortem-action'] });
    github.addIssue({ repo: importRepo, title: 'Not a corrective action', labels: ['bug'] });
    const holder = await newAction(`holder-${run}`, { tracker: { name: 'github', key: taken } });
    expectStatus(holder, 201);
    const query = `repo:${importRepo} label:postmortem-action`;

    const dry = await editor.post('/api/v1/trackers/github/import', { query, dryRun: true });
    expectStatus(dry, 200);
    expect(dry.body.created).toEqual([]);
    expect(dry.body.wouldCreate.map((i: any) => [i.key, i.status]).sort()).toEqual([
      [open, 'would_create'],
      [done, 'would_create'],
    ]);
    expect(dry.body.skipped).toEqual([
      expect.objectContaining({ key: taken, actionId: holder.body.id, status: 'skipped' }),
    ]);
    expect(await actionsOfTeam(paymentsTeam)).toEqual([]);

    const res = await editor.post('/api/v1/trackers/github/import', { query });
    expectStatus(res, 201);
    expect(res.body.skipped.map((i: any) => [i.key, i.actionId])).toEqual([[taken, holder.body.id]]);
    expect(res.body.created).toHaveLength(2);
    const byKey = new Map<string, any>();
    for (const item of res.body.created) {
      const action = await viewer.get(`/api/v1/actions/${item.actionId}`);
      expectStatus(action, 200);
      byKey.set(item.key, action.body);
    }
    expect(byKey.get(open)).toMatchObject({
      title: 'Cap the retry budget',
      description: 'From the outage.',
      ownerTeam: paymentsTeam,
      priority: 'P1',
      status: 'open',
      openedAt: opened.toISOString(),
      tracker: { name: 'github', key: open, state: 'open' },
    });
    expect(byKey.get(done)).toMatchObject({
      ownerTeam: paymentsTeam,
      status: 'implemented',
      implementedAt: closed.toISOString(),
      openedAt: opened.toISOString(),
      tracker: { name: 'github', key: done, state: 'closed' },
    });
    // Nothing written to the issues.
    expect(github.issue(open).comments).toEqual([]);
    expect(github.issue(open).labels).toEqual(['postmortem-action', 'payments', 'P1']);

    const again = await editor.post('/api/v1/trackers/github/import', { query });
    expectStatus(again, 200);
    expect(again.body.created).toEqual([]);
    expect(again.body.skipped.map((i: any) => i.key).sort()).toEqual([open, done, taken].sort());
  });

  it('answers 502 when the search fails, and lets only editors import', async () => {
    const importRepo = `acme/down-${run}`;
    github.addIssue({ repo: importRepo, title: 'Never imported', labels: ['payments'] });
    github.failNext(3, 503, /^\/search\/issues$/);
    const res = await editor.post('/api/v1/trackers/github/import', { query: `repo:${importRepo}` });
    expectStatus(res, 502);
    expect(res.body.message).toMatch(/^tracker "github" failed \(unavailable\)/);
    expect(await actionsOfTeam(paymentsTeam)).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ title: 'Never imported' })]),
    );
    expectStatus(await viewer.post('/api/v1/trackers/github/import', { query: `repo:${importRepo}` }), 403);
    expectStatus(await editor.post('/api/v1/trackers/nowhere/import', { query: `repo:${importRepo}` }), 404);
    expectStatus(await editor.post('/api/v1/trackers/github/import', { query: ' ' }), 400);
  });

  it('imports from Jira with JQL', async () => {
    const created = new Date(Date.now() - 10 * DAY);
    const resolved = new Date(Date.now() - DAY);
    const checkout = jira.addIssue({
      project: 'OPS',
      summary: 'Add a checkout fallback',
      description: 'Serve the cached cart.',
      labels: ['postmortem-action'],
      components: ['Checkout'],
      priority: 'High',
      created,
    });
    const finished = jira.addIssue({
      project: 'OPS',
      summary: 'Rotate the on-call runbook',
      labels: ['postmortem-action'],
      created,
      status: 'Done',
      resolution: 'Done',
      resolutiondate: resolved,
    });
    jira.addIssue({ project: 'OPS', summary: 'Unrelated', labels: ['chore'], created });

    const res = await editor.post('/api/v1/trackers/jira/import', {
      query: 'project = OPS AND labels = postmortem-action ORDER BY key',
    });
    expectStatus(res, 201);
    expect(res.body.created.map((i: any) => i.key)).toEqual([checkout, finished]);
    const [a, b] = await Promise.all(
      res.body.created.map(async (i: any) => (await viewer.get(`/api/v1/actions/${i.actionId}`)).body),
    );
    expect(a).toMatchObject({
      ownerTeam: checkoutTeam,
      priority: 'P1',
      status: 'open',
      openedAt: created.toISOString(),
      tracker: { name: 'jira', key: checkout, state: 'open', title: 'Add a checkout fallback' },
    });
    expect(b).toMatchObject({
      ownerTeam: `sre-${run}`,
      status: 'implemented',
      implementedAt: resolved.toISOString(),
      tracker: { name: 'jira', key: finished, state: 'closed' },
    });
  });
});
