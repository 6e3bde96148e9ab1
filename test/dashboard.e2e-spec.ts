import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectStatus, HttpClient, ServiceProcess, TestBrowser, type PageProblems } from '@app/testing';
import { createIncident, implementAction, SUSTAINED_LATENCY_METRIC } from '@app/testing/scenario-seed';
import { DAY, HOUR, iso, MIDNIGHT } from '@app/testing/scenario-clock';
import { generateSamples, PrometheusFixture, type ScenarioSeries } from '@app/testing/prometheus';
import { dashboardSettled } from '@app/testing/dashboard-page';

// Every seeded time hangs off today's UTC midnight, so the burndown's day buckets (UTC by default)
// fall on whole days the expectations below name.
const M = MIDNIGHT;
// What the page's functions below see in the browser (this project compiles without the DOM lib;
// the page's CSP forbids evaluating strings, so they are passed as functions).
declare const document: any;
declare const window: any;
declare const sessionStorage: any;
declare const Chart: any;

const SCREENSHOTS = join(process.cwd(), 'test/artifacts/screenshots');
/** Seeded on one action; the dashboard must never show it (blameless: teams own actions). */
const ASSIGNEE = 'Robin Assignee-7f3a';

/**
 * Latency of the checkout fix (E): 400 before it shipped at M−20d, 340 for its first day, 200 after.
 * The canary (G) shipped at M−15d and barely moved: 398.
 */
const SERIES: ScenarioSeries[] = [
  {
    name: 'checkout_latency_ms',
    labels: { service: 'checkout' },
    samples: generateSamples({ from: M - 40 * DAY, to: M, stepMs: 5 * 60_000 }, (t) =>
      t < M - 20 * DAY ? 400 : t < M - 19 * DAY ? 340 : 200,
    ),
  },
  {
    name: 'deploy_error_ratio_pct',
    labels: { service: 'deployer' },
    samples: generateSamples({ from: M - 40 * DAY, to: M, stepMs: 5 * 60_000 }, (t) => (t < M - 15 * DAY ? 400 : 398)),
  },
];

/**
 * Earlier actions, all opened before the 12-week range and verified by telemetry inside it, so the
 * burndown burns down: [team, priority, opened (days before M), shipped (days before M)]. Each is
 * verified (closed) 2.5 days after it shipped.
 */
const EARLIER: [string, string, number, number][] = [
  ['search', 'P2', 90, 76],
  ['search', 'P2', 90, 70],
  ['payments', 'P1', 89, 64],
  ['payments', 'P1', 89, 60],
  ['identity', 'P2', 88, 50],
  ['identity', 'P3', 88, 45],
  ['platform', 'P1', 87, 42],
  ['search', 'P3', 86, 33],
  ['identity', 'P2', 86, 25],
  ['payments', 'P2', 86, 9],
];
/**
 * Each earlier fix's own queue wait: 400 (its given baseline) until it shipped, 200 from then on, so
 * it is verified 2.5 days after and the week before it shipped did not already reach the goal
 * (no improved_before_fix). Only the days its checks and its pre-fix window read.
 */
const EARLIER_SERIES: ScenarioSeries[] = EARLIER.map(([, , , shipped], i) => ({
  name: 'batch_queue_wait_ms',
  labels: { service: 'batch', fix: String(i + 1) },
  samples: generateSamples({ from: M - (shipped + 3) * DAY, to: M - (shipped - 4) * DAY, stepMs: 5 * 60_000 }, (t) =>
    t < M - shipped * DAY ? 400 : 200,
  ),
}));
/** The UTC day each earlier action was closed on (days from M): the day holding shipped + 2.5d. */
const EARLIER_CLOSED_ON = EARLIER.map(([, , , shipped]) => Math.floor(-shipped + 2.5));

const METRIC = { ...SUSTAINED_LATENCY_METRIC, datasource: 'prom' };

/**
 * Hand-computed from the seed (docs/reporting.md, "Points": the state at the end of each UTC day), for A..G: B is open
 * from before the range; A opens at M−60d, G at M−50d, D at M−40d, E at M−30d, C at M−20d, F at
 * M−5d; E is verified at M−16.5d (gone from the M−17d bucket on); D is closed (won't fix) today.
 */
function remainingOfAtoG(dayOffset: number): number {
  if (dayOffset === 0) return 5;
  if (dayOffset >= -5) return 6;
  if (dayOffset >= -17) return 5;
  if (dayOffset >= -20) return 6;
  if (dayOffset >= -30) return 5;
  if (dayOffset >= -40) return 4;
  if (dayOffset >= -50) return 3;
  if (dayOffset >= -60) return 2;
  return 1;
}
/** Plus the earlier actions not yet closed by the end of that day: 11 at the start, 5 today. */
const expectedRemaining = (dayOffset: number): number =>
  remainingOfAtoG(dayOffset) + EARLIER_CLOSED_ON.filter((day) => day > dayOffset).length;
/** B is due at M−10d, A at M−4d; no other open action is due before today (the earlier P1s closed in time). */
const expectedOverdue = (dayOffset: number): number => (dayOffset >= -4 ? 2 : dayOffset >= -10 ? 1 : 0);
/** A and B were found stalled by the pass at M−7d and still are. */
const expectedStalled = (dayOffset: number): number => (dayOffset >= -7 ? 2 : 0);

/** A step of the ideal line: the day's bucket (days from M), the actions it adds, their latest due (days from M). */
type ScopeStep = [day: number, added: number, due: number | null];

/**
 * The ideal line counted by hand from a scope: `start` actions at `from` aiming at `startDue`, then each
 * step joining at the end of its day's bucket (the next midnight) and moving the aim to its due date
 * when that is later. Between steps the line falls straight to 0 at the aim. Read at each day's end,
 * the last day at `to`; all in days from M.
 */
function handIdealLine(
  from: number,
  to: number,
  start: number,
  startDue: number,
  steps: ScopeStep[],
): (dayOffset: number) => number {
  return (dayOffset) => {
    const read = Math.min(dayOffset + 1, to);
    let [at, value, aim] = [from, start, startDue];
    const fall = (t: number) => (t >= aim ? 0 : (value * (aim - t)) / (aim - at));
    for (const [day, added, due] of steps) {
      if (day > dayOffset) break;
      value = fall(day + 1) + added;
      at = day + 1;
      aim = Math.max(aim, due ?? aim);
    }
    return fall(read);
  };
}

/** The datasets of the Chart.js chart on a canvas, as the page's Chart.js holds them. */
async function chartData(page: Page, canvasId: string): Promise<{ label: string; data: { x: number; y: number }[] }[]> {
  return page.evaluate(
    (id) =>
      Chart.getChart(document.getElementById(id)).data.datasets.map((d: any) => ({ label: d.label, data: d.data })),
    canvasId,
  );
}

function conditionalGetStatus(url: string, etag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { headers: { 'if-none-match': etag } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
}

describe('dashboard [embedded]', () => {
  let prometheus: PrometheusFixture;
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  let viewerKey: string;
  let browser: TestBrowser;
  let page: Page;
  let problems: PageProblems;
  const ids: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G', string> = {
    A: '',
    B: '',
    C: '',
    D: '',
    E: '',
    F: '',
    G: '',
  };

  async function create(body: Record<string, unknown>): Promise<string> {
    const res = await editor.post('/api/v1/actions', body);
    expectStatus(res, 201);
    return res.body.id;
  }

  async function patch(id: string, body: Record<string, unknown>): Promise<void> {
    expectStatus(await editor.patch(`/api/v1/actions/${id}`, body), 200);
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    prometheus = await PrometheusFixture.start({ series: [...SERIES, ...EARLIER_SERIES], now: M });
    const datasources = [{ name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 }];
    service = await ServiceProcess.start({ database: 'embedded', datasources });
    editor = await service.clientFor('sre', 'editor');
    viewerKey = await service.issueKey('managers', 'viewer');
    viewer = service.http.withKey(viewerKey);
    const scorer = await service.clientFor('cron', 'scorer');

    const postmortemId = await createIncident(editor, 'Checkout outage', M - 31 * DAY);

    // The seven actions the assertions below name, opened `opened` days before M.
    const SEEDED: Record<keyof typeof ids, [title: string, team: string, priority: string, opened: number]> = {
      A: ['Add a circuit breaker to the payment gateway client', 'payments', 'P1', 60],
      B: ['Alert on search indexer queue depth', 'search', 'P2', 100],
      C: ['Rate-limit login retries', 'identity', 'P0', 20],
      D: ['Retire the legacy session cache', 'search', 'P3', 40],
      E: ['Cap checkout retries', 'payments', 'P1', 30],
      F: ['Document the identity failover runbook', 'identity', 'P2', 5],
      G: ['Add canary analysis to deploys', 'platform', 'P2', 50],
    };
    for (const [key, [title, ownerTeam, priority, opened]] of Object.entries(SEEDED)) {
      ids[key as keyof typeof ids] = await create({
        title,
        ownerTeam,
        priority,
        openedAt: iso(M - opened * DAY),
        ...(key === 'A' ? { assignee: ASSIGNEE } : {}),
        ...(key === 'E' || key === 'G' ? { postmortemId } : {}),
      });
    }
    for (const [i, [team, priority, opened, shipped]] of EARLIER.entries()) {
      const id = await create({
        title: `Earlier fix ${i + 1}: bound the batch queue`,
        ownerTeam: team,
        priority,
        openedAt: iso(M - opened * DAY),
      });
      await implementAction(editor, id, M - shipped * DAY);
      const metric = {
        ...METRIC,
        name: 'batch queue wait',
        query: `batch_queue_wait_ms{service="batch",fix="${i + 1}"}`,
        baseline: 400,
      };
      expectStatus(await editor.post(`/api/v1/actions/${id}/metrics`, metric), 201);
      const from = M - shipped * DAY + 12 * HOUR;
      expectStatus(
        await editor.post(`/api/v1/actions/${id}/backfill`, { from: iso(from), to: iso(from + 2 * DAY), every: '12h' }),
        200,
      );
      expect((await viewer.get(`/api/v1/actions/${id}`)).body).toMatchObject({
        status: 'verified',
        closedAt: iso(from + 2 * DAY),
      });
    }

    await patch(ids.C, { status: 'in_progress' });
    await patch(ids.D, { status: 'wont_fix' });
    for (const [id, shipped] of [
      [ids.E, M - 20 * DAY],
      [ids.G, M - 15 * DAY],
    ] as const) {
      await implementAction(editor, id, shipped);
    }
    expectStatus(
      await editor.post(`/api/v1/actions/${ids.E}/metrics`, {
        ...METRIC,
        name: 'checkout p99 latency',
        query: 'checkout_latency_ms{service="checkout"}',
      }),
      201,
    );
    expectStatus(
      await editor.post(`/api/v1/actions/${ids.G}/metrics`, {
        ...METRIC,
        name: 'deploy error ratio',
        query: 'deploy_error_ratio_pct{service="deployer"}',
      }),
      201,
    );
    // E: improving for its first day, met from M−18.5d, verified two days later (M−16.5d).
    expectStatus(
      await editor.post(`/api/v1/actions/${ids.E}/backfill`, {
        from: iso(M - 19.5 * DAY),
        to: iso(M - 12 * DAY),
        every: '12h',
      }),
      200,
    );
    // G: not met at every check; ineffective once verifyWithin (3d) ran out, at M−11d.
    expectStatus(
      await editor.post(`/api/v1/actions/${ids.G}/backfill`, {
        from: iso(M - 14 * DAY),
        to: iso(M - 10 * DAY),
        every: '1d',
      }),
      200,
    );
    // A week ago A and B had not moved for over 14 days (stalled), and B was past due; today A is too.
    expectStatus(await scorer.post('/api/v1/scoring/run', { actionIds: [ids.A, ids.B], at: iso(M - 7 * DAY) }), 200);
    expectStatus(await scorer.post('/api/v1/scoring/run', { actionIds: [ids.A, ids.B, ids.C, ids.F] }), 200);

    // The seed is what the expectations assume.
    const e = (await viewer.get(`/api/v1/actions/${ids.E}`)).body;
    expect(e).toMatchObject({ status: 'verified', closedAt: iso(M - 16.5 * DAY) });
    const active = (await viewer.get('/api/v1/flags?active=true&limit=200')).body.items as {
      actionId: string;
      kind: string;
    }[];
    expect(active.map((f) => `${f.actionId}:${f.kind}`).sort()).toEqual(
      [`${ids.A}:overdue`, `${ids.A}:stalled`, `${ids.B}:overdue`, `${ids.B}:stalled`, `${ids.G}:ineffective`].sort(),
    );

    browser = await TestBrowser.launch();
    ({ page, problems } = await browser.newPage());
  }, 120_000);

  afterEach(() => {
    // Console errors, page exceptions and failed or refused requests fail the step that caused them.
    expect(problems?.list ?? []).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await service?.destroy();
    await prometheus?.stop();
  });

  const settled = (): Promise<void> => dashboardSettled(page);

  async function burndownRows(): Promise<{ at: string; cells: string[] }[]> {
    return page.$$eval('#burndown-data tbody tr', (rows) =>
      rows.map((r) => ({
        at: r.getAttribute('data-at') ?? '',
        cells: [...r.querySelectorAll('th, td')].map((c) => c.textContent ?? ''),
      })),
    );
  }

  async function flagged(): Promise<{ id: string; kinds: string[] }[]> {
    return page.$$eval('#flagged .flagged-item', (items) =>
      items.map((i) => ({
        id: i.getAttribute('data-action-id') ?? '',
        kinds: [...i.querySelectorAll('.flag')].map((f) => f.getAttribute('data-kind') ?? '').sort(),
      })),
    );
  }

  async function teamRows(): Promise<string[][]> {
    return page.$$eval('#team-table tbody tr', (rows) =>
      rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent ?? '')),
    );
  }

  const lastRemaining = async (): Promise<number> => Number((await burndownRows()).at(-1)!.cells[1]);

  it('serves the page without a key, with a strict CSP, and keeps /api behind one', async () => {
    const home = await fetch(`${service.baseUrl}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    expect(home.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(home.headers.get('cache-control')).toBe('no-cache');
    // Revalidated, not re-sent, when unchanged (node:http: fetch adds `Cache-Control: no-cache` to a
    // conditional request, which rightly defeats the check).
    expect(await conditionalGetStatus(`${service.baseUrl}/`, home.headers.get('etag')!)).toBe(304);
    const html = await home.text();
    // No inline script: every <script> has a src.
    expect(html.match(/<script\b[^>]*>/g)?.every((tag) => /\ssrc=/.test(tag))).toBe(true);

    const chart = await fetch(`${service.baseUrl}/assets/vendor/chart.umd.min.js`);
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toMatch(/javascript/);
    expect(await chart.text()).toContain('Chart.js v4.6.1');
    const script = await fetch(`${service.baseUrl}/assets/js/main.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);

    expect((await service.http.get('/api/v1/flags', { key: null })).status).toBe(401);
    expect((await service.http.get('/api/v1/burndown', { key: null })).status).toBe(401);
    // The dashboard's files are not API operations.
    const doc = await service.http.get('/docs-json', { key: null });
    expect(
      Object.keys(doc.body.paths).filter((p) => p === '/' || p.startsWith('/assets') || p.endsWith('.html')),
    ).toEqual([]);
  });

  it('asks for a key, asks again when it is refused, and opens the overview with a viewer key', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${service.baseUrl}/`);
    await page.waitForSelector('#key-form');
    expect(await page.evaluate(() => document.body.dataset.state)).toBe('key');

    await page.fill('#api-key', 'rt_not_a_key');
    await page.click('#key-form button[type=submit]');
    await page.waitForSelector('#key-error');
    expect(await page.textContent('#key-error')).toContain('not accepted');
    // The refused key is checked with one request: the one 401 (and its console line) provoked on purpose.
    expect(problems.take(/\b401\b/)).toHaveLength(2);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    await page.fill('#api-key', viewerKey);
    await page.click('#key-form button[type=submit]');
    await settled();
    expect(await page.textContent('h1')).toBe('Remediation overview');
  });

  it('draws the burndown with the hand-computed remaining, overdue and stalled counts per day', async () => {
    const rows = await burndownRows();
    expect(rows.length).toBeGreaterThanOrEqual(84);
    expect(rows.at(-1)!.at).toBe(iso(M));
    const offsets = rows.map((r) => (Date.parse(r.at) - M) / DAY);
    expect(offsets.every(Number.isInteger)).toBe(true);
    expect(rows.map((r) => Number(r.cells[1]))).toEqual(offsets.map(expectedRemaining));
    expect(rows.map((r) => Number(r.cells[5]))).toEqual(offsets.map(expectedOverdue));
    expect(rows.map((r) => Number(r.cells[6]))).toEqual(offsets.map(expectedStalled));
    // Opened per day: A, G, D, E, C, F on their days; closed: E (verified) at M−17d and D today.
    const byOffset = new Map(rows.map((r, i) => [offsets[i], r.cells]));
    for (const day of [-60, -50, -40, -30, -20, -5]) expect(byOffset.get(day)![2]).toBe('1');
    expect(rows.reduce((n, r) => n + Number(r.cells[2]), 0)).toBe(6);
    expect([byOffset.get(-17)![3], byOffset.get(-17)![4], byOffset.get(0)![3], byOffset.get(0)![4]]).toEqual([
      '1',
      '1',
      '1',
      '0',
    ]);

    // The canvas holds a Chart.js chart drawing the same numbers, the ideal line and the forecast.
    const chart = await chartData(page, 'burndown-chart');
    const api = (await viewer.get('/api/v1/burndown')).body;
    const remaining = chart.find((d) => d.label === 'Remaining')!;
    expect(remaining.data).toEqual(
      rows.map((r) => ({ x: Date.parse(r.at), y: expectedRemaining((Date.parse(r.at) - M) / DAY) })),
    );
    // From the 11 actions remaining at `from` (B and the earlier ten) aiming at the latest of their due
    // dates, M+4d; each action opened in the range steps it up by one at the end of its day, with its
    // due date from its priority's SLO: A (P1, due M−4d), G (P2, M+40d: the aim moves), D (P3, none),
    // E (P1, M+26d), C (P0, M+8d), F (P2, M+85d: the aim moves again).
    const [from, to] = [(Date.parse(api.from) - M) / DAY, (Date.parse(api.to) - M) / DAY];
    const stepDays = [-60, -50, -40, -30, -20, -5];
    const handLine = handIdealLine(from, to, 11, 4, [
      [-60, 1, -4],
      [-50, 1, 40],
      [-40, 1, null],
      [-30, 1, 26],
      [-20, 1, 8],
      [-5, 1, 85],
    ]);
    expect(api.ideal.map((p: any) => p.at)).toEqual(rows.map((r) => r.at));
    api.ideal.forEach((p: any) =>
      expect(Math.abs(p.remaining - handLine((Date.parse(p.at) - M) / DAY))).toBeLessThan(0.01),
    );
    expect(api.ideal.map((p: any) => p.stepUp)).toEqual(offsets.map((day) => (stepDays.includes(day) ? 1 : 0)));
    // 11 × (4 − (−59)) / (4 − from) just before A joins: the start is the whole scope at `from`, not 0.
    expect(api.ideal[0].remaining).toBeGreaterThan(10.5);
    // The chart draws each step as a vertical rise at its bucket: one point just before, one after.
    const ideal = chart.find((d) => d.label === 'Ideal')!;
    expect(ideal.data).toEqual(
      api.ideal.flatMap((p: any) => {
        const x = Date.parse(p.at);
        return p.stepUp > 0
          ? [
              { x, y: Math.round((p.remaining - p.stepUp) * 100) / 100 },
              { x, y: p.remaining },
            ]
          : [{ x, y: p.remaining }];
      }),
    );
    const forecast = chart.find((d) => d.label === 'Forecast')!;
    // Four closings (two earlier actions, E, D) in the last four weeks: a rate, so a date for zero.
    expect(api.forecast.zeroAt).not.toBeNull();
    // The forecast runs from today's remaining count to zero at zeroAt, which moves with the clock
    // (the rate is extrapolated from now): the page asked a moment before this test did.
    expect(forecast.data[0]).toEqual({ x: M, y: 5 });
    expect(forecast.data[1].y).toBe(0);
    expect(Math.abs(forecast.data[1].x - Date.parse(api.forecast.zeroAt))).toBeLessThan(60_000);
    expect(api.forecast).toMatchObject({ trend: 'closing', overdue: 2 });
    expect(await page.textContent('#on-track')).toBe(api.forecast.onTrack ? 'On track' : 'Behind');

    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-overview.png') });
  });

  it('lists the flagged actions with their kinds and reasons, and the per-team table', async () => {
    expect(await page.textContent('#flagged-count')).toBe('3');
    expect(await flagged()).toEqual([
      // Most urgent first: by priority, then team.
      { id: ids.A, kinds: ['overdue', 'stalled'] },
      { id: ids.G, kinds: ['ineffective'] },
      { id: ids.B, kinds: ['overdue', 'stalled'] },
    ]);
    const since = await page.$$eval('#flagged .flag time', (times) => times.map((t) => t.getAttribute('datetime')));
    expect(since).toContain(iso(M - 7 * DAY));
    expect(since).toContain(iso(M - 11 * DAY));
    const reasons = await page.$$eval('#flagged .reason', (els) => els.map((e) => e.textContent ?? ''));
    expect(reasons).toHaveLength(5);
    expect(reasons.every((r) => r.length > 5)).toBe(true);

    // team, total, open, in progress, implemented, verified, won't fix, overdue, stalled, flagged
    expect(await teamRows()).toEqual([
      ['identity', '5', '1', '1', '0', '3', '0', '0', '0', '0'],
      ['payments', '5', '1', '0', '0', '4', '0', '1', '1', '1'],
      ['platform', '2', '0', '0', '1', '1', '0', '0', '0', '1'],
      ['search', '5', '1', '0', '0', '3', '1', '1', '1', '1'],
    ]);
    expect(await page.textContent('body')).not.toContain(ASSIGNEE);
  });

  it('changes every number with the priority and team filters', async () => {
    await page.check('#filter-priority-P2');
    await settled();
    expect(page.url()).toContain('priority=P2');
    // P2: B (open throughout), G (open), F (opened M−5d); the earlier P2s are all closed by now.
    expect(await lastRemaining()).toBe(3);
    expect(Number((await burndownRows())[0].cells[1])).toBe(6);
    expect(await page.textContent('#flagged-count')).toBe('2');
    expect((await flagged()).map((f) => f.id)).toEqual([ids.G, ids.B]);
    expect((await teamRows()).map((r) => r.slice(0, 2))).toEqual([
      ['identity', '3'],
      ['payments', '1'],
      ['platform', '1'],
      ['search', '3'],
    ]);

    await page.uncheck('#filter-priority-P2');
    await settled();
    await page.selectOption('#filter-team', 'search');
    await settled();
    // search: B remains, D was closed today.
    expect(await lastRemaining()).toBe(1);
    expect((await flagged()).map((f) => f.id)).toEqual([ids.B]);
    expect(await teamRows()).toEqual([['search', '5', '1', '0', '0', '3', '1', '1', '1', '1']]);

    await page.selectOption('#filter-team', '');
    await settled();
    expect(await lastRemaining()).toBe(5);

    // Weekly buckets start on Mondays; the last one still ends now, with the same five remaining.
    await page.selectOption('#filter-interval', 'week');
    await settled();
    const weeks = await burndownRows();
    expect(weeks.length).toBeGreaterThanOrEqual(12);
    expect(weeks.length).toBeLessThanOrEqual(13);
    expect(weeks.every((w) => new Date(w.at).getUTCDay() === 1 && w.at.endsWith('T00:00:00.000Z'))).toBe(true);
    expect(await lastRemaining()).toBe(5);
    await page.selectOption('#filter-interval', '');
    await settled();
  });

  it('shows a fresh incident with nothing closed as "No trend yet", its ideal line starting at the scope and stepping up', async () => {
    // A second scenario, for its own team: the review at M−19d opened two actions (P1 due M+37d, P2
    // due M+71d); a third was found at M−9d (P2, due M+81d). Nothing closed, nothing overdue.
    const pm = await editor.post('/api/v1/postmortems', {
      kind: 'incident',
      title: 'Storage failover',
      severity: 'SEV2',
      occurredAt: iso(M - 19 * DAY - 2 * HOUR),
    });
    expectStatus(pm, 201);
    const fresh = { ownerTeam: 'storage', postmortemId: pm.body.id };
    await create({
      ...fresh,
      title: 'Fence the old primary before promotion',
      priority: 'P1',
      openedAt: iso(M - 19 * DAY),
    });
    await create({ ...fresh, title: 'Alert on replication lag', priority: 'P2', openedAt: iso(M - 19 * DAY) });
    await create({ ...fresh, title: 'Rehearse the failover each quarter', priority: 'P2', openedAt: iso(M - 9 * DAY) });

    await page.goto(`${service.baseUrl}/#/?team=storage`);
    await settled();
    expect(await page.textContent('#on-track')).toBe('No trend yet');
    expect(await page.getAttribute('#on-track', 'class')).toBe('badge neutral');
    expect(await page.textContent('#forecast-text')).toMatch(
      /^3 remaining, nothing closed in the last 4 weeks: no trend yet; latest due date /,
    );

    const rows = await burndownRows();
    const offsets = rows.map((r) => (Date.parse(r.at) - M) / DAY);
    expect(rows.map((r) => Number(r.cells[1]))).toEqual(offsets.map((day) => (day >= -9 ? 3 : day >= -19 ? 2 : 0)));
    // 0 until the review, then 2 aiming at M+71d; 2 × 79/89 = 1.80 before the third joins at the end
    // of M−9d, then 2.78 aiming at M+81d.
    const api = (await viewer.get('/api/v1/burndown?team=storage')).body;
    const [from, to] = [(Date.parse(api.from) - M) / DAY, (Date.parse(api.to) - M) / DAY];
    const handLine = handIdealLine(from, to, 0, from, [
      [-19, 2, 71],
      [-9, 1, 81],
    ]);
    api.ideal.forEach((p: any) =>
      expect(Math.abs(p.remaining - handLine((Date.parse(p.at) - M) / DAY))).toBeLessThan(0.01),
    );
    const at = (day: number) => api.ideal.find((p: any) => p.at === iso(M + day * DAY));
    expect([at(-20), at(-19), at(-10), at(-9)]).toEqual([
      { at: iso(M - 20 * DAY), remaining: 0, stepUp: 0 },
      { at: iso(M - 19 * DAY), remaining: 2, stepUp: 2 },
      { at: iso(M - 10 * DAY), remaining: 1.8, stepUp: 0 },
      { at: iso(M - 9 * DAY), remaining: 2.78, stepUp: 1 },
    ]);
    const ideal = (await chartData(page, 'burndown-chart')).find((d) => d.label === 'Ideal')!;
    expect(ideal.data.filter((p) => p.x === M - 19 * DAY).map((p) => p.y)).toEqual([0, 2]);
    expect(ideal.data.filter((p) => p.x === M - 9 * DAY).map((p) => p.y)).toEqual([1.78, 2.78]);
    expect(api.forecast).toMatchObject({ trend: 'none', zeroAt: null, onTrack: null, remaining: 3, overdue: 0 });

    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-fresh-incident.png') });
    await page.goto(`${service.baseUrl}/#/`);
    await settled();
  });

  it('opens a flagged action from the list: its flags and a metric that never reached its goal', async () => {
    await page.click(`#flagged .flagged-item[data-action-id="${ids.G}"] a.action-link`);
    await settled();
    expect(page.url()).toContain(`#/actions/${ids.G}`);
    expect(await page.textContent('#action-title')).toBe('Add canary analysis to deploys');
    expect(await page.$$eval('#action-flags .flag', (els) => els.map((e) => e.getAttribute('data-kind')))).toEqual([
      'ineffective',
    ]);
    const verdicts = await page.$$eval('.verdicts li', (els) => els.map((e) => e.getAttribute('data-verdict')));
    expect(verdicts).toEqual(['not_met', 'not_met', 'not_met', 'not_met', 'not_met']);
    const [metric] = (await viewer.get(`/api/v1/actions/${ids.G}`)).body.metrics;
    expect(metric.latest.reason).toEqual(expect.stringMatching(/\S/));
    expect(await page.textContent(`#reason-${metric.id}`)).toBe(metric.latest.reason);
  });

  it('words a significance test as "p = … on … vs … blocks" (window vs baseline)', async () => {
    // The page's own module, loaded as the page loads it (a variable path: no module to resolve here).
    const words = (check: object) =>
      page.evaluate(async (c) => {
        const path = '/assets/js/format.js';
        const { significance } = await import(path);
        return significance(c);
      }, check);
    expect(await words({ pValue: 0.0031, effectiveSamples: { window: 7, baseline: 28 } })).toBe(
      'p = 0.003 on 7 vs 28 blocks',
    );
    expect(await words({ pValue: 0.00002, effectiveSamples: { window: 12, baseline: 200 } })).toBe(
      'p < 0.001 on 12 vs 200 blocks',
    );
    expect(await words({ pValue: null, effectiveSamples: { window: 3, baseline: 28 } })).toBe(
      'no p-value on 3 vs 28 blocks',
    );
    expect(await words({ pValue: 0.2, effectiveSamples: null })).toBe('p = 0.200');
    expect(await words({ pValue: null, effectiveSamples: null })).toBeNull();
  });

  it('draws a metric chart with its checks, baseline and goal lines, the implementation date and the verdict history', async () => {
    await page.goto(`${service.baseUrl}/#/actions/${ids.E}`);
    await settled();
    expect(await page.textContent('#action-title')).toBe('Cap checkout retries');
    expect(await page.textContent('#action-status')).toContain('verified');
    expect(await page.textContent('body')).not.toContain(ASSIGNEE);

    const checks = (await viewer.get(`/api/v1/actions/${ids.E}/evaluations?limit=200`)).body.items as any[];
    // Replayed every 12 hours from M−19.5d to M−12d.
    expect(checks).toHaveLength(16);
    const oldestFirst = [...checks].reverse();
    const metricId = oldestFirst[0].metricId;
    const chart = await chartData(page, `metric-chart-${metricId}`);
    const byLabel = new Map<string, { x: number; y: number }[]>(chart.map((d) => [d.label, d.data]));
    expect(byLabel.get('checkout p99 latency')).toEqual(oldestFirst.map((c) => ({ x: Date.parse(c.at), y: c.value })));
    expect(byLabel.get('Baseline')!.map((p) => p.y)).toEqual([400, 400]);
    expect(byLabel.get('Goal')!.map((p) => p.y)).toEqual([300, 300]);
    expect(byLabel.get('Implemented')!.map((p) => p.x)).toEqual([M - 20 * DAY, M - 20 * DAY]);

    // Improving on the first day after the fix, met from then on; the newest twelve are listed.
    // The evaluation history beside the chart, newest first: verdict is its fourth data column.
    const table = await page.$$eval(`#metric-data-${metricId} tbody tr`, (rows) =>
      rows.map((r) => r.querySelectorAll('td')[3].textContent),
    );
    expect(table).toEqual(checks.map((c) => c.verdict.replace('_', ' ')));
    expect(oldestFirst.slice(0, 3).map((c) => c.verdict)).toEqual(['improving', 'improving', 'met']);
    const history = await page.$$eval('.verdicts li', (els) => els.map((e) => e.getAttribute('data-verdict')));
    expect(history).toEqual(checks.slice(0, 12).map((c) => c.verdict));

    // Every verdict explains itself: under the metric, its latest check's reason exactly as the API
    // gives it, as text; each recent check says its own.
    const [metric] = (await viewer.get(`/api/v1/actions/${ids.E}`)).body.metrics;
    expect(metric.id).toBe(metricId);
    expect(metric.latest.reason).toEqual(expect.stringMatching(/\S/));
    expect(await page.textContent(`#reason-${metricId}`)).toBe(metric.latest.reason);
    expect(await page.$eval(`#reason-${metricId}`, (el) => el.childElementCount)).toBe(0);
    const recentReasons = await page.$$eval(`#verdicts-${metricId} li .muted`, (els) => els.map((e) => e.textContent));
    expect(recentReasons).toEqual(checks.slice(0, 12).map((c) => c.reason));
    // No significance test on this metric (no confidence set): no line for one.
    expect(metric.latest.pValue).toBeNull();
    expect(await page.$(`#significance-${metricId}`)).toBeNull();

    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-action.png'), fullPage: true });
  });

  it('keeps the key across a reload (sessionStorage)', async () => {
    await page.reload();
    await settled();
    expect(await page.$('#key-form')).toBeNull();
    expect(await page.textContent('#action-title')).toBe('Cap checkout retries');
  });

  it('lays out at phone width without horizontal scrolling, and signs out on request', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const hash of ['#/', `#/actions/${ids.E}`]) {
      await page.goto(`${service.baseUrl}/${hash}`);
      await settled();
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
      if (hash === '#/') {
        const box = await page.locator('#burndown-chart').boundingBox();
        expect(box!.width).toBeLessThanOrEqual(390);
        expect(box!.width).toBeGreaterThan(250);
        await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-phone.png'), fullPage: true });
      }
    }

    await page.click('#sign-out');
    await page.waitForSelector('#key-form');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.reload();
    await page.waitForSelector('#key-form');
  });
});
