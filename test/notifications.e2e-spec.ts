import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { rmSync } from 'node:fs';
import {
  API_ENTRY,
  describeEachDatabase,
  expectStatus,
  HttpClient,
  itOnPostgres,
  runToExit,
  SCORER_ENTRY,
  ScoringApi,
  ServiceProcess,
  tempDir,
  WebhookReceiver,
  type DatabaseChoice,
  type ReceivedWebhook,
  fastNotificationsConfig,
} from '@app/testing';
import { SUSTAINED_LATENCY_METRIC } from '@app/testing/scenario-seed';
import { DAY, HOUR, iso, MIDNIGHT } from '@app/testing/scenario-clock';
import { checkoutLatency, PrometheusFixture } from '@app/testing/prometheus';

const ACTIONS = '/api/v1/actions';
const OPENED = MIDNIGHT - 20 * DAY;
const SHIPPED = MIDNIGHT - 10 * DAY;
const SECRET = 'receiver-shared-secret-0123';
const PUBLIC_URL = 'https://remediation.example.com';

const METRIC = { ...SUSTAINED_LATENCY_METRIC, datasource: 'prom' };

const typeOf = (r: ReceivedWebhook) => r.headers['x-remediation-event-type'] as string;
const idOf = (r: ReceivedWebhook) => r.headers['x-remediation-event-id'] as string;

/** What a receiver does with X-Remediation-Signature, written out here rather than imported. */
function signatureHolds(r: ReceivedWebhook, secret: string): boolean {
  const timestamp = r.headers['x-remediation-timestamp'] as string;
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`;
  return r.headers['x-remediation-signature'] === expected;
}

describeEachDatabase('webhook notifications', (database: DatabaseChoice) => {
  let prometheus: PrometheusFixture;
  let receiver: WebhookReceiver;
  let service: ServiceProcess;
  let dir: string;
  let editor: HttpClient;
  let viewer: HttpClient;
  let scorer: HttpClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    prometheus = await PrometheusFixture.start({
      series: [checkoutLatency('fixed', SHIPPED, 200), checkoutLatency('unfixed', SHIPPED, 398)],
      now: MIDNIGHT,
    });
    receiver = await WebhookReceiver.start();
    // Fails twice for every event, then accepts: the third attempt delivers.
    receiver.respond('/flaky', ({ seen }) => (seen < 2 ? 500 : 200));
    receiver.respond('/gone', () => 410);
    dir = tempDir('rt-notify-');
    const webhooks = [
      { name: 'signed', url: `${receiver.url}/signed`, secret: SECRET },
      { name: 'flaky', url: `${receiver.url}/flaky`, events: ['action.verified'] },
      { name: 'slack', url: `${receiver.url}/slack`, format: 'slack', events: ['flag.raised'] },
      {
        name: 'gone',
        url: `${receiver.url}/gone`,
        events: ['action.verified'],
        headers: { authorization: 'Bearer receiver-token' },
      },
      { name: 'digest', url: `${receiver.url}/digest`, events: ['digest.weekly'] },
    ];
    service = await ServiceProcess.start({
      database,
      datasources: [{ name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 }],
      env: {
        REMEDIATION_CONFIG: fastNotificationsConfig(dir, { publicUrl: PUBLIC_URL, maxAttempts: 4, leaseFor: '10s' }),
        REMEDIATION_WEBHOOKS: JSON.stringify(webhooks),
      },
    });
    ({ editor, viewer, scorer } = await service.clientsFor({ editor: 'sre', viewer: 'dashboard', scorer: 'cron' }));
  }, 60_000);
  afterAll(async () => {
    await service?.destroy();
    await receiver?.stop();
    await prometheus?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function create(body: Record<string, unknown>): Promise<string> {
    const res = await editor.post(ACTIONS, body);
    expectStatus(res, 201);
    return res.body.id;
  }

  async function patch(id: string, body: Record<string, unknown>): Promise<void> {
    expectStatus(await editor.patch(`${ACTIONS}/${id}`, body), 200);
  }

  /**
   * Imported as shipped 10 days ago, then given a metric: its verifyWithin (3d) is long past, so the
   * action is ineffective from the moment the metric is attached, until its checks say otherwise.
   */
  async function shipped(title: string, ownerTeam: string, query: string): Promise<string> {
    const id = await create({
      title,
      ownerTeam,
      openedAt: iso(OPENED),
      assignee: 'Jane Roe',
      status: 'implemented',
      implementedAt: iso(SHIPPED),
    });
    expectStatus(await editor.post(`${ACTIONS}/${id}/metrics`, { ...METRIC, query }), 201);
    return id;
  }
  const about = (id: string) => (event: any) => event.action?.id === id;

  /** The action's one metric as the API shows it, with its latest check's reason. */
  async function shownMetric(id: string): Promise<{ name: string; latest: { reason: string | null } }> {
    const res = await viewer.get(`${ACTIONS}/${id}`);
    expectStatus(res, 200);
    expect(res.body.metrics).toHaveLength(1);
    return res.body.metrics[0];
  }

  const run = (id: string, at: number) => new ScoringApi(viewer, scorer).run(id, at);
  const signed = (type: string) =>
    receiver
      .on('/signed')
      .filter((r) => typeOf(r) === type)
      .map((r) => JSON.parse(r.body));

  async function deliveries(query: string): Promise<any[]> {
    const res = await viewer.get(`/api/v1/notifications?${query}`);
    expectStatus(res, 200);
    return res.body.items;
  }

  it('sends action.verified when scoring verifies a fix, signed, to every target that takes it', async () => {
    ids.fixed = await shipped('Cap the checkout retry storm', 'payments', 'checkout_latency_ms{service="fixed"}');
    const res = await editor.post(`${ACTIONS}/${ids.fixed}/backfill`, {
      from: iso(SHIPPED + DAY),
      to: iso(SHIPPED + 4 * DAY),
      every: '6h',
    });
    expectStatus(res, 200);
    await receiver.waitFor(() => signed('action.verified').length === 1);

    const [event] = signed('action.verified');
    // The evidence: each metric's latest reason, as the API shows it (nothing scored it since).
    const metric = await shownMetric(ids.fixed);
    expect(metric.latest.reason).toEqual(expect.stringMatching(/\S/));
    expect(event).toEqual({
      id: expect.any(String),
      type: 'action.verified',
      occurredAt: iso(SHIPPED + 3 * DAY),
      action: {
        id: ids.fixed,
        title: 'Cap the checkout retry storm',
        ownerTeam: 'payments',
        priority: 'P2',
        status: 'verified',
        dueAt: iso(OPENED + 90 * DAY),
        url: `${PUBLIC_URL}/api/v1/actions/${ids.fixed}`,
      },
      verification: 'telemetry',
      closedAt: iso(SHIPPED + 3 * DAY),
      evidence: [{ metric: 'checkout latency', reason: metric.latest.reason }],
    });
    const request = receiver.on('/signed').find((r) => typeOf(r) === 'action.verified')!;
    expect(request.body).not.toContain('Jane Roe');
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'x-remediation-event-id': event.id,
      'x-remediation-event-type': 'action.verified',
      'x-remediation-attempt': '1',
    });
    expect(Math.abs(Number(request.headers['x-remediation-timestamp']) - Date.now() / 1000)).toBeLessThan(120);
    expect(signatureHolds(request, SECRET)).toBe(true);
    expect(signatureHolds(request, `${SECRET}-other`)).toBe(false);
    expect(signatureHolds({ ...request, body: request.body.replace('payments', 'paymentz') }, SECRET)).toBe(false);
  });

  it('retries a receiver answering 500 with the same event id until it accepts, and shows the attempts', async () => {
    await receiver.waitFor(() => receiver.on('/flaky').some((r) => r.status === 200));
    const flaky = receiver.on('/flaky');
    expect(flaky.map((r) => r.status)).toEqual([500, 500, 200]);
    const [eventId] = signed('action.verified').map((e) => e.id);
    expect(flaky.map(idOf)).toEqual([eventId, eventId, eventId]);
    expect(flaky.map((r) => r.headers['x-remediation-attempt'])).toEqual(['1', '2', '3']);
    // Unsigned target: no signature header at all.
    expect(flaky[0].headers['x-remediation-signature']).toBeUndefined();
    expect(new Set(flaky.map((r) => r.body)).size).toBe(1);

    // The receiver has its 200 before the dispatcher has settled the delivery: wait for that.
    await waitUntil(async () => (await deliveries('target=flaky'))[0]?.state === 'delivered');
    // And on /metrics, by target and outcome.
    const metrics = (await fetch(`${service.baseUrl}/metrics`).then((r) => r.text())).split('\n');
    expect(metrics).toContain('remediation_notifications_attempts_total{target="flaky",outcome="retry"} 2');
    expect(metrics).toContain('remediation_notifications_attempts_total{target="flaky",outcome="delivered"} 1');

    const [delivery] = await deliveries('target=flaky');
    expect(delivery).toEqual({
      id: expect.any(String),
      eventId,
      type: 'action.verified',
      target: 'flaky',
      state: 'delivered',
      attempts: 3,
      lastAttemptAt: expect.any(String),
      nextAttemptAt: null,
      lastStatus: 200,
      lastError: null,
      deliveredAt: expect.any(String),
      createdAt: expect.any(String),
      payload: expect.objectContaining({
        id: eventId,
        type: 'action.verified',
        action: expect.objectContaining({ id: ids.fixed }),
      }),
    });
  });

  it('gives a delivery up at once when the receiver answers 410 Gone, with the target’s own headers sent', async () => {
    await receiver.waitFor(() => receiver.on('/gone').length >= 1);
    const [delivery] = await waitForDeliveries('target=gone&state=failed', 1);
    expect(delivery).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastStatus: 410,
      nextAttemptAt: null,
      deliveredAt: null,
    });
    expect(delivery.lastError).toContain('410');
    expect(receiver.on('/gone')).toHaveLength(1);
    expect(receiver.on('/gone')[0].headers.authorization).toBe('Bearer receiver-token');
  });

  async function waitForDeliveries(query: string, count: number): Promise<any[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const items = await deliveries(query);
      if (items.length >= count) return items;
      if (Date.now() > deadline)
        throw new Error(`expected ${count} deliveries for ${query}, have ${JSON.stringify(items)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('sends flag.raised and action.ineffective when a fix did not move the telemetry', async () => {
    const before = Date.now();
    ids.unfixed = await shipped('Tune the connection pool', 'payments', 'checkout_latency_ms{service="unfixed"}');
    // Raised when the metric was attached (the fix is past its verifyWithin); a check after the
    // deadline confirms it. (A check dated before the deadline would clear it, and the next raise it anew.)
    await run(ids.unfixed, SHIPPED + 4 * DAY);
    const mine = (type: string) => signed(type).filter(about(ids.unfixed));
    await receiver.waitFor(() => mine('action.ineffective').length === 1 && mine('flag.raised').length === 1);
    const [raised] = mine('flag.raised');
    const [ineffective] = mine('action.ineffective');
    expect(raised).toMatchObject({
      type: 'flag.raised',
      action: { id: ids.unfixed, status: 'implemented', ownerTeam: 'payments' },
      flag: { kind: 'ineffective', reason: expect.any(String), clearedAt: null },
    });
    expect(raised.occurredAt).toBe(raised.flag.raisedAt);
    expect(Date.parse(raised.flag.raisedAt)).toBeGreaterThanOrEqual(before);
    // Two events, two ids; the same flag in both.
    expect(ineffective.id).not.toBe(raised.id);
    expect(ineffective.flag).toEqual(raised.flag);
    // Raised as the metric was attached, before its first check: the metric is named, with no reason yet.
    expect(raised.evidence).toEqual([{ metric: 'checkout latency', reason: null }]);
    expect(ineffective.evidence).toEqual(raised.evidence);
  });

  it('sends flag.raised and flag.cleared for an overdue action, and only flag.raised to the slack target, as a Slack message', async () => {
    // Created past due: raised by the create; a later due date clears it in the PATCH.
    ids.late = await create({
      title: 'Rotate the search certificates',
      ownerTeam: 'search',
      openedAt: iso(MIDNIGHT - 5 * DAY),
      dueAt: iso(MIDNIGHT - 2 * DAY),
    });
    await patch(ids.late, { dueAt: iso(MIDNIGHT + 30 * DAY) });
    const mine = (type: string) => signed(type).filter(about(ids.late));
    // Slack takes every flag.raised: the two ineffective fixes' and this one.
    await receiver.waitFor(() => mine('flag.cleared').length === 1 && receiver.on('/slack').length === 3);

    const [overdue] = mine('flag.raised');
    expect(overdue).toMatchObject({
      occurredAt: overdue.flag.raisedAt,
      action: { id: ids.late, ownerTeam: 'search' },
      flag: { kind: 'overdue', clearedAt: null },
    });
    const [cleared] = mine('flag.cleared');
    expect(cleared).toMatchObject({
      occurredAt: cleared.flag.clearedAt,
      action: { id: ids.late, dueAt: iso(MIDNIGHT + 30 * DAY) },
      flag: { kind: 'overdue', reason: overdue.flag.reason, raisedAt: overdue.flag.raisedAt },
    });
    expect(Date.parse(cleared.flag.clearedAt)).toBeGreaterThanOrEqual(Date.parse(overdue.flag.raisedAt));

    const slack = receiver.on('/slack');
    expect(slack.map(typeOf)).toEqual(['flag.raised', 'flag.raised', 'flag.raised']);
    expect(new Set(slack.map(idOf))).toEqual(new Set(signed('flag.raised').map((e) => e.id)));
    for (const request of slack) {
      const message = JSON.parse(request.body);
      expect(Object.keys(message).sort()).toEqual(['blocks', 'text']);
      expect(message.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: message.text } });
      expect(message.blocks.at(-1)).toMatchObject({ type: 'context' });
    }
    const texts = slack.map((r) => JSON.parse(r.body).text);
    expect(texts).toContain(
      `Flagged overdue: <${PUBLIC_URL}/api/v1/actions/${ids.late}|Rotate the search certificates> (P2, team search, open)`,
    );
    expect(texts.some((t: string) => t.startsWith('Flagged ineffective: '))).toBe(true);
    // Below an ineffective fix's flag reason, its metric and what its latest check said (none yet).
    const ineffective = slack.map((r) => JSON.parse(r.body)).find((m) => m.text.startsWith('Flagged ineffective: '));
    expect(ineffective.blocks[1].text.text.split('\n').slice(1)).toEqual(['• *checkout latency*: _no reason yet_']);
    // An action without success metrics has no evidence to show.
    expect(overdue.evidence).toEqual([]);
  });

  it('sends action.verified for a manual verification, made in the same request as the change', async () => {
    // Opened recently: no stall on dates alone to notify on the way.
    ids.manual = await create({
      title: 'Write the failover runbook',
      ownerTeam: 'platform',
      openedAt: iso(MIDNIGHT - 5 * DAY),
    });
    await patch(ids.manual, { status: 'in_progress' });
    await patch(ids.manual, { status: 'implemented' });
    await patch(ids.manual, { status: 'verified', verificationNote: 'Game day passed' });
    await receiver.waitFor(
      () =>
        signed('action.verified').length === 2 && receiver.on('/flaky').filter((r) => r.status === 200).length === 2,
    );
    const manual = signed('action.verified').find((e) => e.action.id === ids.manual);
    expect(manual).toMatchObject({ verification: 'manual', action: { status: 'verified', ownerTeam: 'platform' } });
    expect(manual.occurredAt).toBe(manual.closedAt);
  });

  it('sends each event once to each subscribed target, and nothing a target did not subscribe to', async () => {
    const byPath = (path: string) => receiver.on(path).filter((r) => r.status === 200);
    expect(byPath('/flaky').map(typeOf)).toEqual(['action.verified', 'action.verified']);
    expect(byPath('/slack').every((r) => typeOf(r) === 'flag.raised')).toBe(true);
    expect(receiver.on('/digest')).toEqual([]);
    const signedIds = receiver.on('/signed').map(idOf);
    expect(new Set(signedIds).size).toBe(signedIds.length);
    // Both fixes were ineffective once their metric was attached; the replay verified one (clearing
    // its flag); the overdue action was raised and cleared; two verifications.
    expect(receiver.on('/signed').map(typeOf).sort()).toEqual([
      'action.ineffective',
      'action.ineffective',
      'action.verified',
      'action.verified',
      'flag.cleared',
      'flag.cleared',
      'flag.raised',
      'flag.raised',
      'flag.raised',
    ]);
    expect(receiver.on('/signed').every((r) => signatureHolds(r, SECRET))).toBe(true);
  });

  it('sends the weekly digest once per team and week, however often it is asked for', async () => {
    ids.forgotten = await create({
      title: 'Add search shard alerts',
      ownerTeam: 'search',
      openedAt: iso(MIDNIGHT - 5 * DAY),
      dueAt: iso(MIDNIGHT - DAY),
    });
    const at = iso(Date.now());
    const first = await scorer.post('/api/v1/notifications/digest', { at });
    expectStatus(first, 200);
    // Open actions: payments has the ineffective one, search two (one past due); platform's is verified.
    expect(first.body).toMatchObject({ teams: 2, created: 2, week: expect.stringMatching(/^\d{4}-W\d{2}$/) });
    const second = await scorer.post('/api/v1/notifications/digest', { at });
    expect(second.body).toEqual({ ...first.body, created: 0 });
    await receiver.waitFor(() => receiver.on('/digest').length === 2);
    // Settle: anything sent twice would arrive within a few polls.
    await new Promise((r) => setTimeout(r, 1_000));
    const digests = receiver.on('/digest').map((r) => JSON.parse(r.body));
    expect(digests.map((d) => d.team).sort()).toEqual(['payments', 'search']);
    const search = digests.find((d) => d.team === 'search');
    expect(search).toMatchObject({
      type: 'digest.weekly',
      week: first.body.week,
      counts: { open: 2, overdue: 1, stalled: 0 },
      truncated: false,
    });
    expect(search.actions.map((a: { id: string; overdue: boolean }) => [a.id, a.overdue]).sort()).toEqual(
      [
        [ids.forgotten, true],
        [ids.late, false],
      ].sort(),
    );
    expect(receiver.on('/digest')[0].body).not.toContain('Jane Roe');
    expect(signed('digest.weekly')).toHaveLength(2);
  });

  it('lists deliveries newest first, filtered and a page at a time, without target URLs or secrets', async () => {
    const all = await deliveries('limit=200');
    const times = all.map((d) => d.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(all.map((d) => d.target))).toEqual(new Set(['signed', 'flaky', 'slack', 'gone', 'digest']));
    const text = JSON.stringify(all);
    expect(text).not.toContain(receiver.url);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('receiver-token');

    expect((await deliveries('state=failed')).map((d) => d.target)).toEqual(['gone', 'gone']);
    expect((await deliveries('type=digest.weekly&target=signed')).map((d) => d.payload.team).sort()).toEqual([
      'payments',
      'search',
    ]);

    const pages: any[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await viewer.get(`/api/v1/notifications?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expectStatus(res, 200);
      pages.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(pages.map((d) => d.id)).toEqual(all.map((d) => d.id));
  });

  it('sends a failed delivery again when an admin asks, with the same event id, and refuses anything else', async () => {
    receiver.respond('/gone', () => 200);
    const [failed] = await deliveries('target=gone&state=failed&limit=1');
    const requeued = await service.http.post(`/api/v1/notifications/${failed.id}/redeliver`);
    expectStatus(requeued, 200);
    expect(requeued.body).toMatchObject({ id: failed.id, eventId: failed.eventId, state: 'pending', attempts: 0 });
    await receiver.waitFor(() => receiver.on('/gone').some((r) => r.status === 200));
    const [delivered] = await waitForDeliveries(`target=gone&state=delivered`, 1);
    expect(delivered).toMatchObject({ id: failed.id, attempts: 1, lastStatus: 200 });
    const sent = receiver.on('/gone').filter((r) => idOf(r) === failed.eventId);
    expect(sent.map((r) => r.status)).toEqual([410, 200]);

    const again = await service.http.post(`/api/v1/notifications/${failed.id}/redeliver`);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('delivered');
    expect(
      (await service.http.post('/api/v1/notifications/00000000-0000-4000-8000-000000000000/redeliver')).status,
    ).toBe(404);
    expect((await scorer.post(`/api/v1/notifications/${failed.id}/redeliver`)).status).toBe(403);
  });

  itOnPostgres(
    database,
    'delivers what the standalone scorer recorded, though the scorer knows no webhook target',
    async () => {
      // Due two seconds after it is created: the API finds nothing to flag, the scorer's pass does.
      const dueAt = Date.now() + 2_000;
      ids.lateOps = await create({
        title: 'Page on replica lag',
        ownerTeam: 'ops',
        openedAt: iso(MIDNIGHT - 5 * DAY),
        dueAt: iso(dueAt),
      });
      await new Promise((r) => setTimeout(r, dueAt - Date.now() + 500));
      const env = {
        DATABASE_URL: service.database!.url,
        REMEDIATION_DATASOURCES: service.environment().REMEDIATION_DATASOURCES,
        REMEDIATION_DATA_DIR: service.dataDir,
        REMEDIATION_SCHEDULER: 'off',
      };
      const once = await runToExit(SCORER_ENTRY, ['--once'], env);
      expect(once.code).toBe(0);
      await receiver.waitFor(() => signed('flag.raised').some((e) => e.action.id === ids.lateOps));
      const event = signed('flag.raised').find((e) => e.action.id === ids.lateOps);
      expect(event).toMatchObject({ action: { ownerTeam: 'ops' }, flag: { kind: 'overdue', clearedAt: null } });
    },
  );

  it('refuses bad filters with 400 naming the field, and the digest trigger to viewers', async () => {
    for (const [query, field] of [
      ['state=lost', 'state'],
      ['type=flag.lowered', 'type'],
      ['limit=0', 'limit'],
      ['cursor=%25%25', 'cursor'],
    ]) {
      const res = await viewer.get(`/api/v1/notifications?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(field);
    }
    const bad = await scorer.post('/api/v1/notifications/digest', { at: 'last monday' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('at');
    // A future week's digest would go out now and use up that week's key: refused, nothing written.
    const before = await deliveries('type=digest.weekly&limit=200');
    for (const at of ['9999-12-31T23:59:59Z', iso(Date.now() + 8 * DAY)]) {
      const future = await scorer.post('/api/v1/notifications/digest', { at });
      expect(future.status).toBe(400);
      expect(future.body.message).toContain('at: must not be in the future');
    }
    expect((await deliveries('type=digest.weekly&limit=200')).map((d) => d.id)).toEqual(before.map((d) => d.id));
    // The same rule as a scoring pass's.
    const run = await scorer.post('/api/v1/scoring/run', { at: '9999-12-31T23:59:59Z' });
    expect(run.status).toBe(400);
    expect(run.body.message).toContain('at: must not be in the future');
    expect((await viewer.post('/api/v1/notifications/digest', {})).status).toBe(403);
  });

  it('reports a backfill by its net effect: the verification, not the flags it raised and cleared on the way', async () => {
    const id = await shipped('Shed load at the edge', 'replays', 'checkout_latency_ms{service="fixed"}');
    // Due a day after the fix shipped: the replay raises overdue, verifies at SHIPPED + 3d, and the
    // check after that clears overdue (a verified action is not overdue).
    await patch(id, { dueAt: iso(SHIPPED + DAY) });
    expectStatus(
      await editor.post(`${ACTIONS}/${id}/backfill`, {
        from: iso(SHIPPED + DAY),
        to: iso(SHIPPED + 4 * DAY),
        every: '6h',
      }),
      200,
    );

    // Ineffective since its metric was attached and overdue since the PATCH (both live, both sent).
    // The replay decides the action's history from its first check on, as if the checks had run in
    // time: those two live raises give way to what the checks show — overdue from the first check
    // past the due date until the verification cleared it.
    const flags = await viewer.get('/api/v1/flags?team=replays');
    expectStatus(flags, 200);
    expect(flags.body.items.map((f: any) => [f.kind, f.raisedAt, f.clearedAt])).toEqual([
      ['overdue', iso(SHIPPED + DAY + 6 * HOUR), iso(SHIPPED + 3 * DAY)],
    ]);

    await receiver.waitFor(() => signed('action.verified').some((e) => e.action.id === id));
    await waitUntil(async () => (await deliveries('state=pending')).length === 0);
    const forAction = receiver.on('/signed').filter((r) => JSON.parse(r.body).action?.id === id);
    // The replay's net effect: the verification and the two flags it cleared, none it raised and cleared.
    expect(forAction.map(typeOf).sort()).toEqual([
      'action.ineffective',
      'action.verified',
      'flag.cleared',
      'flag.cleared',
      'flag.raised',
      'flag.raised',
    ]);
    const verified = forAction.find((r) => typeOf(r) === 'action.verified')!;
    expect(JSON.parse(verified.body)).toMatchObject({
      occurredAt: iso(SHIPPED + 3 * DAY),
      verification: 'telemetry',
      action: { status: 'verified' },
    });
    // What the replay's net effect is reported with: the metric's latest reason once the replay was written.
    const metric = await shownMetric(id);
    expect(metric.latest.reason).toEqual(expect.stringMatching(/\S/));
    const afterReplay = forAction
      .map((r) => JSON.parse(r.body))
      .filter((e) => e.type === 'action.verified' || e.type === 'flag.cleared');
    expect(afterReplay).toHaveLength(3);
    for (const event of afterReplay)
      expect(event.evidence).toEqual([{ metric: 'checkout latency', reason: metric.latest.reason }]);
  });
});

describeEachDatabase('webhook notifications across a crash', (database: DatabaseChoice) => {
  let receiver: WebhookReceiver;
  let service: ServiceProcess;
  let dir: string;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    dir = tempDir('rt-notify-crash-');
    service = await ServiceProcess.start({
      database,
      env: {
        // A short lease: a delivery cut off by a crash is taken over 2 s later.
        REMEDIATION_CONFIG: fastNotificationsConfig(dir, { publicUrl: PUBLIC_URL, maxAttempts: 4, leaseFor: '2s' }),
        REMEDIATION_WEBHOOKS: JSON.stringify([{ name: 'bot', url: `${receiver.url}/bot`, secret: SECRET }]),
        // The change is made while this process does not deliver.
        REMEDIATION_NOTIFICATIONS: 'off',
      },
    });
  }, 60_000);
  afterAll(async () => {
    await service?.destroy();
    await receiver?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('delivers an event recorded before a kill -9 exactly once after the restart', async () => {
    const created = await service.http.post(ACTIONS, { title: 'Add a disk-space alert', ownerTeam: 'storage' });
    expectStatus(created, 201);
    const id = created.body.id;
    for (const status of ['in_progress', 'implemented'])
      expectStatus(await service.http.patch(`${ACTIONS}/${id}`, { status }), 200);
    expectStatus(
      await service.http.patch(`${ACTIONS}/${id}`, {
        status: 'verified',
        verificationNote: 'alert fired in the drill',
      }),
      200,
    );

    await service.stop('SIGKILL');
    expect(receiver.received).toEqual([]);
    await service.restart({ env: { REMEDIATION_NOTIFICATIONS: 'on' } });

    await receiver.waitFor((received) => received.length >= 1);
    // Further polls must not send it again.
    await new Promise((r) => setTimeout(r, 1_500));
    const got = receiver.on('/bot');
    expect(got).toHaveLength(1);
    expect(new Set(got.map(idOf)).size).toBe(1);
    expect(JSON.parse(got[0].body)).toMatchObject({
      type: 'action.verified',
      action: { id, status: 'verified' },
      verification: 'manual',
    });
    expect(signatureHolds(got[0], SECRET)).toBe(true);
    const list = await service.http.get('/api/v1/notifications');
    expect(list.body.items).toMatchObject([
      { eventId: idOf(got[0]), target: 'bot', state: 'delivered', attempts: 1, lastStatus: 200 },
    ]);
  });

  it('delivers again an event whose delivery was under way when the process died (at least once, same id)', async () => {
    receiver.received.length = 0;
    // The receiver takes the request but never answers: the process dies mid-delivery.
    receiver.respond('/bot', () => null);
    const created = await service.http.post(ACTIONS, { title: 'Alert on inode use', ownerTeam: 'storage' });
    const id = created.body.id;
    for (const status of ['in_progress', 'implemented'])
      expectStatus(await service.http.patch(`${ACTIONS}/${id}`, { status }), 200);
    expectStatus(await service.http.patch(`${ACTIONS}/${id}`, { status: 'verified', verificationNote: 'drill' }), 200);
    await waitUntil(async () => {
      const items = (await service.http.get('/api/v1/notifications?state=pending')).body.items;
      return items.some((d: any) => d.attempts === 1 && d.payload.action.id === id);
    });
    await service.stop('SIGKILL');
    receiver.respond('/bot', () => 200);
    await service.restart();

    await receiver.waitFor((received) => received.length >= 1);
    await new Promise((r) => setTimeout(r, 1_500));
    const got = receiver.on('/bot');
    expect(got).toHaveLength(1);
    expect(JSON.parse(got[0].body).action.id).toBe(id);
    // The interrupted attempt counts: the one that arrived is the second.
    expect(got[0].headers['x-remediation-attempt']).toBe('2');
    const [delivery] = (await service.http.get(`/api/v1/notifications?limit=1`)).body.items;
    expect(delivery).toMatchObject({ eventId: idOf(got[0]), state: 'delivered', attempts: 2 });
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('webhook notifications configuration', () => {
  it('is part of the service start: a bad target stops it with the key named', async () => {
    const result = await runToExit(API_ENTRY, [], {
      REMEDIATION_DATA_DIR: tempDir('rt-notify-config-'),
      REMEDIATION_WEBHOOKS: JSON.stringify([{ name: 'bad', url: 'ftp://nowhere.example.com' }]),
      PORT: '0',
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('notifications.webhooks.0.url');
  });
});
