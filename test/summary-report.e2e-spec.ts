import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeEachDatabase, expectStatus, HttpClient, ServiceProcess, type DatabaseChoice } from '@app/testing';
import { createIncident, implementAction, SUSTAINED_LATENCY_METRIC } from '@app/testing/scenario-seed';
import { DAY, iso, MIDNIGHT } from '@app/testing/scenario-clock';
import { checkoutLatency, PrometheusFixture } from '@app/testing/prometheus';
import { teamCounts } from '@app/testing/record-defaults';

const ACTIONS = '/api/v1/actions';
const SUMMARY = '/api/v1/reports/summary';
// Times hang off today's UTC midnight (MIDNIGHT), so the telemetry-verified action's closedAt (a
// replayed check) lands on a known instant; the manual verifications are stamped "now".
const OPENED = MIDNIGHT - 20 * DAY;
const SHIPPED = MIDNIGHT - 10 * DAY;

/*
 * The seed, and what the summary must say about it (counted by hand):
 *
 *  #    team            prio  post-mortem   services          state
 *  A1   payments        P0    SEV1 (A)      checkout          verified by telemetry (opened M-20d, shipped M-10d, closed M-7d)
 *  A2   payments        P1    SEV1 (A)      checkout          verified manually (opened M-30d, implemented M-4d)
 *  A3   platform        P2    SEV3 (B)      search            verified manually (opened M-2d, implemented M-1d)
 *  A4   search, infra   P2    none          -                 verified manually (opened M-6d, implemented M-2d)
 *  A5   platform        P2    SEV3 (B)      search            open since M-40d, due M-5d       → overdue + stalled
 *  A6   platform        P1    SEV3 (B)      search            in progress, one metric (never scored)
 *  A7   platform        P3    none          -                 overdue + stalled, then won't fix → both cleared
 *  A8   =ops            P2    SEV1 (A)      checkout          open, one metric
 *  A9   search, infra   P0    none          -                 implemented M-3d, no metric
 *  A10  payments        P2    SEV1 (A)      checkout, ledger  open since M-30d, due M+10d      → stalled
 *
 * Medians (t = verification time − M, the manual ones within seconds of each other):
 *  open→verified:        A3 2d+t, A4 6d+t, A1 13d, A2 30d+t        → (6d + t + 13d) / 2 = 9.5d + t/2
 *  implemented→verified: A3 1d+t, A4 2d+t, A1 3d,  A2 4d+t         → (2d + t + 3d) / 2  = 2.5d + t/2
 */
const EXPECTED_TEAMS = [
  teamCounts('=ops', { total: 1, open: 1 }),
  teamCounts('payments', { total: 3, open: 1, verified: 2, stalled: 1, flagged: 1 }),
  teamCounts('platform', {
    total: 4,
    open: 1,
    inProgress: 1,
    verified: 1,
    wontFix: 1,
    overdue: 1,
    stalled: 1,
    flagged: 1,
  }),
  teamCounts('search, infra', { total: 2, implemented: 1, verified: 1 }),
];
// Hand-computed medians are exact up to when the manual verifications happened.
const TOLERANCE_S = 120;

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field).toBe('');
  expect(record).toEqual([]);
  return records;
}

describeEachDatabase('summary report', (database: DatabaseChoice) => {
  let prometheus: PrometheusFixture;
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  let scorer: HttpClient;
  let pmA: string;
  /** The P3 action that was overdue and stalled, then closed as won't fix. */
  let a7Id: string;
  let pmB: string;
  // When the last manual verification happened: t in the medians above.
  let verifiedAt: number;

  async function post(path: string, body: unknown, client = editor): Promise<{ id: string }> {
    const res = await client.post(path, body);
    if (res.status !== 201 && res.status !== 200) throw new Error(`POST ${path}: ${res.status} ${res.text}`);
    return res.body;
  }

  async function patch(id: string, body: unknown): Promise<void> {
    expectStatus(await editor.patch(`${ACTIONS}/${id}`, body), 200);
  }

  async function action(body: Record<string, unknown>): Promise<string> {
    return (await post(ACTIONS, { title: 'Corrective action', ...body })).id;
  }

  /** in_progress, then implemented at `implementedAt`, then (without a metric) verified by hand. */
  async function verifyByHand(id: string, implementedAt: number): Promise<void> {
    await implementAction(editor, id, implementedAt);
    await patch(id, { status: 'verified', verificationNote: 'checked in the game day' });
  }

  async function score(actionIds: string[]): Promise<void> {
    const res = await scorer.post('/api/v1/scoring/run', { actionIds });
    expectStatus(res, 200);
  }

  async function summary(query = ''): Promise<any> {
    const res = await viewer.get(`${SUMMARY}${query}`);
    expectStatus(res, 200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return res.body;
  }

  beforeAll(async () => {
    prometheus = await PrometheusFixture.start({ series: [checkoutLatency('fixed', SHIPPED, 200)], now: MIDNIGHT });
    const datasources = [
      { name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 },
      { name: 'down', type: 'prometheus', url: 'http://127.0.0.1:9', timeoutMs: 1000 },
    ];
    service = await ServiceProcess.start({ database, datasources, env: { REMEDIATION_SCHEDULER: 'off' } });
    ({ editor, viewer, scorer } = await service.clientsFor({ editor: 'sre', viewer: 'manager', scorer: 'cron' }));

    pmA = await createIncident(editor, 'Checkout down', OPENED, 'SEV1');
    pmB = await createIncident(editor, 'Search slow', MIDNIGHT - 45 * DAY, 'SEV3');
    // An action under post-mortem A is about checkout, one under B about search (the table above).
    const underA = { postmortemId: pmA, services: ['checkout'] };
    const underB = { postmortemId: pmB, services: ['search'] };

    // A1: its baseline is the week before the incident (M-27d..M-20d: 400); shipped 10 days ago,
    // 200 since; the replay meets the goal from SHIPPED+1d and verifies at SHIPPED+3d.
    const a1 = await action({
      ownerTeam: 'payments',
      priority: 'P0',
      ...underA,
      openedAt: iso(OPENED),
      assignee: 'Jane Doe',
    });
    await implementAction(editor, a1, SHIPPED);
    await post(`${ACTIONS}/${a1}/metrics`, {
      ...SUSTAINED_LATENCY_METRIC,
      datasource: 'prom',
      query: 'checkout_latency_ms{service="fixed"}',
    });
    await post(`${ACTIONS}/${a1}/backfill`, { from: iso(SHIPPED + DAY), to: iso(SHIPPED + 4 * DAY), every: '6h' });

    const a2 = await action({ ownerTeam: 'payments', priority: 'P1', ...underA, openedAt: iso(MIDNIGHT - 30 * DAY) });
    const a3 = await action({ ownerTeam: 'platform', priority: 'P2', ...underB, openedAt: iso(MIDNIGHT - 2 * DAY) });
    const a4 = await action({ ownerTeam: 'search, infra', priority: 'P2', openedAt: iso(MIDNIGHT - 6 * DAY) });
    await verifyByHand(a2, MIDNIGHT - 4 * DAY);
    await verifyByHand(a3, MIDNIGHT - DAY);
    await verifyByHand(a4, MIDNIGHT - 2 * DAY);
    verifiedAt = Date.now();

    const a5 = await action({
      ownerTeam: 'platform',
      priority: 'P2',
      ...underB,
      openedAt: iso(MIDNIGHT - 40 * DAY),
      dueAt: iso(MIDNIGHT - 5 * DAY),
    });
    const a6 = await action({ ownerTeam: 'platform', priority: 'P1', ...underB, openedAt: iso(MIDNIGHT - 10 * DAY) });
    await patch(a6, { status: 'in_progress' });
    await post(`${ACTIONS}/${a6}/metrics`, {
      name: 'search p99',
      datasource: 'down',
      query: 'search_p99',
      direction: 'decrease',
      target: { absolute: 1 },
    });
    const a7 = await action({
      ownerTeam: 'platform',
      priority: 'P3',
      openedAt: iso(MIDNIGHT - 20 * DAY),
      dueAt: iso(MIDNIGHT - DAY),
    });
    a7Id = a7;
    const a8 = await action({ ownerTeam: '=ops', priority: 'P2', ...underA });
    await post(`${ACTIONS}/${a8}/metrics`, {
      name: 'errors',
      datasource: 'prom',
      query: 'checkout_errors',
      direction: 'decrease',
      target: { absolute: 0 },
    });
    const a9 = await action({ ownerTeam: 'search, infra', priority: 'P0', openedAt: iso(MIDNIGHT - 5 * DAY) });
    await patch(a9, { status: 'in_progress' });
    await patch(a9, { status: 'implemented', implementedAt: iso(MIDNIGHT - 3 * DAY) });
    const a10 = await action({
      ownerTeam: 'payments',
      priority: 'P2',
      postmortemId: pmA,
      services: ['checkout', 'ledger'],
      openedAt: iso(MIDNIGHT - 30 * DAY),
      dueAt: iso(MIDNIGHT + 10 * DAY),
    });

    // Flags as of now for the metric-less ones; A7's are raised, then cleared by its won't-fix.
    await score([a5, a7, a10]);
    await patch(a7, { status: 'wont_fix' });
    await score([a7]);
  }, 120_000);
  afterAll(async () => {
    await service?.destroy();
    await prometheus?.stop();
  });

  it('the seed is what the table above says (flags and the replayed verification)', async () => {
    const active = await viewer.get('/api/v1/flags?active=true');
    expectStatus(active, 200);
    expect(active.body.items.map((f: any) => f.kind).sort()).toEqual(['overdue', 'stalled', 'stalled']);
    // Cleared flags of other actions are listed too (judged on dates alone when each was created,
    // cleared once a metric or a replayed check said otherwise); A7's are the two its won't-fix cleared.
    const cleared = await viewer.get('/api/v1/flags?active=false');
    expect(
      cleared.body.items
        .filter((f: any) => f.actionId === a7Id)
        .map((f: any) => f.kind)
        .sort(),
    ).toEqual(['overdue', 'stalled']);
    const verified = await viewer.get(`${ACTIONS}?status=verified&limit=10`);
    const byTelemetry = verified.body.items.filter((a: any) => a.verification === 'telemetry');
    expect(byTelemetry).toHaveLength(1);
    expect(byTelemetry[0].closedAt).toBe(iso(SHIPPED + 3 * DAY));
  });

  describe('JSON', () => {
    let report: any;
    beforeAll(async () => {
      report = await summary();
    });

    it('counts by status, priority and active flag, every key present', () => {
      expect(Date.parse(report.generatedAt)).toBeGreaterThanOrEqual(verifiedAt);
      expect(report.total).toBe(10);
      expect(report.byStatus).toEqual({ open: 3, in_progress: 1, implemented: 1, verified: 4, wont_fix: 1 });
      expect(report.byPriority).toEqual({ P0: 2, P1: 2, P2: 5, P3: 1 });
      expect(report.byFlag).toEqual({
        overdue: 1,
        stalled: 2,
        ineffective: 0,
        regressed: 0,
        no_telemetry: 0,
        source_error: 0,
        improved_before_fix: 0,
      });
    });

    it('has one row per team, sorted by team, with overdue, stalled and flagged from active flags', () => {
      expect(report.byTeam).toEqual(EXPECTED_TEAMS);
    });

    it('gives telemetry coverage of the unfinished actions and how the verified ones were verified', () => {
      expect(report.telemetryCoverage).toEqual({ openActions: 5, withMetrics: 2, share: 0.4 });
      expect(report.verification).toEqual({
        verified: 4,
        byTelemetry: 1,
        manually: 3,
        telemetryShare: 0.25,
        manualShare: 0.75,
      });
    });

    it('gives the median time from opened and from implemented to verified', () => {
      const t = (verifiedAt - MIDNIGHT) / 1000;
      const { openToVerified, implementedToVerified } = report.timeToVerify;
      expect(openToVerified.count).toBe(4);
      expect(implementedToVerified.count).toBe(4);
      expect(Math.abs(openToVerified.medianSeconds - (9.5 * 86_400 + t / 2))).toBeLessThan(TOLERANCE_S);
      expect(Math.abs(implementedToVerified.medianSeconds - (2.5 * 86_400 + t / 2))).toBeLessThan(TOLERANCE_S);
    });

    it('never carries a person', () => {
      expect(JSON.stringify(report)).not.toContain('Jane Doe');
    });
  });

  describe('filters', () => {
    it.each([
      ['team=payments', 3, { open: 1, in_progress: 0, implemented: 0, verified: 2, wont_fix: 0 }],
      ['priority=P0,P1', 4, { open: 0, in_progress: 1, implemented: 1, verified: 2, wont_fix: 0 }],
      ['priority=P0&priority=P3', 3, { open: 0, in_progress: 0, implemented: 1, verified: 1, wont_fix: 1 }],
      ['severity=SEV1', 4, { open: 2, in_progress: 0, implemented: 0, verified: 2, wont_fix: 0 }],
      ['severity=SEV3', 3, { open: 1, in_progress: 1, implemented: 0, verified: 1, wont_fix: 0 }],
      ['severity=SEV1,SEV3', 7, { open: 3, in_progress: 1, implemented: 0, verified: 3, wont_fix: 0 }],
      ['severity=SEV2', 0, { open: 0, in_progress: 0, implemented: 0, verified: 0, wont_fix: 0 }],
      ['service=search', 3, { open: 1, in_progress: 1, implemented: 0, verified: 1, wont_fix: 0 }],
      ['service=ledger', 1, { open: 1, in_progress: 0, implemented: 0, verified: 0, wont_fix: 0 }],
      ['team=platform&severity=SEV3', 3, { open: 1, in_progress: 1, implemented: 0, verified: 1, wont_fix: 0 }],
      ['team=platform&priority=P3', 1, { open: 0, in_progress: 0, implemented: 0, verified: 0, wont_fix: 1 }],
    ])('%s', async (query, total, byStatus) => {
      const report = await summary(`?${query}`);
      expect(report.total).toBe(total);
      expect(report.byStatus).toEqual(byStatus);
      expect(report.byTeam.reduce((sum: number, team: any) => sum + team.total, 0)).toBe(total);
    });

    it('postmortemId scopes to one post-mortem, with its flags and coverage', async () => {
      const report = await summary(`?postmortemId=${pmB}`);
      expect(report.total).toBe(3);
      expect(report.byTeam).toEqual([
        teamCounts('platform', { total: 3, open: 1, inProgress: 1, verified: 1, overdue: 1, stalled: 1, flagged: 1 }),
      ]);
      expect(report.byFlag).toEqual({
        overdue: 1,
        stalled: 1,
        ineffective: 0,
        regressed: 0,
        no_telemetry: 0,
        source_error: 0,
        improved_before_fix: 0,
      });
      expect(report.telemetryCoverage).toEqual({ openActions: 2, withMetrics: 1, share: 0.5 });
      expect(report.verification).toEqual({
        verified: 1,
        byTelemetry: 0,
        manually: 1,
        telemetryShare: 0,
        manualShare: 1,
      });
    });

    it('the telemetry-verified action alone has exact medians', async () => {
      const report = await summary('?team=payments&priority=P0');
      expect(report.timeToVerify).toEqual({
        openToVerified: { count: 1, medianSeconds: 13 * 86_400 },
        implementedToVerified: { count: 1, medianSeconds: 3 * 86_400 },
      });
    });

    it('a scope with no actions has every key, zeros, and null shares and medians', async () => {
      const report = await summary('?team=nobody');
      expect(report).toEqual({
        generatedAt: expect.any(String),
        total: 0,
        byStatus: { open: 0, in_progress: 0, implemented: 0, verified: 0, wont_fix: 0 },
        byPriority: { P0: 0, P1: 0, P2: 0, P3: 0 },
        byFlag: {
          overdue: 0,
          stalled: 0,
          ineffective: 0,
          regressed: 0,
          no_telemetry: 0,
          source_error: 0,
          improved_before_fix: 0,
        },
        byTeam: [],
        telemetryCoverage: { openActions: 0, withMetrics: 0, share: null },
        verification: { verified: 0, byTelemetry: 0, manually: 0, telemetryShare: null, manualShare: null },
        timeToVerify: {
          openToVerified: { count: 0, medianSeconds: null },
          implementedToVerified: { count: 0, medianSeconds: null },
        },
      });
    });

    it.each([
      ['format=xml', /^format\b/],
      ['format=', /^format\b/],
      ['priority=P9', /^priority\b/],
      ['priority=P0,', /^priority\b/],
      ['severity=SEV9', /^severity\b/],
      ['postmortemId=not-a-uuid', /^postmortemId\b/],
      ['service=Upper', /^service\b/],
      ['team=', /^team\b/],
      ['status=open', /^status\b/],
    ])('refuses %s with a 400 naming the field', async (query, message) => {
      const res = await viewer.get(`${SUMMARY}?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
    });

    it('needs a key', async () => {
      expect((await service.http.get(SUMMARY, { key: null })).status).toBe(401);
    });
  });

  describe('CSV', () => {
    let res: Awaited<ReturnType<HttpClient['get']>>;
    let rows: string[][];
    beforeAll(async () => {
      res = await viewer.get(`${SUMMARY}?format=csv`);
      expectStatus(res, 200);
      rows = parseCsv(res.text);
    });

    it('is a text/csv download', () => {
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="remediation-summary.csv"');
    });

    it('is a long table section,key,value with the same numbers as the JSON', () => {
      expect(rows[0]).toEqual(['section', 'key', 'value']);
      expect(rows.every((row) => row.length === 3)).toBe(true);
      const value = (section: string, key: string) => {
        const found = rows.filter((row) => row[0] === section && row[1] === key);
        expect(found).toHaveLength(1);
        return found[0][2];
      };
      expect(value('report', 'total')).toBe('10');
      expect(value('status', 'open')).toBe('3');
      expect(value('status', 'wont_fix')).toBe('1');
      expect(value('priority', 'P2')).toBe('5');
      expect(value('flag', 'stalled')).toBe('2');
      expect(value('flag', 'regressed')).toBe('0');
      expect(value('team.overdue', 'platform')).toBe('1');
      expect(value('team.total', 'search, infra')).toBe('2');
      expect(value('team.implemented', 'search, infra')).toBe('1');
      expect(value('coverage', 'share')).toBe('0.4');
      expect(value('verification', 'manualShare')).toBe('0.75');
      expect(value('timeToVerify.openToVerified', 'count')).toBe('4');
      expect(rows.filter((row) => row[0] === 'team.total').map((row) => row[1])).toEqual([
        "'=ops",
        'payments',
        'platform',
        'search, infra',
      ]);
    });

    it('quotes per RFC 4180 and guards a team name that would start a formula', () => {
      expect(res.text).toContain('\r\nteam.total,"search, infra",2\r\n');
      expect(res.text).toContain("\r\nteam.total,'=ops,1\r\n");
      expect(res.text).not.toMatch(/(^|,)=ops/m);
    });

    it('takes the same filters', async () => {
      const filtered = await viewer.get(`${SUMMARY}?format=csv&severity=SEV3`);
      expectStatus(filtered, 200);
      const total = parseCsv(filtered.text).find((row) => row[0] === 'report' && row[1] === 'total');
      expect(total).toEqual(['report', 'total', '3']);
    });
  });
});
