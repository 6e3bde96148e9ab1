import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import {
  describeEachDatabase,
  expectStatus,
  GitHubServer,
  HttpClient,
  JiraServer,
  seedSql,
  ServiceProcess,
  tempDir,
  type DatabaseChoice,
  startWithTrackers,
} from '@app/testing';
import { SUSTAINED_LATENCY_METRIC } from '@app/testing/scenario-seed';
import { DAY, iso, MIDNIGHT } from '@app/testing/scenario-clock';
import { checkoutLatency, PrometheusFixture } from '@app/testing/prometheus';

const ACTIONS = '/api/v1/actions';
const OPENED = MIDNIGHT - 20 * DAY;
const SHIPPED = MIDNIGHT - 10 * DAY;
const PUBLIC_URL = 'https://remediation.example.com';
const TRACKER = 'gh';
const METRIC = { ...SUSTAINED_LATENCY_METRIC, datasource: 'prom' };

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const markerOf = (body: string) => /<!-- remediation-event:([0-9a-f-]+) -->/.exec(body)?.[1] ?? null;

describeEachDatabase('outcomes written back to linked GitHub issues', (database: DatabaseChoice) => {
  let prometheus: PrometheusFixture;
  let github: GitHubServer;
  let jira: JiraServer;
  let service: ServiceProcess;
  let dir: string;
  let editor: HttpClient;
  let viewer: HttpClient;

  beforeAll(async () => {
    prometheus = await PrometheusFixture.start({ series: [checkoutLatency('fixed', SHIPPED, 200)], now: MIDNIGHT });
    github = await GitHubServer.start();
    jira = await JiraServer.start({ reopenTransition: 'Reopen issue' });
    dir = tempDir('rt-writeback-');
    const trackers = [
      {
        name: TRACKER,
        type: 'github',
        url: github.url,
        token: github.token,
        webhookSecret: 'tracker-webhook-secret-0123',
        defaultTeam: 'sre',
      },
      {
        name: 'jira',
        type: 'jira',
        url: jira.url,
        email: jira.email,
        token: jira.apiToken,
        reopenTransition: 'Reopen issue',
        webhookSecret: 'jira-webhook-secret-0123',
        defaultTeam: 'sre',
      },
    ];
    service = await startWithTrackers({
      database,
      dir,
      prometheusUrl: prometheus.url,
      publicUrl: PUBLIC_URL,
      trackers,
    });
    ({ editor, viewer } = await service.clientsFor({ editor: 'sre', viewer: 'dashboard' }));
  }, 60_000);
  afterAll(async () => {
    expect(github?.violations ?? []).toEqual([]);
    expect(jira?.violations ?? []).toEqual([]);
    await service?.destroy();
    await github?.stop();
    await jira?.close();
    await prometheus?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function create(body: Record<string, unknown>): Promise<string> {
    const res = await editor.post(ACTIONS, body);
    expectStatus(res, 201);
    return res.body.id;
  }

  /** The link as the link API would write it; SQL here so this suite stands on the write-back alone. */
  function linkSql(actionId: string, key: string, state: 'open' | 'closed', tracker = TRACKER): string {
    const url =
      tracker === TRACKER
        ? `https://github.com/${github.issue(key).owner}/${github.issue(key).repo}/issues/${github.issue(key).number}`
        : `https://jira.example.com/browse/${key}`;
    return `INSERT INTO tracker_links (action_id, tracker, issue_key, url, title, state, seen_at)
      VALUES (${quote(actionId)}, ${quote(tracker)}, ${quote(key)}, ${quote(url)}, 'linked', ${quote(state)}, now());`;
  }

  /** An outbox event as the scorer writes it when a flag is raised or an action verified. */
  function eventSql(id: string, type: string, body: Record<string, unknown>): string {
    return `INSERT INTO notification_events (id, type, occurred_at, body)
      VALUES (${quote(id)}, ${quote(type)}, now(), ${quote(JSON.stringify(body))}::jsonb);`;
  }

  async function action(id: string): Promise<Record<string, any>> {
    const res = await viewer.get(`${ACTIONS}/${id}`);
    expectStatus(res, 200);
    return res.body;
  }

  const notified = (a: Record<string, any>) => ({
    id: a.id,
    title: a.title,
    ownerTeam: a.ownerTeam,
    priority: a.priority,
    status: a.status,
    dueAt: a.dueAt,
  });

  async function deliveries(query: string, tracker = TRACKER): Promise<any[]> {
    const res = await viewer.get(`/api/v1/notifications?target=tracker:${tracker}&${query}`);
    expectStatus(res, 200);
    return res.body.items;
  }

  /** Waits for the write-back delivery of an event to be settled, and returns it. */
  async function settled(eventId: string, tracker = TRACKER): Promise<any> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = (await deliveries('limit=100', tracker)).find(
        (d) => d.eventId === eventId && d.state !== 'pending',
      );
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`the write-back of event ${eventId} was not settled in time`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('writes one comment with the measured outcome and the verified label when scoring verifies a linked action', async () => {
    const id = await create({
      title: 'Cap the checkout retry storm',
      ownerTeam: 'payments',
      openedAt: iso(OPENED),
      status: 'implemented',
      implementedAt: iso(SHIPPED),
    });
    const key = github.addIssue({ repo: 'acme/checkout', title: 'Cap the checkout retry storm', labels: ['incident'] });
    await seedSql(service, linkSql(id, key, 'open'));
    expectStatus(
      await editor.post(`${ACTIONS}/${id}/metrics`, { ...METRIC, query: 'checkout_latency_ms{service="fixed"}' }),
      201,
    );
    expectStatus(
      await editor.post(`${ACTIONS}/${id}/backfill`, {
        from: iso(SHIPPED + DAY),
        to: iso(SHIPPED + 4 * DAY),
        every: '6h',
      }),
      200,
    );
    expect((await action(id)).status).toBe('verified');
    const [verified] = await waitForDeliveries('type=action.verified', (d) => d.payload.action.id === id);
    expect(await settled(verified.eventId)).toMatchObject({ state: 'delivered', lastError: null });

    const issue = github.issue(key);
    const comments = issue.comments.filter((c) => markerOf(c.body) === verified.eventId);
    expect(comments).toHaveLength(1);
    const [comment] = comments;
    expect(comment.body).toContain('**Remediation verified by telemetry** — Cap the checkout retry storm');
    // The metric's numbers, baseline → latest value vs goal, and the verdict's reason as the API shows it.
    const [metric] = (await action(id)).metrics;
    expect(comment.body).toContain(`- **${METRIC.name}**: `);
    expect(comment.body).toMatch(/→ .* vs goal ≤ /);
    expect(comment.body).toContain(metric.latest.reason);
    expect(comment.body).toContain(`${PUBLIC_URL}/#/actions/${id}`);
    expect(issue.labels).toEqual(expect.arrayContaining(['incident', 'remediation:verified']));
    expect(issue.state).toBe('open');
    // Every comment reports one event, once: none was written twice, none without its event.
    const markers = issue.comments.map((c) => markerOf(c.body));
    expect(markers).not.toContain(null);
    expect(new Set(markers).size).toBe(markers.length);
  });

  it('comments, labels and reopens the closed issue of an action that regressed', async () => {
    const id = await create({ title: 'Shed load before the pool saturates', ownerTeam: 'payments' });
    const key = github.addIssue({
      repo: 'acme/checkout',
      title: 'Shed load before the pool saturates',
      closedAt: new Date(MIDNIGHT - 2 * DAY),
    });
    const eventId = randomUUID();
    const reason = 'checkout latency back above its goal for 3 checks after verification';
    const body = {
      action: notified(await action(id)),
      flag: { kind: 'regressed', reason, raisedAt: new Date().toISOString(), clearedAt: null },
      evidence: [],
    };
    await seedSql(service, linkSql(id, key, 'closed') + eventSql(eventId, 'flag.raised', body));

    expect(await settled(eventId)).toMatchObject({ state: 'delivered', type: 'flag.raised' });
    const issue = github.issue(key);
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0].body).toContain(
      '**Remediation regressed: the telemetry slipped back after verification**',
    );
    expect(issue.comments[0].body).toContain(`Why: ${reason}`);
    expect(markerOf(issue.comments[0].body)).toBe(eventId);
    expect(issue.labels).toEqual(['remediation:regressed']);
    expect(issue.state).toBe('open');
  });

  it('leaves an issue alone for an event that is not an outcome, and a tracker no longer configured', async () => {
    const id = await create({ title: 'Alert on queue depth', ownerTeam: 'payments' });
    const retiredId = await create({ title: 'Linked to a tracker since removed', ownerTeam: 'payments' });
    const retiredEvent = randomUUID();
    const key = github.addIssue({ repo: 'acme/checkout', title: 'Alert on queue depth' });
    const shown = notified(await action(id));
    const flag = (kind: string) => ({
      action: shown,
      flag: { kind, reason: 'r', raisedAt: new Date().toISOString(), clearedAt: null },
      evidence: [],
    });
    const cleared = randomUUID();
    const overdue = randomUUID();
    const stalled = randomUUID();
    await seedSql(
      service,
      linkSql(id, key, 'open') +
        eventSql(cleared, 'flag.cleared', flag('regressed')) +
        eventSql(overdue, 'flag.raised', flag('overdue')) +
        eventSql(stalled, 'flag.raised', flag('stalled')) +
        linkSql(retiredId, 'OLD-1', 'open', 'retired') +
        eventSql(retiredEvent, 'flag.raised', { ...flag('stalled'), action: notified(await action(retiredId)) }),
    );
    // The stalled flag is written back; the other events were fanned out in the same batch.
    expect(await settled(stalled)).toMatchObject({ state: 'delivered' });
    const ids = (await deliveries('limit=100')).map((d) => d.eventId);
    expect(ids).not.toContain(cleared);
    expect(ids).not.toContain(overdue);
    expect(github.issue(key).comments.map((c) => markerOf(c.body))).toEqual([stalled]);
    expect(github.issue(key).labels).toEqual(['remediation:stalled']);
    expect(await deliveries('limit=100', 'retired')).toEqual([]);
  });

  it('writes nothing for a stall the action had already when it was linked (an old item imported)', async () => {
    const openedAt = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const id = await create({ title: 'Rotate the ledger keys', ownerTeam: 'payments', openedAt });
    const key = github.addIssue({ repo: 'acme/checkout', title: 'Rotate the ledger keys' });
    const eventId = randomUUID();
    const body = {
      action: notified(await action(id)),
      flag: { kind: 'stalled', reason: 'no move in 40 days', raisedAt: new Date().toISOString(), clearedAt: null },
      evidence: [],
    };
    await seedSql(service, linkSql(id, key, 'open') + eventSql(eventId, 'flag.raised', body));
    expect(await settled(eventId)).toMatchObject({ state: 'delivered' });
    expect(github.issue(key).comments).toEqual([]);
    expect(github.issue(key).labels).toEqual([]);
    expect(github.violations).toEqual([]);
  });

  it('retries while GitHub answers 503 and writes the outcome once it recovers, one comment', async () => {
    const id = await create({ title: 'Retry budget per client', ownerTeam: 'payments' });
    const key = github.addIssue({ repo: 'acme/checkout', title: 'Retry budget per client' });
    const eventId = randomUUID();
    const body = {
      action: notified(await action(id)),
      verification: 'manual',
      closedAt: new Date().toISOString(),
      evidence: [],
    };
    // Each attempt's first call is tried three times by the client itself: six failures fail two attempts.
    github.failNext(6, 503);
    await seedSql(service, linkSql(id, key, 'open') + eventSql(eventId, 'action.verified', body));

    const delivery = await settled(eventId);
    expect(delivery).toMatchObject({ state: 'delivered', attempts: 3, lastError: null });
    expect(github.requests.filter((r) => r.status === 503)).toHaveLength(6);
    const issue = github.issue(key);
    expect(issue.comments.map((c) => markerOf(c.body))).toEqual([eventId]);
    expect(issue.comments[0].body).toContain('Why: verified by a person');
    expect(issue.labels).toEqual(['remediation:verified']);
  });

  it('does not comment again when the issue already carries the event’s comment (a crash before the label)', async () => {
    const id = await create({ title: 'Bound the connection pool', ownerTeam: 'payments' });
    const key = github.addIssue({ repo: 'acme/checkout', title: 'Bound the connection pool' });
    const eventId = randomUUID();
    // What an attempt that commented and then crashed left behind.
    github.issue(key).comments.push({
      id: 990_001,
      body: `**Remediation stalled: no recent progress** — Bound the connection pool\n\n<!-- remediation-event:${eventId} -->`,
      createdAt: new Date(),
      author: 'remediation-bot',
    });
    const body = {
      action: notified(await action(id)),
      flag: { kind: 'stalled', reason: 'no progress in 14 days', raisedAt: new Date().toISOString(), clearedAt: null },
      evidence: [],
    };
    await seedSql(service, linkSql(id, key, 'open') + eventSql(eventId, 'flag.raised', body));

    expect(await settled(eventId)).toMatchObject({ state: 'delivered' });
    const issue = github.issue(key);
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0].id).toBe(990_001);
    expect(issue.labels).toEqual(['remediation:stalled']);
  });

  it('comments in ADF, labels and applies the reopen transition to the resolved Jira issue of a regressed action', async () => {
    const id = await create({ title: 'Drain the payment queue on deploy', ownerTeam: 'payments' });
    const key = jira.addIssue({ project: 'OPS', summary: 'Drain the payment queue on deploy', labels: ['postmortem'] });
    jira.resolve(key, 'Done', new Date(MIDNIGHT - 3 * DAY));
    const eventId = randomUUID();
    const reason = 'queue drain time back above its goal after verification';
    const body = {
      action: notified(await action(id)),
      flag: { kind: 'regressed', reason, raisedAt: new Date().toISOString(), clearedAt: null },
      evidence: [],
    };
    await seedSql(service, linkSql(id, key, 'closed', 'jira') + eventSql(eventId, 'flag.raised', body));

    expect(await settled(eventId, 'jira')).toMatchObject({ state: 'delivered', lastError: null });
    const issue = jira.issue(key);
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0].text).toContain('Remediation regressed: the telemetry slipped back after verification');
    expect(issue.comments[0].text).toContain(`Why: ${reason}`);
    expect(issue.comments[0].text).toContain(`remediation-event:${eventId}`);
    expect(issue.labels).toEqual(['postmortem', 'remediation:regressed']);
    expect(issue).toMatchObject({ status: 'To Do', resolution: null });
    // Nothing went to GitHub for it.
    expect((await deliveries('limit=100')).map((d) => d.eventId)).not.toContain(eventId);
  });

  async function waitForDeliveries(query: string, match: (d: any) => boolean): Promise<any[]> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = (await deliveries(`${query}&limit=100`)).filter(match);
      if (found.length > 0) return found;
      if (Date.now() > deadline) throw new Error(`no write-back delivery for ${query}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
});
