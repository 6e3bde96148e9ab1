import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachDatabase, expectStatus, HttpClient, itOnPostgres, ServiceProcess, withClient } from '@app/testing';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The burndown over a past range and the summary are kept between requests until a write moves the
 * data they read. Whatever writes (this service, another process on the same PostgreSQL, a bulk
 * statement, a TRUNCATE), the next answer must show it; scoring's own bookkeeping must not make
 * every answer recomputed.
 */
describeEachDatabase('whole-table reports after writes', (database) => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  const team = `fresh-${process.pid}`;
  // A past range: the burndown for it depends on the data alone.
  const to = new Date(Date.now() - HOUR).toISOString();
  const from = new Date(Date.now() - 30 * DAY).toISOString();
  const burndownPath = `/api/v1/burndown?team=${team}&from=${from}&to=${to}&interval=day`;

  beforeAll(async () => {
    // A datasource that never answers: the last test's metric is claimed and fails, as scoring does.
    const datasources = [{ name: 'down', type: 'prometheus', url: 'http://127.0.0.1:9', timeoutMs: 1000 }];
    service = await ServiceProcess.start({ database, datasources });
    ({ editor, viewer } = await service.clientsFor({ editor: 'sre', viewer: 'manager' }));
  });

  afterAll(async () => {
    await service?.destroy();
  });

  async function summaryTotal(): Promise<{ total: number; stalled: number }> {
    const res = await viewer.get(`/api/v1/reports/summary?team=${team}`);
    expectStatus(res, 200);
    return { total: res.body.total, stalled: res.body.byFlag.stalled };
  }

  async function remainingAtEnd(): Promise<number> {
    const res = await viewer.get(burndownPath);
    expectStatus(res, 200);
    return res.body.points.at(-1).remaining;
  }

  async function openAction(openedDaysAgo: number): Promise<string> {
    const res = await editor.post('/api/v1/actions', {
      title: 'Add a circuit breaker',
      ownerTeam: team,
      openedAt: new Date(Date.now() - openedDaysAgo * DAY).toISOString(),
    });
    expectStatus(res, 201);
    return res.body.id;
  }

  it("shows the service's own writes in the next answer", async () => {
    const before = { summary: await summaryTotal(), remaining: await remainingAtEnd() };
    // Asked twice with nothing written: the same answer.
    expect(await summaryTotal()).toEqual(before.summary);
    expect(await remainingAtEnd()).toBe(before.remaining);

    const id = await openAction(3);
    expect((await summaryTotal()).total).toBe(before.summary.total + 1);
    expect(await remainingAtEnd()).toBe(before.remaining + 1);

    expectStatus(await editor.patch(`/api/v1/actions/${id}`, { status: 'wont_fix', reason: 'superseded' }), 200);
    expect(await remainingAtEnd()).toBe(before.remaining + 1); // closed after `to`: still open then
    expect((await summaryTotal()).total).toBe(before.summary.total + 1);
    const closed = await viewer.get(`/api/v1/reports/summary?team=${team}`);
    expect(closed.body.byStatus.wont_fix).toBe(1);
  });

  it('answers a range that reaches past now afresh, whatever was asked before', async () => {
    const until = new Date(Date.now() + DAY).toISOString();
    const path = `/api/v1/burndown?team=${team}&from=${from}&to=${until}&interval=day`;
    const first = await viewer.get(path);
    expectStatus(first, 200);
    await openAction(1);
    const second = await viewer.get(path);
    expect(second.body.points.at(-1).remaining).toBe(first.body.points.at(-1).remaining + 1);
  });

  itOnPostgres(database, 'shows writes made from another connection, in bulk and by TRUNCATE', async () => {
    const url = service.database!.url;
    const actionId = await openAction(5);
    const before = await summaryTotal();

    await withClient(url, (c) =>
      c.query(`INSERT INTO flags (action_id, kind, raised_at, reason) VALUES ($1, 'stalled', now(), 'no progress')`, [
        actionId,
      ]),
    );
    expect((await summaryTotal()).stalled).toBe(before.stalled + 1);

    // One transaction writing many rows moves the version once, as its last writer.
    const versions = await withClient(url, async (c) => {
      const read = async () =>
        (await c.query(`SELECT version::text AS v, last_xid::text AS xid FROM report_data_version`)).rows[0];
      const start = await read();
      await c.query('BEGIN');
      const { rows } = await c.query(`SELECT pg_current_xact_id()::text AS xid`);
      await c.query(
        `INSERT INTO actions (title, owner_team, opened_at, status_changed_at, priority, status, services)
         SELECT 'bulk ' || n, $1, now() - interval '2 days', now() - interval '2 days', 'P2', 'open', '{}' FROM generate_series(1, 50) n`,
        [team],
      );
      await c.query(`UPDATE flags SET reason = 'still no progress' WHERE action_id = $1`, [actionId]);
      await c.query('COMMIT');
      const end = await read();
      return { moved: BigInt(end.v) - BigInt(start.v), byThisTransaction: end.xid === rows[0].xid };
    });
    expect(versions).toEqual({ moved: 1n, byThisTransaction: true });
    expect((await summaryTotal()).total).toBe(before.total + 50);
    expect(await remainingAtEnd()).toBeGreaterThanOrEqual(51);

    await withClient(url, (c) => c.query(`TRUNCATE flags`));
    expect((await summaryTotal()).stalled).toBe(0);
  });

  itOnPostgres(database, "does not move the version for scoring's bookkeeping on metrics", async () => {
    const actionId = await openAction(2);
    expectStatus(
      await editor.post(`/api/v1/actions/${actionId}/metrics`, {
        name: 'error ratio',
        direction: 'decrease',
        target: { relativePercent: 25 },
        datasource: 'down',
        query: 'sum(rate(errors_total[5m]))',
      }),
      201,
    );
    await withClient(service.database!.url, async (c) => {
      await c.query('BEGIN');
      // What a claim and a check write on a metric.
      await c.query(
        `UPDATE success_metrics SET lease_owner = 'elsewhere', lease_expires_at = now(), next_check_at = now() + interval '1 hour'
         WHERE action_id = $1`,
        [actionId],
      );
      const { rows } = await c.query(`SELECT pg_current_xact_id()::text AS xid`);
      await c.query('COMMIT');
      const after = await c.query(`SELECT last_xid::text AS xid FROM report_data_version`);
      expect(after.rows[0].xid).not.toBe(rows[0].xid);
    });
  });
});
