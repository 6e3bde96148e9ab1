import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { actionNotYetDone } from '@app/testing/record-defaults';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  describeEachDatabase,
  expectStatus,
  HttpClient,
  HttpResult,
  itOnPostgres,
  ServiceProcess,
  withClient,
} from '@app/testing';
import type { DatabaseChoice } from '@app/testing';

const BASE = '/api/v1/actions';
const DAY = 86_400_000;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const EDITOR = 'payments editor';

type Status = 'open' | 'in_progress' | 'implemented' | 'verified' | 'wont_fix';
const STATUSES: Status[] = ['open', 'in_progress', 'implemented', 'verified', 'wont_fix'];

// docs/api.md, "Actions": the workflow as a person sees it on an action without success metrics.
const ALLOWED: Record<Status, Status[]> = {
  open: ['in_progress', 'wont_fix'],
  in_progress: ['implemented', 'wont_fix'],
  implemented: ['verified', 'in_progress', 'wont_fix'],
  verified: ['in_progress'],
  wont_fix: [],
};

const NOTE = 'Checked by hand: the retry storm no longer reproduces under load test.';

/** The PATCH bodies that bring a new action to each status. */
const PATH_TO: Record<Status, Array<Record<string, unknown>>> = {
  open: [],
  in_progress: [{ status: 'in_progress' }],
  implemented: [{ status: 'in_progress' }, { status: 'implemented' }],
  verified: [{ status: 'in_progress' }, { status: 'implemented' }, { status: 'verified', verificationNote: NOTE }],
  wont_fix: [{ status: 'wont_fix' }],
};

// The default remediation SLOs, in days (docs/api.md, "Actions").
const SLO_DAYS = { P0: 28, P1: 56, P2: 90, P3: null } as const;

const PROM_METRIC = {
  name: 'checkout p99 latency',
  datasource: 'prom',
  query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
  direction: 'decrease',
  target: { relativePercent: 30 },
};

describeEachDatabase('corrective actions', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  const run = randomBytes(3).toString('hex');
  let teams = 0;
  const newTeam = (): string => `team-${run}-${++teams}`;

  beforeAll(async () => {
    service = await ServiceProcess.start({
      database,
      env: {
        REMEDIATION_DATASOURCES: JSON.stringify([{ name: 'prom', type: 'prometheus', url: 'http://127.0.0.1:9' }]),
      },
    });
    const issue = (name: string, role: string) => service.clientFor(name, role);
    editor = await issue(EDITOR, 'editor');
    viewer = await issue('dashboard viewer', 'viewer');
  });
  afterAll(async () => service?.destroy());

  async function create(body: Record<string, unknown> = {}): Promise<any> {
    const res = await editor.post(BASE, {
      title: 'Add a retry budget to the checkout client',
      ownerTeam: newTeam(),
      ...body,
    });
    expectStatus(res, 201);
    return res.body;
  }

  async function patch(id: string, body: Record<string, unknown>): Promise<any> {
    const res = await editor.patch(`${BASE}/${id}`, body);
    expectStatus(res, 200);
    return res.body;
  }

  async function get(id: string): Promise<any> {
    const res = await viewer.get(`${BASE}/${id}`);
    expectStatus(res, 200);
    return res.body;
  }

  async function events(id: string): Promise<any[]> {
    const res = await viewer.get(`${BASE}/${id}/events?limit=200`);
    expectStatus(res, 200);
    return res.body.items;
  }

  /** Every action matching `query`, walking all pages; fails on a repeated id. */
  async function listAll(query: string, limit = 200): Promise<any[]> {
    const items: any[] = [];
    let cursor: string | null = null;
    do {
      const res: HttpResult = await viewer.get(`${BASE}?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expectStatus(res, 200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(items.map((a) => a.id)).size).toBe(items.length);
    return items;
  }

  async function actionAt(status: Status, body: Record<string, unknown> = {}): Promise<any> {
    let action = await create(body);
    for (const step of PATH_TO[status]) action = await patch(action.id, step);
    expect(action.status).toBe(status);
    return action;
  }

  describe('create', () => {
    it('opens an action with the defaults: P2, open, due after the P2 SLO, changed at openedAt', async () => {
      const before = Date.now();
      const action = await create({ title: 'Add a canary stage' });
      const after = Date.now();
      expect(action).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        postmortemId: null,
        title: 'Add a canary stage',
        description: '',
        assignee: null,
        priority: 'P2',
        services: [],
        externalRef: null,
        status: 'open',
        ...actionNotYetDone(),
      });
      const openedAt = Date.parse(action.openedAt);
      expect(action.openedAt).toMatch(ISO);
      expect(openedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(openedAt).toBeLessThanOrEqual(after + 1000);
      expect(action.statusChangedAt).toBe(action.openedAt);
      expect(Date.parse(action.dueAt)).toBe(openedAt + SLO_DAYS.P2 * DAY);
      expect(await get(action.id)).toEqual(action);
    });

    it.each(['P0', 'P1', 'P3'] as const)('counts the %s SLO from an openedAt in the past', async (priority) => {
      const openedAt = '2024-06-01T08:00:00.000Z';
      const action = await create({ priority, openedAt });
      expect(action.openedAt).toBe(openedAt);
      expect(action.statusChangedAt).toBe(openedAt);
      const days = SLO_DAYS[priority];
      expect(action.dueAt).toBe(days === null ? null : new Date(Date.parse(openedAt) + days * DAY).toISOString());
    });

    it('keeps every field given, an explicit dueAt, and drops repeated services', async () => {
      const body = {
        title: 'Rate-limit the bulk export endpoint',
        description: '## Why\n\nExports starved the **API** pool.',
        assignee: 'on-call lead',
        priority: 'P1',
        services: ['export-api', 'db.primary', 'export-api'],
        externalRef: 'https://jira.internal/browse/OPS-42',
        openedAt: '2025-01-10T09:30:00+01:00',
        dueAt: '2025-02-01T00:00:00Z',
      };
      const action = await create(body);
      expect(action).toMatchObject({
        ...body,
        services: ['export-api', 'db.primary'],
        openedAt: '2025-01-10T08:30:00.000Z',
        dueAt: '2025-02-01T00:00:00.000Z',
      });
    });

    it('takes an explicit null dueAt as "no due date"', async () => {
      expect((await create({ priority: 'P0', dueAt: null })).dueAt).toBeNull();
    });

    it('links to an existing post-mortem, and lists by it', async () => {
      const pm = await editor.post('/api/v1/postmortems', { kind: 'premortem', title: `Launch risks ${run}` });
      expectStatus(pm, 201);
      const action = await create({ postmortemId: pm.body.id });
      expect(action.postmortemId).toBe(pm.body.id);
      await create();
      expect((await listAll(`postmortemId=${pm.body.id}`)).map((a) => a.id)).toEqual([action.id]);
    });

    const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
      ['no title', { title: undefined }, /^title must be a string/],
      ['an empty title', { title: '' }, /^title must be longer than or equal to 1/],
      ['a blank title', { title: '   ' }, /^title must not be blank/],
      ['a title of 201 characters', { title: 'x'.repeat(201) }, /^title must be shorter than or equal to 200/],
      ['no ownerTeam', { ownerTeam: undefined }, /^ownerTeam must be a string/],
      ['an unknown priority', { priority: 'P5' }, /^priority must be one of/],
      ['services as text', { services: 'checkout' }, /^services must be an array/],
      ['an upper-case service', { services: ['Checkout'] }, /^services must be lowercase/],
      [
        '51 services',
        { services: Array.from({ length: 51 }, (_, i) => `svc-${i}`) },
        /^services must contain no more than 50/,
      ],
      ['an ftp externalRef', { externalRef: 'ftp://files.internal/x' }, /^externalRef must be an http\(s\) URL/],
      ['openedAt without a zone', { openedAt: '2025-01-10T09:30:00' }, /^openedAt must be an ISO-8601/],
      [
        'openedAt in the future',
        { openedAt: new Date(Date.now() + 3_600_000).toISOString() },
        /^openedAt: must not be in the future/,
      ],
      [
        'dueAt before openedAt',
        { openedAt: '2025-01-10T00:00:00Z', dueAt: '2025-01-09T00:00:00Z' },
        /^dueAt: must not be before openedAt/,
      ],
      ['a malformed postmortemId', { postmortemId: 'PM-1' }, /^postmortemId must be a UUID/],
      ['an unknown postmortemId', { postmortemId: randomUUID() }, /^postmortemId: post-mortem .* not found/],
      ['an unknown status', { status: 'done' }, /^status must be one of/],
      [
        'a read-only field',
        { statusChangedAt: new Date().toISOString() },
        /^statusChangedAt: property statusChangedAt should not exist/,
      ],
      ['an unknown field', { severity: 'SEV1' }, /^severity: property severity should not exist/],
    ];

    it.each(refusals)('refuses %s with a 400 naming the field, writing nothing', async (_, change, message) => {
      const team = newTeam();
      const res = await editor.post(BASE, { title: 'Add a retry budget', ownerTeam: team, ...change });
      expectStatus(res, 400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message).toMatch(message);
      expect(await listAll(`team=${team}`)).toEqual([]);
    });
  });

  describe('list', () => {
    let t1: string;
    let t2: string;
    let svc: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      [t1, t2, svc] = [newTeam(), newTeam(), `svc-${run}`];
      const longAgo = new Date(Date.now() - 100 * DAY).toISOString();
      ids.a = (await create({ ownerTeam: t1, priority: 'P1', services: [svc, 'shared'] })).id;
      ids.b = (await actionAt('in_progress', { ownerTeam: t1, priority: 'P2', services: ['shared', svc] })).id;
      ids.c = (await create({ ownerTeam: t2, priority: 'P0', openedAt: longAgo, services: ['other'] })).id;
      ids.d = (await create({ ownerTeam: t2, priority: 'P3' })).id;
      // Past its due date but closed: not overdue.
      ids.e = (await actionAt('wont_fix', { ownerTeam: t1, priority: 'P0', openedAt: longAgo })).id;
    });

    const names = (items: any[]): string[] =>
      items.map((item) => Object.keys(ids).find((k) => ids[k] === item.id) ?? item.id).sort();

    it.each<[string, () => string, string[]]>([
      ['team', () => `team=${t1}`, ['a', 'b', 'e']],
      ['one status', () => `team=${t1}&status=open`, ['a']],
      ['a comma list of statuses', () => `team=${t1}&status=open,in_progress`, ['a', 'b']],
      ['a repeated status', () => `team=${t1}&status=in_progress&status=wont_fix`, ['b', 'e']],
      ['priority', () => `team=${t2}&priority=P0`, ['c']],
      ['a list of priorities', () => `team=${t1}&priority=P1,P0`, ['a', 'e']],
      ['service (array contains)', () => `service=${svc}`, ['a', 'b']],
      ['overdue=true: due before now and not terminal', () => `team=${t2}&overdue=true`, ['c']],
      ['overdue=true skips closed actions', () => `team=${t1}&overdue=true`, []],
      ['overdue=false: the others', () => `team=${t2}&overdue=false`, ['d']],
      ['overdue=false keeps closed ones', () => `team=${t1}&overdue=false`, ['a', 'b', 'e']],
      ['an active flag kind with none raised', () => `team=${t1}&flag=stalled`, []],
      ['a team nobody has', () => `team=${newTeam()}`, []],
    ])('filters by %s', async (_, query, expected) => {
      expect(names(await listAll(query()))).toEqual(expected);
    });

    it('combines filters', async () => {
      expect(names(await listAll(`team=${t1}&service=${svc}&status=in_progress&priority=P2&overdue=false`))).toEqual([
        'b',
      ]);
    });

    itOnPostgres(database, 'filters by an active flag and shows only active flags', async () => {
      await withClient(service.database!.url, async (c) => {
        await c.query(
          `INSERT INTO flags (action_id, kind, raised_at, reason) VALUES ($1, 'stalled', now() - interval '1 hour', 'no progress in 14d')`,
          [ids.a],
        );
        await c.query(
          `INSERT INTO flags (action_id, kind, raised_at, cleared_at, reason) VALUES ($1, 'stalled', now() - interval '2 days', now() - interval '1 day', 'old')`,
          [ids.b],
        );
      });
      const flagged = await listAll(`team=${t1}&flag=stalled`);
      expect(names(flagged)).toEqual(['a']);
      expect(flagged[0].flags).toEqual([
        { id: expect.any(String), kind: 'stalled', raisedAt: expect.stringMatching(ISO), reason: 'no progress in 14d' },
      ]);
      expect((await get(ids.b)).flags).toEqual([]);
      expect(await listAll(`team=${t1}&flag=overdue`)).toEqual([]);
    });

    it.each<[string, string, RegExp]>([
      ['status', 'status=closed', /^status must be one or more of/],
      ['status', 'status=open,', /^status must be one or more of/],
      ['priority', 'priority=P9', /^priority must be one or more of/],
      ['team', 'team=', /^team must be longer than or equal to 1/],
      ['service', 'service=Not%20A%20Service', /^service must be lowercase/],
      ['postmortemId', 'postmortemId=42', /^postmortemId must be a UUID/],
      ['flag', 'flag=sleepy', /^flag must be one of/],
      ['overdue', 'overdue=yes', /^overdue must be true or false/],
      ['limit', 'limit=0', /^limit must not be less than 1/],
      ['limit', 'limit=201', /^limit must not be greater than 200/],
      ['limit', 'limit=many', /^limit must be an integer/],
      ['cursor', 'cursor=%2B%2B%2B', /^cursor: /],
      ['cursor', `cursor=${Buffer.from('not a seq').toString('base64url')}`, /^cursor: /],
      ['an unknown parameter', 'sort=title', /^sort: property sort should not exist/],
    ])('refuses a bad %s (%s) with a 400 naming it', async (_, query, message) => {
      const res = await viewer.get(`${BASE}?${query}`);
      expectStatus(res, 400);
      expect(res.body.message).toMatch(message);
    });
  });

  describe('pagination', () => {
    it('walks every page newest first, without repeats, ending with a null cursor', async () => {
      const team = newTeam();
      const created: string[] = [];
      for (let i = 0; i < 23; i += 1) created.push((await create({ ownerTeam: team, title: `action ${i}` })).id);
      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const res: HttpResult = await viewer.get(`${BASE}?team=${team}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
        expectStatus(res, 200);
        pages.push(res.body.items.map((a: any) => a.id));
        cursor = res.body.nextCursor;
        if (pages.length === 1) {
          // Written while a client pages through: it shows on a fresh first page, never later.
          created.push((await create({ ownerTeam: team, title: 'late' })).id);
        }
      } while (cursor);
      expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
      expect(pages.flat()).toEqual(created.slice(0, 23).reverse());
      const fresh = await viewer.get(`${BASE}?team=${team}&limit=1`);
      expect(fresh.body.items[0].id).toBe(created[23]);
    });

    it('has no next page when the last page is exactly full', async () => {
      const team = newTeam();
      for (let i = 0; i < 3; i += 1) await create({ ownerTeam: team });
      const res = await viewer.get(`${BASE}?team=${team}&limit=3`);
      expect(res.body.items).toHaveLength(3);
      expect(res.body.nextCursor).toBeNull();
    });

    it('defaults to pages of 50', async () => {
      const team = newTeam();
      for (let i = 0; i < 51; i += 1) await create({ ownerTeam: team });
      const res = await viewer.get(`${BASE}?team=${team}`);
      expect(res.body.items).toHaveLength(50);
      expect(res.body.nextCursor).toEqual(expect.any(String));
    });
  });

  describe('workflow', () => {
    const pairs = STATUSES.flatMap((from) =>
      STATUSES.filter((to) => to !== from).map((to) => [from, to] as [Status, Status]),
    );

    it.each(pairs)('%s → %s follows the workflow', async (from, to) => {
      const action = await actionAt(from);
      const eventsBefore = (await events(action.id)).length;
      const body = to === 'verified' ? { status: to, verificationNote: NOTE } : { status: to };
      const res = await editor.patch(`${BASE}/${action.id}`, body);
      if (!ALLOWED[from].includes(to)) {
        expectStatus(res, 409);
        expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
        expect(res.body.message).toBe(
          `cannot move from ${from} to ${to}; allowed: ${ALLOWED[from].join(', ') || 'none'}`,
        );
        expect(await get(action.id)).toEqual(action);
        expect(await events(action.id)).toHaveLength(eventsBefore);
        return;
      }
      expectStatus(res, 200);
      const after = res.body;
      expect(after.status).toBe(to);
      expect(Date.parse(after.statusChangedAt)).toBeGreaterThan(Date.parse(action.statusChangedAt));
      if (to === 'in_progress')
        expect(after).toMatchObject({
          implementedAt: null,
          closedAt: null,
          verification: null,
          verificationNote: null,
        });
      if (to === 'implemented') expect(after.implementedAt).toBe(after.statusChangedAt);
      if (to === 'verified')
        expect(after).toMatchObject({
          verification: 'manual',
          verificationNote: NOTE,
          closedAt: after.statusChangedAt,
        });
      if (to === 'wont_fix') expect(after).toMatchObject({ closedAt: after.statusChangedAt, verification: null });
      const trail = await events(action.id);
      expect(trail).toHaveLength(eventsBefore + 1);
      expect(trail[trail.length - 1]).toMatchObject({
        type: 'status_changed',
        actor: EDITOR,
        changes: { status: { from, to } },
      });
    });

    it('keeps the shipped time on wont_fix after implemented', async () => {
      const implemented = await actionAt('implemented');
      const closed = await patch(implemented.id, { status: 'wont_fix' });
      expect(closed.implementedAt).toBe(implemented.implementedAt);
    });

    describe("won't fix with a reason", () => {
      it('records the trimmed reason in the audit event of the move', async () => {
        const action = await actionAt('in_progress');
        const closed = await patch(action.id, { status: 'wont_fix', reason: '  Service retired in Q1  ' });
        expect(closed.status).toBe('wont_fix');
        expect(closed).not.toHaveProperty('reason');
        const trail = await events(action.id);
        expect(trail[trail.length - 1]).toMatchObject({
          type: 'status_changed',
          actor: EDITOR,
          changes: {
            status: { from: 'in_progress', to: 'wont_fix' },
            reason: { from: null, to: 'Service retired in Q1' },
          },
        });
      });

      it.each<[string, Record<string, unknown>, RegExp]>([
        [
          'with another status',
          { status: 'implemented', reason: 'because' },
          /^reason: only allowed with status wont_fix/,
        ],
        ['without a status', { reason: 'because' }, /^reason: only allowed with status wont_fix/],
        ['blank', { status: 'wont_fix', reason: '   ' }, /^reason must be longer than or equal to 1 characters/],
        [
          'too long',
          { status: 'wont_fix', reason: 'x'.repeat(1001) },
          /^reason must be shorter than or equal to 1000 characters/,
        ],
        ['not a string', { status: 'wont_fix', reason: 42 }, /^reason must be a string/],
      ])('refuses a reason %s (400 naming reason, nothing changed)', async (_, body, message) => {
        const action = await actionAt('in_progress');
        const before = await events(action.id);
        const res = await editor.patch(`${BASE}/${action.id}`, body);
        expectStatus(res, 400);
        expect(res.body.message).toMatch(message);
        expect(await get(action.id)).toEqual(action);
        expect(await events(action.id)).toHaveLength(before.length);
      });
    });

    it('treats the current status as no change', async () => {
      const action = await actionAt('in_progress');
      const count = (await events(action.id)).length;
      expect(await patch(action.id, { status: 'in_progress' })).toEqual(action);
      expect(await events(action.id)).toHaveLength(count);
    });

    it('counts an explicit past implementedAt as the time of the transition', async () => {
      const openedAt = new Date(Date.now() - 10 * DAY).toISOString();
      const action = await actionAt('in_progress', { openedAt });
      const shipped = new Date(Date.now() - 3 * DAY).toISOString();
      const implemented = await patch(action.id, { status: 'implemented', implementedAt: shipped });
      expect(implemented.implementedAt).toBe(shipped);
      expect(implemented.statusChangedAt).toBe(shipped);
      const trail = await events(action.id);
      expect(trail[trail.length - 1].changes.implementedAt).toEqual({ from: null, to: shipped });
      // Rolled back: the shipped time no longer holds.
      const rolledBack = await patch(action.id, { status: 'in_progress' });
      expect(rolledBack.implementedAt).toBeNull();
      expect(Date.parse(rolledBack.statusChangedAt)).toBeGreaterThan(Date.parse(shipped));
    });

    it.each<[string, (openedAt: string) => Record<string, unknown>, RegExp]>([
      [
        'in the future',
        () => ({ status: 'implemented', implementedAt: new Date(Date.now() + DAY).toISOString() }),
        /^implementedAt: must not be in the future/,
      ],
      [
        'before openedAt',
        (openedAt) => ({ status: 'implemented', implementedAt: new Date(Date.parse(openedAt) - DAY).toISOString() }),
        /^implementedAt: must not be before openedAt/,
      ],
      [
        'without status implemented',
        () => ({ implementedAt: new Date().toISOString() }),
        /^implementedAt: only allowed with status implemented/,
      ],
      [
        'with another status',
        () => ({ status: 'wont_fix', implementedAt: new Date().toISOString() }),
        /^implementedAt: only allowed with status implemented/,
      ],
    ])('refuses an implementedAt %s', async (_, body, message) => {
      const action = await actionAt('in_progress', { openedAt: new Date(Date.now() - 5 * DAY).toISOString() });
      const res = await editor.patch(`${BASE}/${action.id}`, body(action.openedAt));
      expectStatus(res, 400);
      expect(res.body.message).toMatch(message);
      expect(await get(action.id)).toEqual(action);
    });

    describe('verified by a person', () => {
      it('needs a note (400, nothing changed)', async () => {
        const action = await actionAt('implemented');
        const res = await editor.patch(`${BASE}/${action.id}`, { status: 'verified' });
        expectStatus(res, 400);
        expect(res.body.message).toMatch(/^verificationNote: required/);
        expect(await get(action.id)).toEqual(action);
      });

      it('is refused with a 409 naming the rule while the action has success metrics', async () => {
        const action = await actionAt('implemented');
        const metric = await editor.post(`${BASE}/${action.id}/metrics`, PROM_METRIC);
        expectStatus(metric, 201);
        const res = await editor.patch(`${BASE}/${action.id}`, { status: 'verified', verificationNote: NOTE });
        expectStatus(res, 409);
        expect(res.body.message).toMatch(/success metric/);
        expect((await get(action.id)).status).toBe('implemented');
        // Forbidden moves no longer offer verified while metrics exist.
        const back = await editor.patch(`${BASE}/${action.id}`, { status: 'open' });
        expect(back.body.message).toBe('cannot move from implemented to open; allowed: in_progress, wont_fix');
        // Without metrics the same request goes through.
        expectStatus(await editor.delete(`${BASE}/${action.id}/metrics/${metric.body.id}`), 204);
        const verified = await patch(action.id, { status: 'verified', verificationNote: NOTE });
        expect(verified).toMatchObject({ status: 'verified', verification: 'manual', verificationNote: NOTE });
        expect(Date.parse(verified.closedAt)).toBeGreaterThanOrEqual(Date.parse(action.implementedAt));
      });

      it('refuses a note without status verified', async () => {
        const action = await actionAt('implemented');
        for (const body of [{ verificationNote: NOTE }, { status: 'in_progress', verificationNote: NOTE }]) {
          const res = await editor.patch(`${BASE}/${action.id}`, body);
          expectStatus(res, 400);
          expect(res.body.message).toMatch(/^verificationNote: only allowed with status verified/);
        }
        expect(await get(action.id)).toEqual(action);
      });

      it('clears the verification when reopened', async () => {
        const verified = await actionAt('verified');
        expect(await patch(verified.id, { status: 'in_progress' })).toMatchObject({
          status: 'in_progress',
          implementedAt: null,
          closedAt: null,
          verification: null,
          verificationNote: null,
        });
      });
    });
  });

  describe('update', () => {
    it('changes only the fields given and records exactly what changed', async () => {
      const action = await create({ priority: 'P2', services: ['checkout'], assignee: 'sam' });
      const updated = await patch(action.id, {
        title: 'Cap client retries at 10%',
        priority: 'P1',
        services: ['checkout', 'cart'],
        assignee: null,
      });
      // The due date was the P2 default: it follows the new priority's SLO from the same openedAt.
      const dueAt = new Date(Date.parse(action.openedAt) + SLO_DAYS.P1 * DAY).toISOString();
      expect(updated).toEqual({
        ...action,
        title: 'Cap client retries at 10%',
        priority: 'P1',
        dueAt,
        services: ['checkout', 'cart'],
        assignee: null,
        updatedAt: updated.updatedAt,
      });
      expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(action.updatedAt));
      const trail = await events(action.id);
      expect(trail.map((e) => e.type)).toEqual(['created', 'updated']);
      expect(trail[1]).toEqual({
        id: expect.any(String),
        at: expect.stringMatching(ISO),
        actor: EDITOR,
        type: 'updated',
        changes: {
          title: { from: action.title, to: 'Cap client retries at 10%' },
          priority: { from: 'P2', to: 'P1' },
          dueAt: { from: action.dueAt, to: dueAt },
          services: { from: ['checkout'], to: ['checkout', 'cart'] },
          assignee: { from: 'sam', to: null },
        },
      });
    });

    it('writes no event for a change that changes nothing', async () => {
      const action = await create({ priority: 'P1' });
      expect(await patch(action.id, { title: action.title, priority: 'P1' })).toEqual(action);
      expect(await patch(action.id, {})).toEqual(action);
      expect((await events(action.id)).map((e) => e.type)).toEqual(['created']);
    });

    it('records dates as ISO strings, and null when cleared', async () => {
      const action = await create();
      await patch(action.id, { dueAt: null });
      const trail = await events(action.id);
      expect(trail[1].changes).toEqual({ dueAt: { from: action.dueAt, to: null } });
    });

    it('moves statusChangedAt with openedAt while the action is still in its first status', async () => {
      const action = await create();
      const openedAt = '2025-01-01T00:00:00.000Z';
      const updated = await patch(action.id, { openedAt, dueAt: '2025-06-01T00:00:00Z' });
      expect(updated.openedAt).toBe(openedAt);
      expect(updated.statusChangedAt).toBe(openedAt);
    });

    it('links and unlinks a post-mortem', async () => {
      const pm = await editor.post('/api/v1/postmortems', { kind: 'success', title: `Smooth migration ${run}` });
      expectStatus(pm, 201);
      const action = await create();
      expect((await patch(action.id, { postmortemId: pm.body.id })).postmortemId).toBe(pm.body.id);
      expect((await patch(action.id, { postmortemId: null })).postmortemId).toBeNull();
    });

    it.each<[string, Record<string, unknown>, RegExp]>([
      ['a null title', { title: null }, /^title must be a string/],
      ['an empty ownerTeam', { ownerTeam: '' }, /^ownerTeam must be longer than or equal to 1/],
      ['a null priority', { priority: null }, /^priority must be one of/],
      ['an unknown status', { status: 'done' }, /^status must be one of/],
      ['a dueAt before openedAt', { dueAt: '2000-01-01T00:00:00Z' }, /^dueAt: must not be before openedAt/],
      [
        'an openedAt after dueAt',
        { openedAt: new Date(Date.now() - DAY).toISOString(), dueAt: new Date(Date.now() - 2 * DAY).toISOString() },
        /^dueAt: must not be before openedAt/,
      ],
      [
        'an openedAt in the future',
        { openedAt: new Date(Date.now() + DAY).toISOString() },
        /^openedAt: must not be in the future/,
      ],
      ['an unknown postmortemId', { postmortemId: randomUUID() }, /^postmortemId: post-mortem .* not found/],
      ['a read-only field', { closedAt: new Date().toISOString() }, /^closedAt: property closedAt should not exist/],
      ['several changes with one bad one', { title: 'fine', services: ['Bad Service'] }, /^services must be lowercase/],
    ])('refuses %s with a 400 naming the field, changing nothing', async (_, body, message) => {
      const action = await create({ openedAt: new Date(Date.now() - 3 * DAY).toISOString() });
      const res = await editor.patch(`${BASE}/${action.id}`, body);
      expectStatus(res, 400);
      expect(res.body.message).toMatch(message);
      expect(await get(action.id)).toEqual(action);
      expect(await events(action.id)).toHaveLength(1);
    });

    it('refuses an openedAt after the due date, naming openedAt', async () => {
      const action = await create({
        openedAt: new Date(Date.now() - 10 * DAY).toISOString(),
        dueAt: new Date(Date.now() - 5 * DAY).toISOString(),
      });
      const res = await editor.patch(`${BASE}/${action.id}`, { openedAt: new Date(Date.now() - DAY).toISOString() });
      expectStatus(res, 400);
      expect(res.body.message).toBe('openedAt: must not be after dueAt');
    });
  });

  describe('audit events', () => {
    it('lists who changed what, oldest first, a page at a time', async () => {
      const action = await create({ title: 'Alert on retry ratio' });
      await patch(action.id, { status: 'in_progress' });
      await patch(action.id, { description: 'See the runbook.' });
      await patch(action.id, { status: 'implemented' });
      await patch(action.id, { priority: 'P0' });
      const all = await events(action.id);
      expect(all.map((e) => e.type)).toEqual(['created', 'status_changed', 'updated', 'status_changed', 'updated']);
      expect(all.every((e) => e.actor === EDITOR)).toBe(true);
      const times = all.map((e) => Date.parse(e.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(all[0].changes).toMatchObject({
        title: { from: null, to: 'Alert on retry ratio' },
        status: { from: null, to: 'open' },
      });
      expect(all[2].changes).toEqual({ description: { from: '', to: 'See the runbook.' } });

      const paged: any[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: HttpResult = await viewer.get(
          `${BASE}/${action.id}/events?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expectStatus(res, 200);
        paged.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(paged).toEqual(all);
    });

    it('refuses a bad cursor or limit, naming it', async () => {
      const action = await create();
      for (const [query, message] of [
        ['cursor=abc', /^cursor: /],
        [`cursor=${Buffer.from('12').toString('base64url')}`, /^cursor: /],
        ['limit=500', /^limit must not be greater than 200/],
      ] as const) {
        const res = await viewer.get(`${BASE}/${action.id}/events?${query}`);
        expectStatus(res, 400);
        expect(res.body.message).toMatch(message);
      }
    });
  });

  describe('ids, roles and deletion', () => {
    it.each([
      ['GET', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['GET', '/events'],
    ])('%s %s refuses a malformed id (400) and an unknown one (404)', async (method, suffix) => {
      const bad = await editor.request(method, `${BASE}/not-a-uuid${suffix}`, {
        body: method === 'PATCH' ? {} : undefined,
      });
      expectStatus(bad, 400);
      expect(bad.body.message).toMatch(/^id must be a UUID/);
      const unknown = randomUUID();
      const missing = await editor.request(method, `${BASE}/${unknown}${suffix}`, {
        body: method === 'PATCH' ? { title: 'x' } : undefined,
      });
      expectStatus(missing, 404);
      expect(missing.body.message).toBe(`action ${unknown} not found`);
    });

    it('lets a viewer read but not write', async () => {
      const action = await create();
      expectStatus(await viewer.get(BASE + '?limit=1'), 200);
      expectStatus(await viewer.get(`${BASE}/${action.id}/events`), 200);
      const team = newTeam();
      const denied = [
        await viewer.post(BASE, { title: 'x', ownerTeam: team }),
        await viewer.patch(`${BASE}/${action.id}`, { title: 'changed by a viewer' }),
        await viewer.delete(`${BASE}/${action.id}`),
      ];
      for (const res of denied) {
        expectStatus(res, 403);
        expect(res.body.message).toMatch(/editor/);
      }
      expect(await get(action.id)).toEqual(action);
      expect(await listAll(`team=${team}`)).toEqual([]);
      expectStatus(await viewer.get(BASE, { key: null }), 401);
    });

    it('deletes an action with its metrics and events', async () => {
      const action = await actionAt('in_progress');
      const metric = await editor.post(`${BASE}/${action.id}/metrics`, PROM_METRIC);
      expectStatus(metric, 201);
      expectStatus(await editor.delete(`${BASE}/${action.id}`), 204);
      expectStatus(await viewer.get(`${BASE}/${action.id}`), 404);
      expectStatus(await viewer.get(`${BASE}/${action.id}/events`), 404);
      expectStatus(await viewer.get(`${BASE}/${action.id}/metrics/${metric.body.id}`), 404);
      expect(await listAll(`team=${action.ownerTeam}`)).toEqual([]);
      expectStatus(await editor.delete(`${BASE}/${action.id}`), 404);
    });
  });

  it('keeps actions and their trail across a restart', async () => {
    const action = await actionAt('implemented', {
      priority: 'P0',
      services: ['search'],
      externalRef: 'https://github.com/acme/search/issues/7',
    });
    const trail = await events(action.id);
    await service.restart();
    expect(await get(action.id)).toEqual(action);
    expect(await events(action.id)).toEqual(trail);
    expect((await patch(action.id, { status: 'in_progress' })).status).toBe('in_progress');
  });
});
