import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeEachDatabase, expectStatus, HttpClient, seedSql, ServiceProcess } from '@app/testing';
import type { DatabaseChoice } from '@app/testing';
import { burndownFixtureSql, PM2 } from './fixtures/burndown-actions.fixture';

const BASE = '/api/v1/burndown';
const TEN_WEEKS = 'from=2026-03-02T00:00:00Z&to=2026-05-11T00:00:00Z&interval=week';
const MONDAYS = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30', '2026-04-06', '2026-04-13', '2026-04-20', '2026-04-27', '2026-05-04'].map(
  (d) => `${d}T00:00:00.000Z`,
);

/** A hand-counted row: [at, remaining, opened, closed, verified, overdue, stalled]. */
type Row = [string, number, number, number, number, number, number];
const asRows = (points: any[]): Row[] => points.map((p) => [p.at, p.remaining, p.opened, p.closed, p.verified, p.overdue, p.stalled]);
const remainingOf = (body: any): number[] => body.points.map((p: any) => p.remaining);

describeEachDatabase('burndown', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let viewer: HttpClient;
  let editor: HttpClient;

  beforeAll(async () => {
    service = await ServiceProcess.start({ database });
    await seedSql(service, burndownFixtureSql());
    const issue = async (name: string, role: string): Promise<HttpClient> => {
      const res = await service.http.post('/api/v1/keys', { name, role });
      expectStatus(res, 201);
      return service.http.withKey(res.body.key);
    };
    viewer = await issue('burndown viewer', 'viewer');
    editor = await issue('burndown editor', 'editor');
  });
  afterAll(async () => service?.destroy());

  async function burndown(query: string): Promise<any> {
    const res = await viewer.get(`${BASE}?${query}`);
    expectStatus(res, 200);
    return res.body;
  }

  describe('ten weeks by ISO week, UTC', () => {
    let body: any;
    beforeAll(async () => {
      body = await burndown(TEN_WEEKS);
    });

    it('echoes the range and counts every week by hand', () => {
      expect([body.from, body.to, body.interval, body.tz]).toEqual(['2026-03-02T00:00:00.000Z', '2026-05-11T00:00:00.000Z', 'week', 'UTC']);
      // W1: a6 opened and closed the same day (opened and closed, remaining unchanged by it).
      // W2: a7 verified, a9 wont_fix; a1 overdue (due 10 Mar). W3: a1 verified; a4 stalled.
      // W6: a3 wont_fix; a2 and a11 (reopened from verified: never closed) overdue.
      // W8: a12's flag (never cleared) counts while it remains, not after it closes in W9.
      // W10: a30 closes after `to`, so it still remains; a25's flag was cleared in W9.
      expect(asRows(body.points)).toEqual([
        [MONDAYS[0], 7, 4, 1, 0, 0, 0],
        [MONDAYS[1], 9, 4, 2, 1, 1, 0],
        [MONDAYS[2], 12, 4, 1, 1, 0, 1],
        [MONDAYS[3], 13, 3, 2, 0, 0, 1],
        [MONDAYS[4], 15, 2, 0, 0, 0, 2],
        [MONDAYS[5], 16, 2, 1, 0, 2, 2],
        [MONDAYS[6], 17, 2, 1, 1, 2, 1],
        [MONDAYS[7], 17, 2, 2, 2, 3, 3],
        [MONDAYS[8], 16, 1, 2, 2, 4, 1],
        [MONDAYS[9], 14, 2, 4, 2, 5, 1],
      ]);
    });

    it('draws the ideal line from the 4 remaining at `from` to 0 on 21 May 12:00 (a3, the latest due of them)', () => {
      // 4 × (80.5 days − 7k) / 80.5 days, read at each week's end.
      expect(body.ideal).toEqual(
        [3.65, 3.3, 2.96, 2.61, 2.26, 1.91, 1.57, 1.22, 0.87, 0.52].map((remaining, i) => ({ at: MONDAYS[i], remaining })),
      );
    });

    it('forecasts from the 9 closures of the last four weeks: 14 left at 2.25 a week', () => {
      // 14 / 2.25 weeks = 43 days 13 h 20 min after 11 May; a29 is due last, on 3 August.
      expect(body.forecast).toEqual({
        zeroAt: '2026-06-23T13:20:00.000Z',
        closingPerWeek: 2.25,
        onTrack: true,
        remaining: 14,
        latestDueAt: '2026-08-03T12:00:00.000Z',
      });
    });
  });

  describe('filters', () => {
    it('team: alpha, with its own ideal line and a forecast that misses the due date', async () => {
      const body = await burndown(`${TEN_WEEKS}&team=alpha`);
      expect(asRows(body.points)).toEqual([
        [MONDAYS[0], 3, 2, 1, 0, 0, 0],
        [MONDAYS[1], 4, 1, 0, 0, 1, 0],
        [MONDAYS[2], 5, 2, 1, 1, 0, 0],
        [MONDAYS[3], 5, 1, 1, 0, 0, 0],
        [MONDAYS[4], 5, 0, 0, 0, 0, 0],
        [MONDAYS[5], 6, 1, 0, 0, 2, 0],
        [MONDAYS[6], 7, 1, 0, 0, 2, 0],
        [MONDAYS[7], 6, 0, 1, 1, 3, 1],
        [MONDAYS[8], 7, 1, 0, 0, 3, 0],
        [MONDAYS[9], 5, 0, 2, 0, 3, 0],
      ]);
      // a1 and a2 remain at `from`; a2 is due last (12 April 12:00): 2 × (41.5 days − 7k) / 41.5 days.
      expect(body.ideal.map((p: any) => p.remaining)).toEqual([1.66, 1.33, 0.99, 0.65, 0.31, 0, 0, 0, 0, 0]);
      // a5, a22, a28 closed in the last four weeks: 0.75 a week; 5 left take 6 2/3 weeks, past a16's 20 June.
      expect(body.forecast).toEqual({
        zeroAt: '2026-06-26T16:00:00.000Z',
        closingPerWeek: 0.75,
        onTrack: false,
        remaining: 5,
        latestDueAt: '2026-06-20T12:00:00.000Z',
      });
    });

    it.each<[string, string, number[]]>([
      ['service (a2 has two services)', 'service=auth', [2, 2, 3, 3, 4, 4, 5, 5, 5, 5]],
      ['priorities as a comma list', 'priority=P0,P1', [5, 5, 6, 7, 8, 9, 8, 8, 9, 7]],
      ['priorities repeated', 'priority=P0&priority=P1', [5, 5, 6, 7, 8, 9, 8, 8, 9, 7]],
      ['severity of the post-mortem', 'severity=SEV1', [3, 5, 5, 6, 7, 8, 7, 7, 6, 7]],
      ['several severities: every action with a post-mortem', 'severity=SEV1,SEV3', [6, 8, 9, 11, 13, 14, 15, 14, 13, 12]],
      ['a severity no post-mortem has', 'severity=SEV2', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
      ['post-mortem', `postmortemId=${PM2}`, [3, 3, 4, 5, 6, 6, 8, 7, 7, 5]],
      ['team, service and priority together', 'team=alpha&service=checkout&priority=P0', [1, 2, 1, 1, 1, 1, 1, 1, 1, 1]],
    ])('%s', async (_name, filter, remaining) => {
      expect(remainingOf(await burndown(`${TEN_WEEKS}&${filter}`))).toEqual(remaining);
    });

    it('nothing matching: zero everywhere, a flat ideal line, zero already reached', async () => {
      const body = await burndown(`${TEN_WEEKS}&team=nobody`);
      expect(body.points.every((p: any) => p.remaining + p.opened + p.closed + p.verified + p.overdue + p.stalled === 0)).toBe(true);
      expect(body.points).toHaveLength(10);
      expect(body.ideal.map((p: any) => p.remaining)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect(body.forecast).toEqual({ zeroAt: '2026-05-11T00:00:00.000Z', closingPerWeek: 0, onTrack: true, remaining: 0, latestDueAt: null });
    });
  });

  describe('time zones', () => {
    it('UTC days around the New York change to summer time', async () => {
      const body = await burndown('from=2026-03-05T00:00:00Z&to=2026-03-12T00:00:00Z&interval=day&tz=UTC');
      expect(asRows(body.points)).toEqual([
        ['2026-03-05T00:00:00.000Z', 5, 0, 0, 0, 0, 0],
        ['2026-03-06T00:00:00.000Z', 6, 1, 0, 0, 0, 0],
        ['2026-03-07T00:00:00.000Z', 6, 0, 0, 0, 0, 0],
        ['2026-03-08T00:00:00.000Z', 7, 1, 0, 0, 0, 0],
        ['2026-03-09T00:00:00.000Z', 7, 1, 1, 1, 0, 0],
        ['2026-03-10T00:00:00.000Z', 8, 1, 0, 0, 1, 0],
        ['2026-03-11T00:00:00.000Z', 8, 1, 1, 0, 1, 0],
      ]);
    });

    it('New York days: 8 March has 23 hours, and an event at 04:30Z on 9 March is already 9 March', async () => {
      const body = await burndown('from=2026-03-05T05:00:00Z&to=2026-03-12T04:00:00Z&tz=America/New_York');
      expect(body.interval).toBe('day');
      expect(body.tz).toBe('America/New_York');
      // a7 opens 21:00 on 5 Mar, a8 23:30 on 7 Mar, a9 23:30 on 8 Mar; a7 closes 00:30 EDT on 9 Mar.
      expect(asRows(body.points)).toEqual([
        ['2026-03-05T05:00:00.000Z', 6, 1, 0, 0, 0, 0],
        ['2026-03-06T05:00:00.000Z', 6, 0, 0, 0, 0, 0],
        ['2026-03-07T05:00:00.000Z', 7, 1, 0, 0, 0, 0],
        ['2026-03-08T05:00:00.000Z', 8, 1, 0, 0, 0, 0],
        ['2026-03-09T04:00:00.000Z', 7, 0, 1, 1, 0, 0],
        ['2026-03-10T04:00:00.000Z', 8, 1, 0, 0, 1, 0],
        ['2026-03-11T04:00:00.000Z', 8, 1, 1, 0, 1, 0],
      ]);
    });

    it('Berlin weeks across its change to summer time: Sunday-night UTC events fall in the next week', async () => {
      const body = await burndown('from=2026-03-15T23:00:00Z&to=2026-04-05T22:00:00Z&interval=week&tz=Europe/Berlin&team=alpha');
      // a16 (Sun 22 Mar 23:30Z) and a19 (Sun 29 Mar 22:30Z) open on Monday in Berlin.
      expect(asRows(body.points)).toEqual([
        ['2026-03-15T23:00:00.000Z', 4, 1, 1, 1, 0, 0],
        ['2026-03-22T23:00:00.000Z', 4, 1, 1, 0, 0, 0],
        ['2026-03-29T22:00:00.000Z', 5, 1, 0, 0, 0, 0],
      ]);
    });

    it('the same weeks in UTC count those two a week earlier', async () => {
      const body = await burndown('from=2026-03-16T00:00:00Z&to=2026-04-06T00:00:00Z&interval=week&team=alpha');
      expect(body.points.map((p: any) => p.opened)).toEqual([2, 1, 0]);
    });
  });

  describe('defaults', () => {
    it('the last twelve weeks by UTC day up to now', async () => {
      const before = Date.now();
      const body = await burndown('');
      const after = Date.now();
      const to = Date.parse(body.to);
      expect(to).toBeGreaterThanOrEqual(before);
      expect(to).toBeLessThanOrEqual(after);
      expect(to - Date.parse(body.from)).toBe(84 * 86_400_000);
      expect([body.interval, body.tz]).toEqual(['day', 'UTC']);
      expect(body.points[0].at).toBe(`${body.from.slice(0, 10)}T00:00:00.000Z`);
    });

    it('more than 92 days defaults to weeks', async () => {
      const body = await burndown('from=2026-02-01T00:00:00Z&to=2026-05-11T00:00:00Z');
      expect(body.interval).toBe('week');
      expect(body.points[0].at).toBe('2026-01-26T00:00:00.000Z');
    });
  });

  describe('through the API', () => {
    const team = 'api-edge';
    const sums = (body: any) => ({
      closed: body.points.reduce((n: number, p: any) => n + p.closed, 0),
      verified: body.points.reduce((n: number, p: any) => n + p.verified, 0),
      opened: body.points.reduce((n: number, p: any) => n + p.opened, 0),
      remaining: body.points.at(-1).remaining,
    });
    const step = async (id: string, body: Record<string, unknown>) => expectStatus(await editor.patch(`/api/v1/actions/${id}`, body), 200);

    it('a rolled-back fix never closes; a reopened verified action stops counting as closed', async () => {
      const created = await editor.post('/api/v1/actions', { title: 'Roll back then retry', ownerTeam: team });
      expectStatus(created, 201);
      const rolledBack = created.body.id;
      await step(rolledBack, { status: 'in_progress' });
      await step(rolledBack, { status: 'implemented' });
      await step(rolledBack, { status: 'in_progress' });
      expect(sums(await burndown(`team=${team}`))).toEqual({ closed: 0, verified: 0, opened: 1, remaining: 1 });

      const other = await editor.post('/api/v1/actions', { title: 'Verified by hand, then regressed', ownerTeam: team });
      expectStatus(other, 201);
      const reopened = other.body.id;
      await step(reopened, { status: 'in_progress' });
      await step(reopened, { status: 'implemented' });
      await step(reopened, { status: 'verified', verificationNote: 'Load test no longer reproduces the retry storm.' });
      expect(sums(await burndown(`team=${team}`))).toEqual({ closed: 1, verified: 1, opened: 2, remaining: 1 });
      const forecast = (await burndown(`team=${team}`)).forecast;
      expect([forecast.remaining, forecast.closingPerWeek]).toEqual([1, 0.25]);

      await step(reopened, { status: 'in_progress' });
      expect(sums(await burndown(`team=${team}`))).toEqual({ closed: 0, verified: 0, opened: 2, remaining: 2 });
    });

    it('wont_fix closes without verifying', async () => {
      const created = await editor.post('/api/v1/actions', { title: 'Not worth it', ownerTeam: `${team}-2` });
      expectStatus(created, 201);
      await step(created.body.id, { status: 'wont_fix' });
      expect(sums(await burndown(`team=${team}-2`))).toEqual({ closed: 1, verified: 0, opened: 1, remaining: 0 });
    });
  });

  describe('validation', () => {
    it.each<[string, string, RegExp]>([
      ['an unknown time zone', 'tz=Mars/Olympus', /^tz /],
      ['an offset instead of a zone', 'tz=%2B02:00', /^tz /],
      ['from after to', 'from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z', /^from: must be before to/],
      ['from equal to to', 'from=2026-03-10T00:00:00Z&to=2026-03-10T00:00:00Z', /^from: must be before to/],
      ['more than 1,000 buckets', 'from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&interval=day', /^from: .*more than 1000 day buckets/],
      ['an unknown interval', 'interval=month', /^interval /],
      ['a time without a zone', 'from=2026-03-01T00:00:00', /^from must be an ISO-8601/],
      ['an unknown priority', 'priority=P0,P7', /^priority /],
      ['an unknown severity', 'severity=SEV5', /^severity /],
      ['a malformed post-mortem id', 'postmortemId=42', /^postmortemId /],
      ['an unknown parameter', 'owner=someone', /owner/],
    ])('%s → 400 naming the field', async (_name, query, message) => {
      const res = await viewer.get(`${BASE}?${query}`);
      expectStatus(res, 400);
      expect(res.body.message).toMatch(message);
    });

    it('1,000 day buckets are allowed', async () => {
      const body = await burndown('from=2024-01-01T00:00:00Z&to=2026-09-27T00:00:00Z&interval=day');
      expect(body.points).toHaveLength(1000);
    });
  });
});
