import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { describeEachDatabase, expectStatus, HttpClient, ServiceProcess, type DatabaseChoice } from '@app/testing';

/*
 * Importing past action items: one create per item carries its status and dates, audited as the
 * moves it implies; a due date that came from the priority's SLO follows openedAt; and every change
 * to an action refreshes its flags at once (the scheduler is off in these tests, so nothing else
 * would raise them).
 */

const ACTIONS = '/api/v1/actions';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const NOTE = 'Checked by hand: the failover drill passed twice.';

describeEachDatabase('importing past action items', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  let scorer: HttpClient;
  const run = randomBytes(3).toString('hex');
  let teams = 0;
  const newTeam = (): string => `import-${run}-${++teams}`;

  beforeAll(async () => {
    service = await ServiceProcess.start({
      database,
      env: {
        REMEDIATION_DATASOURCES: JSON.stringify([
          { name: 'prom', type: 'prometheus', url: 'http://127.0.0.1:9', timeoutMs: 500 },
        ]),
      },
    });
    const issue = (name: string, role: string) => service.clientFor(name, role);
    editor = await issue('jira importer', 'editor');
    viewer = await issue('dashboard', 'viewer');
    scorer = await issue('cron', 'scorer');
  }, 60_000);
  afterAll(async () => service?.destroy());

  async function create(body: Record<string, unknown>): Promise<any> {
    const res = await editor.post(ACTIONS, { title: 'Add a circuit breaker to the ledger client', ...body });
    expectStatus(res, 201);
    return res.body;
  }
  async function patch(id: string, body: Record<string, unknown>): Promise<any> {
    const res = await editor.patch(`${ACTIONS}/${id}`, body);
    expectStatus(res, 200);
    return res.body;
  }
  async function get(id: string): Promise<any> {
    const res = await viewer.get(`${ACTIONS}/${id}`);
    expectStatus(res, 200);
    return res.body;
  }
  async function trail(id: string): Promise<Array<{ type: string; at: string; actor: string; changes: any }>> {
    const res = await viewer.get(`${ACTIONS}/${id}/events?limit=200`);
    expectStatus(res, 200);
    return res.body.items;
  }
  async function flagRows(actionId: string): Promise<any[]> {
    const res = await viewer.get(`/api/v1/flags?team=${encodeURIComponent((await get(actionId)).ownerTeam)}`);
    expectStatus(res, 200);
    const rows: any[] = Array.isArray(res.body) ? res.body : res.body.items;
    return rows.filter((f) => f.actionId === actionId);
  }
  const kinds = (action: any): string[] => action.flags.map((f: { kind: string }) => f.kind).sort();
  /** The status moves of a trail as [to, at]. */
  const moves = (events: Array<{ type: string; at: string; changes: any }>) =>
    events.filter((e) => e.type === 'status_changed').map((e) => [e.changes.status.to, e.at]);

  describe('one create per past item', () => {
    const now = Date.now();
    const opened = Math.floor(now / DAY) * DAY - 60 * DAY;
    const shipped = opened + 20 * DAY;
    const closed = opened + 30 * DAY;
    let team: string;
    const imported: Record<string, any> = {};

    beforeAll(async () => {
      team = newTeam();
      const base = { ownerTeam: team, priority: 'P3', openedAt: iso(opened) };
      imported.open = await create({ ...base, title: 'Document the ledger failover' });
      imported.in_progress = await create({ ...base, status: 'in_progress' });
      imported.implemented = await create({ ...base, status: 'implemented', implementedAt: iso(shipped) });
      imported.wont_fix = await create({ ...base, status: 'wont_fix', closedAt: iso(closed) });
      imported.verified = await create({
        ...base,
        status: 'verified',
        implementedAt: iso(shipped),
        closedAt: iso(closed),
        verificationNote: NOTE,
      });
    });

    it('keeps each status with its dates, statusChangedAt the last move', () => {
      expect(imported.open).toMatchObject({
        status: 'open',
        openedAt: iso(opened),
        statusChangedAt: iso(opened),
        implementedAt: null,
        closedAt: null,
      });
      expect(imported.in_progress).toMatchObject({
        status: 'in_progress',
        statusChangedAt: iso(opened),
        implementedAt: null,
        closedAt: null,
      });
      expect(imported.implemented).toMatchObject({
        status: 'implemented',
        implementedAt: iso(shipped),
        statusChangedAt: iso(shipped),
        closedAt: null,
      });
      expect(imported.wont_fix).toMatchObject({
        status: 'wont_fix',
        closedAt: iso(closed),
        statusChangedAt: iso(closed),
        implementedAt: null,
        verification: null,
      });
      expect(imported.verified).toMatchObject({
        status: 'verified',
        implementedAt: iso(shipped),
        closedAt: iso(closed),
        statusChangedAt: iso(closed),
        verification: 'manual',
        verificationNote: NOTE,
      });
    });

    it('audits one event per implied move, in order, each at its own time', async () => {
      const verified = await trail(imported.verified.id);
      expect(verified.map((e) => e.type)).toEqual(['created', 'status_changed', 'status_changed', 'status_changed']);
      expect(verified.every((e) => e.actor === 'jira importer')).toBe(true);
      expect(verified[0].at).toBe(iso(opened));
      expect(verified[0].changes.status).toEqual({ from: null, to: 'open' });
      // in_progress since it was opened (1 ms after the creation, which it follows), shipped, closed.
      expect(moves(verified)).toEqual([
        ['in_progress', iso(opened + 1)],
        ['implemented', iso(shipped)],
        ['verified', iso(closed)],
      ]);
      expect(verified[2].changes).toMatchObject({
        status: { from: 'in_progress', to: 'implemented' },
        implementedAt: { from: null, to: iso(shipped) },
      });
      expect(verified[3].changes).toMatchObject({
        verification: { from: null, to: 'manual' },
        verificationNote: { from: null, to: NOTE },
      });
      expect(moves(await trail(imported.implemented.id))).toEqual([
        ['in_progress', iso(opened + 1)],
        ['implemented', iso(shipped)],
      ]);
      expect(moves(await trail(imported.wont_fix.id))).toEqual([['wont_fix', iso(closed)]]);
      expect(moves(await trail(imported.open.id))).toEqual([]);
    });

    it('counts the imported items in the burndown at their own dates', async () => {
      const res = await viewer.get(
        `/api/v1/burndown?team=${team}&from=${iso(opened - 7 * DAY)}&to=${iso(now)}&interval=day`,
      );
      expectStatus(res, 200);
      const points: any[] = res.body.points;
      const sum = (key: string) => points.reduce((n, p) => n + p[key], 0);
      expect([sum('opened'), sum('closed'), sum('verified')]).toEqual([5, 2, 1]);
      const closedDay = points.find((p) => p.closed > 0);
      expect(closedDay).toMatchObject({ at: iso(closed), closed: 2, verified: 1, remaining: 3 });
      expect(points[points.length - 1].remaining).toBe(3);
    });

    it('flags what is true now: the stale open items stall, the shipped one is not ineffective without a metric', async () => {
      // Opened 60 days ago without a move since (P3: no due date).
      expect(kinds(imported.open)).toEqual(['stalled']);
      expect(kinds(imported.in_progress)).toEqual(['stalled']);
      // Shipped 40 days ago: stalled on its status alone, but there is no success metric to prove it.
      expect(kinds(imported.implemented)).toEqual(['stalled']);
      expect(kinds(imported.verified)).toEqual([]);
      expect(kinds(imported.wont_fix)).toEqual([]);
      // Given a metric (verifyWithin 30d by default), its fix is overdue for proof.
      const attached = await editor.post(`${ACTIONS}/${imported.implemented.id}/metrics`, {
        name: 'ledger error ratio',
        datasource: 'prom',
        query: 'sum(rate(ledger_errors_total[5m]))',
        direction: 'decrease',
        target: { relativePercent: 50 },
      });
      expectStatus(attached, 201);
      expectStatus(await scorer.post('/api/v1/scoring/run', { actionIds: [imported.implemented.id] }), 200);
      expect(kinds(await get(imported.implemented.id))).toContain('ineffective');
    });

    it('clears the ineffective flag at once when a metric is given longer to prove the fix', async () => {
      const action = await get(imported.implemented.id);
      expect(kinds(action)).toContain('ineffective');
      const metric = action.metrics[0];
      expectStatus(await editor.patch(`${ACTIONS}/${action.id}/metrics/${metric.id}`, { verifyWithin: '90d' }), 200);
      // No scoring run in between: the change itself brings the flags up to date, as a create does.
      expect(kinds(await get(action.id))).not.toContain('ineffective');
    });
  });

  describe('refusals name the field and write nothing', () => {
    const now = Date.now();
    const opened = now - 30 * DAY;

    it.each([
      [{ status: 'implemented', implementedAt: iso(opened - DAY) }, /^implementedAt: must not be before openedAt/],
      [{ status: 'implemented', implementedAt: iso(now + DAY) }, /^implementedAt: must not be in the future/],
      [{ status: 'wont_fix', closedAt: iso(now + DAY) }, /^closedAt: must not be in the future/],
      [
        {
          status: 'verified',
          implementedAt: iso(opened + 2 * DAY),
          closedAt: iso(opened + DAY),
          verificationNote: NOTE,
        },
        /^closedAt: must not be before implementedAt/,
      ],
      [
        { status: 'in_progress', implementedAt: iso(opened + DAY) },
        /^implementedAt: only with status implemented or verified/,
      ],
      [{ status: 'implemented', closedAt: iso(opened + DAY) }, /^closedAt: only with status verified or wont_fix/],
      [{ status: 'verified', closedAt: iso(opened + DAY) }, /^verificationNote: required/],
      [{ status: 'open', verificationNote: NOTE }, /^verificationNote: only allowed with status verified/],
      [{ status: 'done' }, /status/],
    ])('%j', async (body, message) => {
      const team = newTeam();
      const res = await editor.post(ACTIONS, { title: 'Bad import', ownerTeam: team, openedAt: iso(opened), ...body });
      expectStatus(res, 400);
      expect(res.body.message).toMatch(message);
      const listed = await viewer.get(`${ACTIONS}?team=${team}`);
      expect(listed.body.items).toEqual([]);
    });
  });

  describe('flags follow a change at once', () => {
    it('an action created past its due date is overdue in the create answer; a later due date clears it', async () => {
      const before = Date.now();
      const created = await create({
        ownerTeam: newTeam(),
        openedAt: iso(before - 10 * DAY),
        dueAt: iso(before - DAY),
      });
      const after = Date.now();
      expect(kinds(created)).toEqual(['overdue']);
      const raisedAt = Date.parse(created.flags[0].raisedAt);
      expect(raisedAt).toBeGreaterThanOrEqual(before);
      expect(raisedAt).toBeLessThanOrEqual(after);
      expect(kinds(await get(created.id))).toEqual(['overdue']);

      const moved = await patch(created.id, { dueAt: iso(Date.now() + 5 * DAY) });
      expect(kinds(moved)).toEqual([]);
      expect(kinds(await get(created.id))).toEqual([]);
      const [row] = await flagRows(created.id);
      expect(row).toMatchObject({ kind: 'overdue', clearedAt: expect.any(String) });
      expect(Date.parse(row.clearedAt)).toBeGreaterThanOrEqual(raisedAt);
    });

    it('a status change clears the flags a closed action no longer carries', async () => {
      const created = await create({
        ownerTeam: newTeam(),
        openedAt: iso(Date.now() - 10 * DAY),
        dueAt: iso(Date.now() - DAY),
      });
      expect(kinds(created)).toEqual(['overdue']);
      expect(kinds(await patch(created.id, { status: 'wont_fix' }))).toEqual([]);
    });

    it('moving openedAt back raises overdue at once through a due date taken from the SLO', async () => {
      const created = await create({ ownerTeam: newTeam(), priority: 'P0' });
      expect(kinds(created)).toEqual([]);
      const moved = await patch(created.id, { openedAt: iso(Date.now() - 40 * DAY) });
      expect(Date.parse(moved.dueAt)).toBe(Date.parse(moved.openedAt) + 28 * DAY);
      // Its status is as old as its openedAt now: 40 days without a move stalls it too.
      expect(kinds(moved)).toEqual(['overdue', 'stalled']);
    });
  });

  describe('a due date from the SLO follows openedAt and priority; an explicit one stays', () => {
    it('follows openedAt', async () => {
      const created = await create({ ownerTeam: newTeam(), priority: 'P1', openedAt: iso(Date.now() - 5 * DAY) });
      expect(Date.parse(created.dueAt)).toBe(Date.parse(created.openedAt) + 56 * DAY);
      const openedAt = Date.now() - 20 * DAY;
      const moved = await patch(created.id, { openedAt: iso(openedAt) });
      expect(moved.dueAt).toBe(iso(openedAt + 56 * DAY));
      const [, updated] = await trail(created.id);
      expect(updated.changes.dueAt).toEqual({ from: created.dueAt, to: iso(openedAt + 56 * DAY) });
    });

    it('follows the priority, down to none for P3 and back', async () => {
      const openedAt = Date.now() - 5 * DAY;
      const created = await create({ ownerTeam: newTeam(), priority: 'P2', openedAt: iso(openedAt) });
      expect((await patch(created.id, { priority: 'P0' })).dueAt).toBe(iso(openedAt + 28 * DAY));
      expect((await patch(created.id, { priority: 'P3' })).dueAt).toBeNull();
      expect((await patch(created.id, { priority: 'P1' })).dueAt).toBe(iso(openedAt + 56 * DAY));
    });

    it('an explicit due date stays, on create or once set by PATCH', async () => {
      const due = Date.now() + 10 * DAY;
      const explicit = await create({
        ownerTeam: newTeam(),
        priority: 'P1',
        openedAt: iso(Date.now() - 5 * DAY),
        dueAt: iso(due),
      });
      expect((await patch(explicit.id, { openedAt: iso(Date.now() - 20 * DAY), priority: 'P0' })).dueAt).toBe(iso(due));
      const none = await create({ ownerTeam: newTeam(), priority: 'P1', dueAt: null });
      expect((await patch(none.id, { openedAt: iso(Date.now() - DAY) })).dueAt).toBeNull();
      const later = await create({ ownerTeam: newTeam(), priority: 'P1' });
      await patch(later.id, { dueAt: iso(due) });
      expect((await patch(later.id, { priority: 'P0' })).dueAt).toBe(iso(due));
    });
  });
});
