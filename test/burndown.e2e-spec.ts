import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeEachDatabase, expectStatus, HttpClient, seedSql, ServiceProcess } from '@app/testing';
import type { DatabaseChoice } from '@app/testing';
import { burndownFixtureSql, PM2 } from './fixtures/burndown-actions.fixture';

const BASE = '/api/v1/burndown';
const TEN_WEEKS = 'from=2026-03-02T00:00:00Z&to=2026-05-11T00:00:00Z&interval=week';
const MONDAYS = [
  '2026-03-02',
  '2026-03-09',
  '2026-03-16',
  '2026-03-23',
  '2026-03-30',
  '2026-04-06',
  '2026-04-13',
  '2026-04-20',
  '2026-04-27',
  '2026-05-04',
].map((d) => `${d}T00:00:00.000Z`);

/** A hand-counted row: [at, remaining, opened, closed, verified, overdue, stalled]. */
type Row = [string, number, number, number, number, number, number];
const asRows = (points: any[]): Row[] =>
  points.map((p) => [p.at, p.remaining, p.opened, p.closed, p.verified, p.overdue, p.stalled]);
const remainingOf = (body: any): number[] => body.points.map((p: any) => p.remaining);

describeEachDatabase('burndown', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let viewer: HttpClient;
  let editor: HttpClient;

  beforeAll(async () => {
    service = await ServiceProcess.start({ database });
    await seedSql(service, burndownFixtureSql());
    const issue = (name: string, role: string) => service.clientFor(name, role);
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
      expect([body.from, body.to, body.interval, body.tz]).toEqual([
        '2026-03-02T00:00:00.000Z',
        '2026-05-11T00:00:00.000Z',
        'week',
        'UTC',
      ]);
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

    it('draws the ideal line from the 4 remaining at `from`, stepping up by the actions opened each week', () => {
      // Days from 2 March, read at each week's end (day 7k). The line starts at 4 aiming at a3's 21 May
      // 12:00 (day 80.5); each week's openings join at its end and move the aim to the latest due date
      // so far: W1 +4 (a6, 2 Jun 12:00 = 92.5), W2 +4 (a12, 100.5), W3 +4 (a16, 110.5), W4 +3 (110.5),
      // W5 +2 (a20, 119.5), W6 +2 (a22, 126.5), W7 +2 (a24, 133.5), W8 +2 (a27, 142.5), W9 +1 (142.5),
      // W10 +2 (a29, 3 Aug 12:00 = 154.5). Between steps v(t) = v(a) × (aim − t) / (aim − a):
      // W1 4 × 73.5/80.5 + 4 = 7.652; W2 × 78.5/85.5 + 4 = 11.026; W3 × 79.5/86.5 + 4 = 14.133;
      // W4 × 82.5/89.5 + 3 = 16.028; W5 × 75.5/82.5 + 2 = 16.668; W6 × 77.5/84.5 + 2 = 17.287;
      // W7 × 77.5/84.5 + 2 = 17.855; W8 × 77.5/84.5 + 2 = 18.376; W9 × 79.5/86.5 + 1 = 17.889;
      // W10 × 72.5/79.5 + 2 = 18.314.
      const expected: [number, number][] = [
        [7.65, 4],
        [11.03, 4],
        [14.13, 4],
        [16.03, 3],
        [16.67, 2],
        [17.29, 2],
        [17.86, 2],
        [18.38, 2],
        [17.89, 1],
        [18.31, 2],
      ];
      expect(body.ideal).toEqual(expected.map(([remaining, stepUp], i) => ({ at: MONDAYS[i], remaining, stepUp })));
    });

    it('forecasts from the 9 closures of the last four weeks: 14 left at 2.25 a week', () => {
      // 14 / 2.25 weeks = 43 days 13 h 20 min after 11 May; a29 is due last, on 3 August.
      // Five of the 14 are past due on 11 May (the last week's overdue count).
      expect(body.forecast).toEqual({
        trend: 'closing',
        zeroAt: '2026-06-23T13:20:00.000Z',
        closingPerWeek: 2.25,
        onTrack: true,
        remaining: 14,
        overdue: 5,
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
      // a1 and a2 remain at `from`, a2 due last (12 April 12:00, day 41.5). Openings join at each week's
      // end: W1 +2 (a6, day 92.5), W2 +1, W3 +2 (a16, 110.5), W4 +1, W6 +1 (a22, 126.5), W7 +1 (a25,
      // undated), W9 +1 (a28, earlier). W1 2 × 34.5/41.5 + 2 = 3.663; W2 × 78.5/85.5 + 1 = 4.363;
      // W3 × 71.5/78.5 + 2 = 5.974; W4 × 82.5/89.5 + 1 = 6.507; W5 × 75.5/82.5 = 5.955;
      // W6 (from W4) 6.507 × 68.5/82.5 + 1 = 6.403; W7 × 77.5/84.5 + 1 = 6.872; W8 × 70.5/77.5 = 6.251;
      // W9 (from W7) 6.872 × 63.5/77.5 + 1 = 6.631; W10 × 56.5/63.5 = 5.900.
      expect(body.ideal.map((p: any) => p.remaining)).toEqual([
        3.66, 4.36, 5.97, 6.51, 5.95, 6.4, 6.87, 6.25, 6.63, 5.9,
      ]);
      expect(body.ideal.map((p: any) => p.stepUp)).toEqual([2, 1, 2, 1, 0, 1, 1, 0, 1, 0]);
      // a5, a22, a28 closed in the last four weeks: 0.75 a week; 5 left take 6 2/3 weeks, past a16's 20 June.
      expect(body.forecast).toEqual({
        trend: 'closing',
        zeroAt: '2026-06-26T16:00:00.000Z',
        closingPerWeek: 0.75,
        onTrack: false,
        remaining: 5,
        overdue: 3,
        latestDueAt: '2026-06-20T12:00:00.000Z',
      });
    });

    it.each<[string, string, number[]]>([
      ['service (a2 has two services)', 'service=auth', [2, 2, 3, 3, 4, 4, 5, 5, 5, 5]],
      ['priorities as a comma list', 'priority=P0,P1', [5, 5, 6, 7, 8, 9, 8, 8, 9, 7]],
      ['priorities repeated', 'priority=P0&priority=P1', [5, 5, 6, 7, 8, 9, 8, 8, 9, 7]],
      ['severity of the post-mortem', 'severity=SEV1', [3, 5, 5, 6, 7, 8, 7, 7, 6, 7]],
      [
        'several severities: every action with a post-mortem',
        'severity=SEV1,SEV3',
        [6, 8, 9, 11, 13, 14, 15, 14, 13, 12],
      ],
      ['a severity no post-mortem has', 'severity=SEV2', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
      ['post-mortem', `postmortemId=${PM2}`, [3, 3, 4, 5, 6, 6, 8, 7, 7, 5]],
      [
        'team, service and priority together',
        'team=alpha&service=checkout&priority=P0',
        [1, 2, 1, 1, 1, 1, 1, 1, 1, 1],
      ],
    ])('%s', async (_name, filter, remaining) => {
      expect(remainingOf(await burndown(`${TEN_WEEKS}&${filter}`))).toEqual(remaining);
    });

    it('nothing matching: zero everywhere, a flat ideal line, zero already reached', async () => {
      const body = await burndown(`${TEN_WEEKS}&team=nobody`);
      expect(
        body.points.every((p: any) => p.remaining + p.opened + p.closed + p.verified + p.overdue + p.stalled === 0),
      ).toBe(true);
      expect(body.points).toHaveLength(10);
      expect(body.ideal.map((p: any) => p.remaining)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect(body.forecast).toEqual({
        trend: 'done',
        zeroAt: '2026-05-11T00:00:00.000Z',
        closingPerWeek: 0,
        onTrack: true,
        remaining: 0,
        overdue: 0,
        latestDueAt: null,
      });
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
      const body = await burndown(
        'from=2026-03-15T23:00:00Z&to=2026-04-05T22:00:00Z&interval=week&tz=Europe/Berlin&team=alpha',
      );
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
    const step = async (id: string, body: Record<string, unknown>) =>
      expectStatus(await editor.patch(`/api/v1/actions/${id}`, body), 200);

    it('a rolled-back fix never closes; a reopened verified action stops counting as closed', async () => {
      const created = await editor.post('/api/v1/actions', { title: 'Roll back then retry', ownerTeam: team });
      expectStatus(created, 201);
      const rolledBack = created.body.id;
      await step(rolledBack, { status: 'in_progress' });
      await step(rolledBack, { status: 'implemented' });
      await step(rolledBack, { status: 'in_progress' });
      expect(sums(await burndown(`team=${team}`))).toEqual({ closed: 0, verified: 0, opened: 1, remaining: 1 });

      const other = await editor.post('/api/v1/actions', {
        title: 'Verified by hand, then regressed',
        ownerTeam: team,
      });
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

  describe('a fresh incident, seeded through the API', () => {
    // Four weeks from Monday 2 November 2026, read at each week's end (9, 16, 23, 30 Nov).
    const RANGE = 'from=2026-11-02T00:00:00Z&to=2026-11-30T00:00:00Z&interval=week';
    const WEEKS = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'].map((d) => `${d}T00:00:00.000Z`);
    let postmortemId: string;

    async function open(ownerTeam: string, openedAt: string, dueAt: string): Promise<void> {
      const body = { title: `Follow-up opened ${openedAt}`, ownerTeam, priority: 'P1', postmortemId, openedAt, dueAt };
      expectStatus(await editor.post('/api/v1/actions', body), 201);
    }

    beforeAll(async () => {
      const pm = await editor.post('/api/v1/postmortems', {
        kind: 'incident',
        title: 'Storage failover',
        severity: 'SEV2',
        occurredAt: '2026-11-10T08:00:00Z',
      });
      expectStatus(pm, 201);
      postmortemId = pm.body.id;
      // Three actions from the review on 10 Nov, due 1 March 2027; two more found on 18 Nov, due 3 May 2027.
      for (let i = 0; i < 3; i++) await open('fresh', '2026-11-10T12:00:00Z', '2027-03-01T00:00:00Z');
      for (let i = 0; i < 2; i++) await open('fresh', '2026-11-18T12:00:00Z', '2027-05-03T00:00:00Z');
      // Another team's action from the same review was due on 20 Nov and is still open.
      await open('fresh-late', '2026-11-10T12:00:00Z', '2026-11-20T00:00:00Z');
    });

    it('starts the ideal line at the scope when it appears and steps it up by the actions added later', async () => {
      const body = await burndown(`${RANGE}&team=fresh`);
      expect(remainingOf(body)).toEqual([0, 3, 5, 5]);
      // Nothing before 10 Nov: 0. The week of 9 Nov adds 3 aiming at 1 March (105 days after 16 Nov).
      // The week of 16 Nov reads 3 × 98/105 = 2.8 on 23 Nov, adds 2 → 4.8, aiming at 3 May (161 days
      // after 23 Nov); on 30 Nov 4.8 × 154/161 = 4.59.
      expect(body.ideal).toEqual([
        { at: WEEKS[0], remaining: 0, stepUp: 0 },
        { at: WEEKS[1], remaining: 3, stepUp: 3 },
        { at: WEEKS[2], remaining: 4.8, stepUp: 2 },
        { at: WEEKS[3], remaining: 4.59, stepUp: 0 },
      ]);
    });

    it('has no trend yet when nothing closed and nothing is overdue: neither on track nor behind', async () => {
      const body = await burndown(`${RANGE}&team=fresh`);
      expect(body.forecast).toEqual({
        trend: 'none',
        zeroAt: null,
        closingPerWeek: 0,
        onTrack: null,
        remaining: 5,
        overdue: 0,
        latestDueAt: '2027-05-03T00:00:00.000Z',
      });
    });

    it('is behind with no trend once something is overdue', async () => {
      const late = await burndown(`${RANGE}&team=fresh-late`);
      expect(late.forecast).toMatchObject({ trend: 'none', zeroAt: null, onTrack: false, remaining: 1, overdue: 1 });
      // The whole review: the overdue action makes it behind too.
      const review = await burndown(`${RANGE}&postmortemId=${postmortemId}`);
      expect(review.forecast).toMatchObject({ trend: 'none', onTrack: false, remaining: 6, overdue: 1 });
      expect(remainingOf(review)).toEqual([0, 4, 6, 6]);
    });

    it('describes the trend, the nullable onTrack and the step in the OpenAPI document', async () => {
      const doc = (await service.http.get('/docs-json', { key: null })).body;
      const forecast = doc.components.schemas.BurndownForecastDto;
      expect(forecast.required).toEqual(expect.arrayContaining(['trend', 'onTrack', 'overdue']));
      expect(doc.components.schemas.ForecastTrend ?? forecast.properties.trend).toMatchObject({
        enum: ['done', 'closing', 'none'],
      });
      expect(forecast.properties.onTrack).toMatchObject({ type: 'boolean', nullable: true });
      expect(forecast.properties.onTrack.description).toMatch(/null/);
      expect(doc.components.schemas.IdealPointDto.properties.stepUp).toMatchObject({ type: 'number' });
    });
  });

  describe('validation', () => {
    it.each<[string, string, RegExp]>([
      ['an unknown time zone', 'tz=Mars/Olympus', /^tz /],
      ['an offset instead of a zone', 'tz=%2B02:00', /^tz /],
      ['from after to', 'from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z', /^from: must be before to/],
      ['from equal to to', 'from=2026-03-10T00:00:00Z&to=2026-03-10T00:00:00Z', /^from: must be before to/],
      [
        'more than 1,000 buckets',
        'from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&interval=day',
        /^from: .*more than 1000 day buckets/,
      ],
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
