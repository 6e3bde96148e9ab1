import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import {
  describeEachDatabase,
  expectStatus,
  GitHubServer,
  githubWebhook,
  HttpClient,
  ServiceProcess,
  tempDir,
  type DatabaseChoice,
  type WebhookDelivery,
  startWithTrackers,
} from '@app/testing';
import { SUSTAINED_LATENCY_METRIC } from '@app/testing/scenario-seed';
import { DAY, HOUR, iso, MIDNIGHT, MINUTE } from '@app/testing/scenario-clock';
import { checkoutLatency, generateSamples, PrometheusFixture } from '@app/testing/prometheus';

/*
 * The whole loop on GitHub, as a team lives it: issues labelled in the tracker are imported as
 * actions, a success metric is attached, the issue is closed (the action is implemented, not
 * verified), the telemetry verifies it and the outcome is written back to the issue, the fix
 * slips back and the issue is reopened by the service, and GitHub's reopen moves the action back.
 * Against the service process, a fake GitHub that checks every request and answer against GitHub's
 * OpenAPI description, and a real Prometheus backfilled with the checkout latency.
 *
 * The steps share one story, so the `it`s run in order on shared state. The scheduler stays off
 * (the service tests' default, as in the write-back suite): a live pass at the wall clock would
 * score today's data between steps, and a second hourly slot inside the run would raise the
 * regression early. The telemetry is scored through backfills at the times it describes, as a
 * late-attached metric's is; the notifications run as configured below.
 */

const ACTIONS = '/api/v1/actions';
const TRACKER = 'gh';
const REPO = 'acme/checkout';
const SECRET = 'loop-webhook-secret-0123456789';
const PUBLIC_URL = 'https://remediation.example.com';
// Whole minutes, as GitHub's times are whole seconds. Created 12 days ago, within stallAfter (14d):
// an issue older than that is imported as a stalled action, and its stalled comment would be
// written back beside the outcomes this story counts.
const CREATED = MIDNIGHT - 12 * DAY;
const SHIPPED = MIDNIGHT - 10 * DAY;
// Fixed when the issue was closed, then back to the old latency five and a quarter days later.
const REGRESSED_AT = SHIPPED + 5 * DAY + 6 * HOUR;
const SERIES = {
  ...checkoutLatency('checkout', SHIPPED, 200),
  samples: generateSamples({ from: MIDNIGHT - 30 * DAY, to: MIDNIGHT, stepMs: 5 * MINUTE }, (t) =>
    t >= SHIPPED && t < REGRESSED_AT ? 200 : 400,
  ),
};
// A verifyWithin past today: the close, delivered days after it happened, must not make the action
// ineffective before its telemetry is scored.
const METRIC = {
  ...SUSTAINED_LATENCY_METRIC,
  verifyWithin: '14d',
  datasource: 'prom',
  query: 'checkout_latency_ms{service="checkout"}',
};

const markerOf = (body: string) => /<!-- remediation-event:([0-9a-f-]+) -->/.exec(body)?.[1] ?? null;

describeEachDatabase('the tracker loop on GitHub', (database: DatabaseChoice) => {
  let prometheus: PrometheusFixture;
  let github: GitHubServer;
  let service: ServiceProcess;
  let dir: string;
  let editor: HttpClient;
  let viewer: HttpClient;
  // The story's state, written by one step and read by the next.
  const keys = { linked: '', measured: '', other: '' };
  let linkedActionId: string;
  let actionId: string;
  let closedDelivery: WebhookDelivery;
  let verifiedEventId: string;

  beforeAll(async () => {
    prometheus = await PrometheusFixture.start({ series: [SERIES], now: MIDNIGHT });
    github = await GitHubServer.start();
    dir = tempDir('rt-loop-');
    const trackers = [
      {
        name: TRACKER,
        type: 'github',
        url: github.url,
        token: github.token,
        webhookSecret: SECRET,
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
    ({ editor, viewer } = await service.clientsFor({ editor: 'sre lead', viewer: 'dashboard' }));
    const issue = (title: string) =>
      github.addIssue({ repo: REPO, title, labels: ['postmortem-action'], createdAt: new Date(CREATED) });
    keys.linked = issue('Page on checkout error budget burn');
    keys.measured = issue('Cap the checkout retry storm');
    keys.other = issue('Write the checkout failover runbook');
    // The webhook description takes seconds to load the first time: loaded here, not inside a step.
    await githubWebhook('issues', 'opened', github.issue(keys.other), { secret: SECRET });
  }, 120_000);

  afterAll(async () => {
    expect(github?.violations ?? []).toEqual([]);
    await service?.destroy();
    await github?.stop();
    await prometheus?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const deliver = (delivery: WebhookDelivery) =>
    service.http.post(`/api/v1/trackers/${TRACKER}/webhook`, undefined, {
      key: null,
      rawBody: delivery.body,
      headers: delivery.headers,
    });

  async function action(id: string): Promise<Record<string, any>> {
    const res = await viewer.get(`${ACTIONS}/${id}`);
    expectStatus(res, 200);
    return res.body;
  }

  async function trail(id: string): Promise<Array<Record<string, any>>> {
    const res = await viewer.get(`${ACTIONS}/${id}/events?limit=100`);
    expectStatus(res, 200);
    return res.body.items;
  }

  async function backfill(from: number, to: number, every: string): Promise<void> {
    expectStatus(await editor.post(`${ACTIONS}/${actionId}/backfill`, { from: iso(from), to: iso(to), every }), 200);
  }

  /** Waits for the write-back of the event `match` picks to be settled (delivered or failed); that delivery. */
  async function writeBack(type: string, match: (d: any) => boolean): Promise<any> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await viewer.get(`/api/v1/notifications?target=tracker:${TRACKER}&type=${type}&limit=100`);
      expectStatus(res, 200);
      const found = res.body.items.find((d: any) => match(d) && d.state !== 'pending');
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no settled write-back of a ${type} event in time`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('1. imports the labelled issues as actions, skipping the one already linked', async () => {
    const linked = await editor.post(ACTIONS, {
      title: 'Page on the error budget',
      ownerTeam: 'payments',
      tracker: { name: TRACKER, key: keys.linked },
    });
    expectStatus(linked, 201);
    linkedActionId = linked.body.id;

    const res = await editor.post(`/api/v1/trackers/${TRACKER}/import`, {
      query: `repo:${REPO} label:postmortem-action`,
    });
    expectStatus(res, 201);
    expect(res.body.found).toBe(3);
    expect(res.body.skipped.map((i: any) => [i.key, i.actionId])).toEqual([[keys.linked, linkedActionId]]);
    expect(res.body.created.map((i: any) => i.key).sort()).toEqual([keys.measured, keys.other].sort());
    actionId = res.body.created.find((i: any) => i.key === keys.measured).actionId;
    expect(await action(actionId)).toMatchObject({
      title: 'Cap the checkout retry storm',
      ownerTeam: 'sre',
      status: 'open',
      openedAt: iso(CREATED),
      tracker: { name: TRACKER, key: keys.measured, state: 'open' },
    });
    // Importing writes nothing to the issues.
    for (const key of Object.values(keys)) expect(github.issue(key).comments).toEqual([]);
  });

  it('2. moves the action to implemented at the close time when its issue is closed as completed, not verified', async () => {
    expectStatus(await editor.post(`${ACTIONS}/${actionId}/metrics`, METRIC), 201);
    github.close(keys.measured, 'completed', new Date(SHIPPED));
    closedDelivery = await githubWebhook('issues', 'closed', github.issue(keys.measured), {
      secret: SECRET,
      deliveryId: randomUUID(),
    });
    const res = await deliver(closedDelivery);
    expectStatus(res, 200);
    expect(res.body).toEqual({
      outcome: 'applied',
      actionId,
      status: 'implemented',
      moves: ['in_progress', 'implemented'],
    });
    const after = await action(actionId);
    expect(after).toMatchObject({
      status: 'implemented',
      implementedAt: iso(SHIPPED),
      tracker: { state: 'closed' },
    });
    expect(after.flags).toEqual([]);
  });

  it('3. answers a duplicate delivery 2xx and a badly signed one 401, changing nothing', async () => {
    const before = await trail(actionId);
    const again = await deliver(closedDelivery);
    expectStatus(again, 200);
    expect(again.body).toEqual({ outcome: 'duplicate' });

    const forged = await githubWebhook('issues', 'closed', github.issue(keys.measured), {
      secret: 'not-the-configured-secret',
    });
    expect((await deliver(forged)).status).toBe(401);

    expect(await trail(actionId)).toEqual(before);
    expect((await action(actionId)).status).toBe('implemented');
  });

  it('4. verifies it from the telemetry and writes one comment and the verified label, once GitHub recovers', async () => {
    // Each write-back attempt's first call is tried three times by the client: two attempts fail.
    github.failNext(6, 503);
    await backfill(SHIPPED + DAY, SHIPPED + 4 * DAY, '6h');
    const verified = await action(actionId);
    expect(verified).toMatchObject({ status: 'verified', verification: 'telemetry' });

    const delivery = await writeBack('action.verified', (d) => d.payload.action.id === actionId);
    expect(delivery).toMatchObject({ state: 'delivered', attempts: 3, lastError: null });
    expect(github.requests.filter((r) => r.status === 503)).toHaveLength(6);
    verifiedEventId = delivery.eventId;

    const issue = github.issue(keys.measured);
    expect(issue.comments.map((c) => markerOf(c.body))).toEqual([verifiedEventId]);
    const [comment] = issue.comments;
    expect(comment.body).toContain('**Remediation verified by telemetry** — Cap the checkout retry storm');
    expect(comment.body).toContain(verified.metrics[0].latest.reason);
    expect(comment.body).toContain(`${PUBLIC_URL}/#/actions/${actionId}`);
    expect(issue.labels).toEqual(['postmortem-action', 'remediation:verified']);
    // A verification leaves a closed issue closed.
    expect(issue.state).toBe('closed');
  });

  it('5. on a regression comments, labels and reopens the issue; GitHub’s reopen moves the action to in_progress', async () => {
    await backfill(SHIPPED + 4 * DAY, SHIPPED + 7 * DAY, '12h');
    const regressed = await action(actionId);
    expect(regressed.status).toBe('verified');
    expect(regressed.flags.map((f: { kind: string }) => f.kind)).toEqual(['regressed']);

    const delivery = await writeBack('flag.raised', (d) => d.payload.flag?.kind === 'regressed');
    expect(delivery).toMatchObject({ state: 'delivered', lastError: null });
    const issue = github.issue(keys.measured);
    expect(issue.comments.map((c) => markerOf(c.body))).toEqual([verifiedEventId, delivery.eventId]);
    expect(issue.comments[1].body).toContain(
      '**Remediation regressed: the telemetry slipped back after verification**',
    );
    expect(issue.labels).toEqual(['postmortem-action', 'remediation:verified', 'remediation:regressed']);
    expect(issue.state).toBe('open');

    const before = (await trail(actionId)).length;
    const res = await deliver(await githubWebhook('issues', 'reopened', issue, { secret: SECRET }));
    expectStatus(res, 200);
    expect(res.body).toEqual({ outcome: 'applied', actionId, status: 'in_progress', moves: ['in_progress'] });
    const reopened = await action(actionId);
    expect(reopened).toMatchObject({ status: 'in_progress', tracker: { state: 'open' } });
    expect(reopened.flags).toEqual([]);
    const moves = (await trail(actionId)).slice(before).filter((e) => e.type === 'status_changed');
    expect(moves.map((e) => [e.changes.status.from, e.changes.status.to, e.actor])).toEqual([
      ['verified', 'in_progress', `tracker:${TRACKER}`],
    ]);
    // The issues the loop did not measure were never written to.
    expect(github.issue(keys.linked).comments).toEqual([]);
    expect(github.issue(keys.other).comments).toEqual([]);
  });
});
