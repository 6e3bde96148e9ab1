import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  describeEachDatabase,
  expectStatus,
  GitHubServer,
  githubWebhook,
  HttpClient,
  JiraServer,
  seedSql,
  ServiceProcess,
  type DatabaseChoice,
} from '@app/testing';

/*
 * Status in from the trackers: a signed webhook moves the linked action along the workflow, each
 * move audited with the tracker as the actor; a bad signature, a duplicate delivery or an issue
 * that is not linked changes nothing; a poll finds a close whose webhook never came. Links are
 * written into the database directly, as a link made earlier would be.
 */

const DAY = 86_400_000;
// GitHub gives times to the second.
const daysAgo = (days: number) => new Date(Math.floor((Date.now() - days * DAY) / 1000) * 1000);
const GITHUB = 'gh';
const JIRA = 'ops-jira';
const GITHUB_SECRET = `gh-secret-${randomBytes(12).toString('hex')}`;
const JIRA_SECRET = `jira-secret-${randomBytes(12).toString('hex')}`;

interface Linked {
  actionId: string;
  key: string;
}

describeEachDatabase('tracker webhooks and polling', (database: DatabaseChoice) => {
  let github: GitHubServer;
  let jira: JiraServer;
  let service: ServiceProcess;
  let editor: HttpClient;
  let scorer: HttpClient;
  const run = randomBytes(3).toString('hex');
  const repo = `acme/checkout-${run}`;
  const openedAt = new Date(Date.now() - 20 * DAY);
  const linked: Record<string, Linked> = {};

  beforeAll(async () => {
    github = await GitHubServer.start();
    jira = await JiraServer.start();
    const trackers = [
      {
        name: GITHUB,
        type: 'github',
        url: github.url,
        token: github.token,
        webhookSecret: GITHUB_SECRET,
        defaultTeam: 'sre',
      },
      {
        name: JIRA,
        type: 'jira',
        url: jira.url,
        email: jira.email,
        token: jira.apiToken,
        webhookSecret: JIRA_SECRET,
        defaultTeam: 'sre',
      },
    ];
    service = await ServiceProcess.start({ database, env: { REMEDIATION_TRACKERS: JSON.stringify(trackers) } });
    editor = await service.clientFor('sre lead', 'editor');
    scorer = await service.clientFor('poller', 'scorer');

    const rows: string[] = [];
    const link = async (name: string, tracker: string, key: string, url: string) => {
      const res = await editor.post('/api/v1/actions', {
        title: `${name} ${run}`,
        ownerTeam: `hooks-${run}`,
        openedAt: openedAt.toISOString(),
      });
      expectStatus(res, 201);
      linked[name] = { actionId: res.body.id, key };
      rows.push(
        `('${res.body.id}', '${tracker}', '${key}', '${url}', 'as linked', 'open', '${openedAt.toISOString()}')`,
      );
    };
    for (const name of ['completed', 'notPlanned', 'reopened', 'badSignature', 'duplicate', 'polled']) {
      const key = github.addIssue({ repo, title: `Issue ${name}`, createdAt: openedAt });
      await link(name, GITHUB, key, `https://github.com/${repo}/issues/${key.split('#')[1]}`);
    }
    const jiraKey = jira.addIssue({ project: 'OPS', summary: 'Cap retries', created: openedAt });
    await link('jiraDone', JIRA, jiraKey, `${jira.url}/browse/${jiraKey}`);
    // The webhook description takes seconds to load the first time: loaded here, not between
    // two requests of a test, where the idle gap outlasts the service's keep-alive.
    await githubWebhook('issues', 'opened', github.issue(linked.completed.key), { secret: GITHUB_SECRET });
    await seedSql(
      service,
      `INSERT INTO tracker_links (action_id, tracker, issue_key, url, title, state, seen_at) VALUES ${rows.join(', ')}`,
    );
  }, 180_000);

  afterEach(() => {
    expect(github.violations).toEqual([]);
    expect(jira.violations).toEqual([]);
  });

  afterAll(async () => {
    await service?.destroy();
    await github?.stop();
    await jira?.close();
  });

  const deliver = (tracker: string, delivery: { headers: Record<string, string>; body: string }) =>
    service.http.post(`/api/v1/trackers/${tracker}/webhook`, undefined, {
      key: null,
      rawBody: delivery.body,
      headers: delivery.headers,
    });
  const action = async (id: string) => {
    const res = await editor.get(`/api/v1/actions/${id}`);
    expectStatus(res, 200);
    return res.body as Record<string, any>;
  };
  const trail = async (id: string) => {
    const res = await editor.get(`/api/v1/actions/${id}/events?limit=100`);
    expectStatus(res, 200);
    return res.body.items as Array<{ actor: string; type: string; at: string; changes: Record<string, any> }>;
  };
  const moves = (events: Awaited<ReturnType<typeof trail>>) =>
    events.filter((e) => e.type === 'status_changed').map((e) => [e.changes.status.to, e.actor]);
  const closeOnGitHub = async (name: string, reason: 'completed' | 'not_planned', at: Date, deliveryId?: string) => {
    github.close(linked[name].key, reason, at);
    return githubWebhook('issues', 'closed', github.issue(linked[name].key), {
      secret: GITHUB_SECRET,
      ...(deliveryId ? { deliveryId } : {}),
    });
  };

  it('moves an open action to implemented at the close time when its issue is closed as completed', async () => {
    const { actionId } = linked.completed;
    const closedAt = daysAgo(2);
    const res = await deliver(GITHUB, await closeOnGitHub('completed', 'completed', closedAt));
    expectStatus(res, 200);
    expect(res.body).toEqual({
      outcome: 'applied',
      actionId,
      status: 'implemented',
      moves: ['in_progress', 'implemented'],
    });
    const after = await action(actionId);
    expect([after.status, after.implementedAt]).toEqual(['implemented', closedAt.toISOString()]);
    expect(moves(await trail(actionId))).toEqual([
      ['in_progress', `tracker:${GITHUB}`],
      ['implemented', `tracker:${GITHUB}`],
    ]);
  });

  it('closes the action as wont_fix when its issue is closed as not planned', async () => {
    const { actionId } = linked.notPlanned;
    const res = await deliver(GITHUB, await closeOnGitHub('notPlanned', 'not_planned', new Date(Date.now() - DAY)));
    expectStatus(res, 200);
    expect(res.body.moves).toEqual(['wont_fix']);
    expect((await action(actionId)).status).toBe('wont_fix');
    const [move] = (await trail(actionId)).filter((e) => e.type === 'status_changed');
    expect(move.actor).toBe(`tracker:${GITHUB}`);
    expect(move.changes.reason.to).toContain(linked.notPlanned.key);
  });

  it('moves an implemented action back to in_progress when its issue is reopened', async () => {
    const { actionId, key } = linked.reopened;
    expectStatus(await deliver(GITHUB, await closeOnGitHub('reopened', 'completed', new Date(Date.now() - DAY))), 200);
    expect((await action(actionId)).status).toBe('implemented');
    github.reopen(key);
    const res = await deliver(
      GITHUB,
      await githubWebhook('issues', 'reopened', github.issue(key), { secret: GITHUB_SECRET }),
    );
    expectStatus(res, 200);
    expect(res.body.moves).toEqual(['in_progress']);
    const after = await action(actionId);
    expect([after.status, after.implementedAt]).toEqual(['in_progress', null]);
    expect(moves(await trail(actionId))).toEqual([
      ['in_progress', `tracker:${GITHUB}`],
      ['implemented', `tracker:${GITHUB}`],
      ['in_progress', `tracker:${GITHUB}`],
    ]);
  });

  it('refuses a delivery with a bad or missing signature (401) and changes nothing', async () => {
    const { actionId } = linked.badSignature;
    const before = await trail(actionId);
    const signed = await closeOnGitHub('badSignature', 'completed', new Date(Date.now() - DAY));
    const forged = await githubWebhook('issues', 'closed', github.issue(linked.badSignature.key), {
      secret: 'not-the-configured-secret',
    });
    const unsigned = { headers: { ...signed.headers }, body: signed.body };
    delete unsigned.headers['X-Hub-Signature-256'];
    // The signature of other bytes: the body was changed on the way.
    const tampered = { headers: signed.headers, body: signed.body.replace('"completed"', '"not_planned"') };
    for (const delivery of [forged, unsigned, tampered]) {
      const res = await deliver(GITHUB, delivery);
      expect(res.status).toBe(401);
    }
    // Jira's secret does not sign for the GitHub tracker, nor GitHub's for Jira.
    expect((await deliver(JIRA, signed)).status).toBe(401);
    expect((await action(actionId)).status).toBe('open');
    expect(await trail(actionId)).toEqual(before);
    // The same delivery, as signed, is still acted on: the refusals recorded nothing.
    expectStatus(await deliver(GITHUB, signed), 200);
    expect((await action(actionId)).status).toBe('implemented');
  });

  it('answers 404 for a tracker that is not configured', async () => {
    const signed = await githubWebhook('issues', 'closed', github.issue(linked.completed.key), {
      secret: GITHUB_SECRET,
    });
    expect((await deliver('no-such-tracker', signed)).status).toBe(404);
  });

  it('refuses a body over the webhook limit (413) before reading it', async () => {
    const signed = await githubWebhook('issues', 'closed', github.issue(linked.completed.key), {
      secret: GITHUB_SECRET,
    });
    const huge = { headers: signed.headers, body: `{"padding":"${'x'.repeat(6 * 1024 * 1024)}"}` };
    expect((await deliver(GITHUB, huge)).status).toBe(413);
  });

  it('answers a repeated delivery 2xx and changes nothing', async () => {
    const { actionId } = linked.duplicate;
    const deliveryId = randomUUID();
    const delivery = await closeOnGitHub('duplicate', 'completed', new Date(Date.now() - DAY), deliveryId);
    expectStatus(await deliver(GITHUB, delivery), 200);
    const once = await trail(actionId);
    expect(once.filter((e) => e.type === 'status_changed')).toHaveLength(2);
    const again = await deliver(GITHUB, delivery);
    expectStatus(again, 200);
    expect(again.body).toEqual({ outcome: 'duplicate' });
    // Another delivery of the same close (the tracker's own retry under a new id) moves nothing either.
    const retold = await githubWebhook('issues', 'closed', github.issue(linked.duplicate.key), {
      secret: GITHUB_SECRET,
    });
    const res = await deliver(GITHUB, retold);
    expectStatus(res, 200);
    expect(res.body.moves).toEqual([]);
    expect(await trail(actionId)).toEqual(once);
  });

  it('ignores an issue no action is linked to, and events it does not use', async () => {
    const key = github.addIssue({ repo, title: 'Not linked' });
    github.close(key, 'completed');
    const res = await deliver(
      GITHUB,
      await githubWebhook('issues', 'closed', github.issue(key), { secret: GITHUB_SECRET }),
    );
    expectStatus(res, 200);
    expect(res.body.outcome).toBe('ignored');
    expect(res.body.reason).toContain('not linked');
    const labeled = github.addIssue({ repo, title: 'Labelled', labels: ['p1'] });
    const other = await deliver(
      GITHUB,
      await githubWebhook('issues', 'labeled', github.issue(labeled), { secret: GITHUB_SECRET }),
    );
    expectStatus(other, 200);
    expect(other.body.outcome).toBe('ignored');
  });

  it('moves the action to implemented when its Jira issue is resolved Done', async () => {
    const { actionId, key } = linked.jiraDone;
    const resolvedAt = new Date(Date.now() - 3 * DAY);
    jira.resolve(key, 'Done', resolvedAt);
    const delivery = jira.webhook('jira:issue_updated', key, { secret: JIRA_SECRET, timestamp: resolvedAt.getTime() });
    expect((await deliver(GITHUB, delivery)).status).toBe(401);
    const res = await deliver(JIRA, delivery);
    expectStatus(res, 200);
    expect(res.body.moves).toEqual(['in_progress', 'implemented']);
    const after = await action(actionId);
    expect([after.status, after.implementedAt]).toEqual(['implemented', resolvedAt.toISOString()]);
    expect(moves(await trail(actionId))).toEqual([
      ['in_progress', `tracker:${JIRA}`],
      ['implemented', `tracker:${JIRA}`],
    ]);
  });

  it('finds by polling a close whose webhook never came, once', async () => {
    const { actionId, key } = linked.polled;
    const closedAt = daysAgo(1);
    github.close(key, 'completed', closedAt);
    const res = await scorer.post(`/api/v1/trackers/${GITHUB}/poll`);
    expectStatus(res, 200);
    expect(res.body.stopped).toBeNull();
    expect(res.body.changed).toEqual([
      {
        key,
        state: 'closed',
        result: { outcome: 'applied', actionId, status: 'implemented', moves: ['in_progress', 'implemented'] },
      },
    ]);
    const after = await action(actionId);
    expect([after.status, after.implementedAt]).toEqual(['implemented', closedAt.toISOString()]);
    expect(moves(await trail(actionId))).toEqual([
      ['in_progress', `tracker:${GITHUB}`],
      ['implemented', `tracker:${GITHUB}`],
    ]);
    const before = await trail(actionId);
    // The late webhook of the same close, and the next poll, find it done.
    const late = await deliver(
      GITHUB,
      await githubWebhook('issues', 'closed', github.issue(key), { secret: GITHUB_SECRET }),
    );
    expect(late.body.moves).toEqual([]);
    const next = await scorer.post(`/api/v1/trackers/${GITHUB}/poll`);
    expectStatus(next, 200);
    expect(next.body.changed).toEqual([]);
    expect(await trail(actionId)).toEqual(before);
    expect((await editor.post(`/api/v1/trackers/${GITHUB}/poll`)).status).toBe(403);
  });
  it('stops a poll round at a tracker error, and the next round reads again', async () => {
    github.failNext(1, 401);
    const stopped = await scorer.post(`/api/v1/trackers/${GITHUB}/poll`);
    expectStatus(stopped, 200);
    expect(stopped.body).toMatchObject({ tracker: GITHUB, read: 0, changed: [] });
    expect(stopped.body.stopped).toMatch(/^unauthorized: /);
    const next = await scorer.post(`/api/v1/trackers/${GITHUB}/poll`);
    expectStatus(next, 200);
    expect(next.body.stopped).toBeNull();
    // Every linked GitHub issue whose action can still move (not the won't-fix one).
    expect(next.body.read).toBe(5);
  });
});
