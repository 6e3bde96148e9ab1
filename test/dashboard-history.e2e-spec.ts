import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectStatus, HttpClient, ServiceProcess, TestBrowser, type PageProblems } from '@app/testing';
import { dashboardSettled, seriousAccessibilityViolations, signInWithKey } from '@app/testing/dashboard-page';
import { DAY, HOUR, iso, MIDNIGHT, MINUTE } from '@app/testing/scenario-clock';
import { ar1Samples, generateSamples, prometheusForFile, type ScenarioSeries } from '@app/testing/prometheus';

// The dashboard's history and flags (docs/reporting.md, "Dashboard"): replaying an action's checks
// over history against a real Prometheus with a progress bar, the evaluation history beside each
// chart, the flags page with its filters, and won't fix with a reason — in a real Chromium. The
// page's functions below run in the browser (this project compiles without the DOM lib).
declare const document: any;
declare const window: any;

const SCREENSHOTS = join(process.cwd(), 'test/artifacts/screenshots');
const ACTIONS = '/api/v1/actions';
const OPENED = MIDNIGHT - 12 * DAY;
const FIX = MIDNIGHT - 8 * DAY;
const GRID = { from: OPENED - 10 * DAY, to: MIDNIGHT, stepMs: 5 * MINUTE };
const NOISE = { correlationTimeMs: 3 * HOUR, mean: 0.5, sd: 0.05 };

const SERIES: ScenarioSeries[] = [
  // Noisy latency, a standard deviation lower once the fix shipped: judged with a significance test.
  {
    name: 'pay_latency_seconds',
    samples: ar1Samples(GRID, { ...NOISE, seed: 41, shift: (at) => (at >= FIX ? -NOISE.sd : 0) }),
  },
  // 400 errors a minute before the fix, 250 after it.
  { name: 'pay_errors', samples: generateSamples(GRID, (t) => (t < FIX ? 400 : 250)) },
];
const prometheus = prometheusForFile({ series: SERIES, now: MIDNIGHT });

const NOISY_METRIC = {
  name: 'payment latency',
  datasource: 'prom',
  query: 'pay_latency_seconds',
  direction: 'decrease',
  target: { relativePercent: 1 },
  baselineWindow: '7d',
  evaluationWindow: '3d',
  sustainFor: '30d',
  checkEvery: '12h',
  confidence: 0.95,
};
const PLAIN_METRIC = {
  name: 'payment errors',
  datasource: 'prom',
  query: 'pay_errors',
  direction: 'decrease',
  target: { relativePercent: 25 },
  baselineWindow: '7d',
  evaluationWindow: '1d',
  sustainFor: '30d',
  checkEvery: '1d',
};

describe('dashboard history and flags [embedded]', () => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  let editorKey: string;
  let viewerKey: string;
  let browser: TestBrowser;
  let page: Page;
  let problems: PageProblems;
  let replayId: string;
  const flagged: Record<'late' | 'idle', string> = { late: '', idle: '' };
  let closingId: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const datasources = [{ name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 }];
    service = await ServiceProcess.start({ database: 'embedded', datasources });
    editorKey = await service.issueKey('history-editor', 'editor');
    viewerKey = await service.issueKey('history-viewer', 'viewer');
    editor = service.http.withKey(editorKey);
    viewer = service.http.withKey(viewerKey);

    const created = await editor.post(ACTIONS, {
      title: 'Cache the payment tokens',
      ownerTeam: 'payments',
      openedAt: iso(OPENED),
      status: 'implemented',
      implementedAt: iso(FIX),
      dueAt: iso(MIDNIGHT + 60 * DAY),
    });
    expectStatus(created, 201);
    replayId = created.body.id;
    for (const metric of [NOISY_METRIC, PLAIN_METRIC])
      expectStatus(await editor.post(`${ACTIONS}/${replayId}/metrics`, metric), 201);

    // Flagged at once (docs/api.md, "Flags at once"): past its due date (opened too recently to
    // stall); untouched for 40 days, longer than stallAfter (14 days).
    const late = await editor.post(ACTIONS, {
      title: 'Rotate the ledger certificates',
      ownerTeam: 'ledger',
      openedAt: iso(MIDNIGHT - 10 * DAY),
      dueAt: iso(MIDNIGHT - 2 * DAY),
    });
    expectStatus(late, 201);
    flagged.late = late.body.id;
    const idle = await editor.post(ACTIONS, {
      title: 'Document the failover',
      ownerTeam: 'payments',
      priority: 'P3',
      openedAt: iso(MIDNIGHT - 40 * DAY),
    });
    expectStatus(idle, 201);
    flagged.idle = idle.body.id;
    const closing = await editor.post(ACTIONS, { title: 'Rewrite the pool', ownerTeam: 'payments' });
    expectStatus(closing, 201);
    closingId = closing.body.id;

    browser = await TestBrowser.launch();
    ({ page, problems } = await browser.newPage());
  }, 120_000);

  afterEach(() => {
    expect(problems?.list ?? []).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await service?.destroy();
  });

  const settled = (): Promise<void> => dashboardSettled(page);

  const signIn = (key: string, hash: string): Promise<void> => signInWithKey(page, service.baseUrl, key, hash);

  async function open(hash: string): Promise<void> {
    await page.goto(`${service.baseUrl}/${hash}`);
    await settled();
  }

  const savedMark = (): Promise<string | undefined> => page.evaluate(() => document.body.dataset.saved);
  async function saved(click: () => Promise<void>, timeout = 20_000): Promise<void> {
    const before = await savedMark();
    await click();
    await page.waitForFunction((b) => document.body.dataset.saved !== b, before, { timeout });
  }

  const expectAccessible = async (): Promise<void> => expect(await seriousAccessibilityViolations(page)).toEqual([]);

  /** No horizontal page scroll at this width; screenshots the page. */
  async function atPhoneWidth(name: string): Promise<void> {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      // Charts follow their box on the next frames (Chart.js watches it); then nothing is wider than the screen.
      await page.waitForFunction(() =>
        [...document.querySelectorAll('canvas')].every(
          (c: any) => c.getBoundingClientRect().right <= window.innerWidth,
        ),
      );
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
      await expectAccessible();
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  }

  const rowsOf = (tableId: string): Promise<string[][]> =>
    page.$$eval(`#${tableId} tbody tr`, (rows) =>
      rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())),
    );

  const pValueText = (p: number | null): string => (p === null ? '—' : p < 0.001 ? '< 0.001' : p.toFixed(3));

  it('replays history in chunks with a progress bar, then shows every replayed check with its p-value', async () => {
    await signIn(editorKey, `#/actions/${replayId}`);
    const action = (await viewer.get(`${ACTIONS}/${replayId}`)).body;
    const [noisy, plain] = action.metrics;
    // Nothing scored yet: the tables are empty.
    expect(await rowsOf(`metric-data-${noisy.id}`)).toEqual([]);

    await page.click('#replay-open');
    await page.waitForSelector('#replay-form');
    // The defaults: from the action's opening, to now, every the most frequent check (12h, not 1d).
    expect(await page.inputValue('#replay-from')).toBe(iso(OPENED).slice(0, 16));
    expect(await page.inputValue('#replay-every')).toBe('12h');
    await expectAccessible();

    // A refusal names its field: an every that is no duration shows under "Every", nothing replayed.
    await page.fill('#replay-every', 'often');
    await page.click('#replay-start');
    await page.waitForSelector('#replay-every-error');
    expect(await page.textContent('#replay-every-error')).toContain('every: not a duration');
    expect(await page.getAttribute('#replay-every', 'aria-invalid')).toBe('true');
    expect(problems.take(/backfill|400 \(Bad Request\)/)).toHaveLength(2);
    expect((await viewer.get(`${ACTIONS}/${replayId}/evaluations`)).body.items).toEqual([]);

    await page.fill('#replay-every', '12h');
    const estimate = await page.textContent('#replay-estimate');
    const [, times, metrics, total, requests] = /^(\d+) check times × (\d+) metrics = (\d+) checks, in (\d+) requests/
      .exec(estimate ?? '')!
      .map(Number);
    expect(metrics).toBe(2);
    expect(total).toBe(times * 2);
    expect(requests).toBeGreaterThan(1);

    // Count the backfill requests the page sends, and watch the progress bar move.
    const backfills: { from: string; to: string; every: string }[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith(`/actions/${replayId}/backfill`))
        backfills.push(JSON.parse(req.postData() ?? '{}'));
    });
    const seen = new Set<number>();
    await page.exposeFunction('progressSeen', (value: number) => seen.add(value));
    await page.evaluate(() => {
      new window.MutationObserver(() => {
        const bar = document.getElementById('replay-progress');
        if (bar) window.progressSeen(Number(bar.value));
      }).observe(document.getElementById('app'), { childList: true, subtree: true });
    });
    await saved(() => page.click('#replay-start'), 120_000);

    // Consecutive chunks, oldest first, each ending before the next starts, all at 12h.
    expect(backfills).toHaveLength(requests);
    expect(backfills.every((b) => b.every === '12h')).toBe(true);
    for (let i = 1; i < backfills.length; i++)
      expect(Date.parse(backfills[i].from)).toBe(Date.parse(backfills[i - 1].to) + 12 * HOUR);
    // The bar went through intermediate values and reached M of M.
    expect([...seen].some((v) => v > 0 && v < total)).toBe(true);
    expect(await page.getAttribute('#replay-progress', 'value')).toBe(String(total));
    expect(await page.getAttribute('#replay-progress', 'max')).toBe(String(total));
    expect(await page.textContent('#replay-status')).toMatch(new RegExp(`^${total} of ${total} checks replayed`));
    expect(await page.$eval('#replay-progress', (el) => el.labels[0].textContent)).toBe('Replay progress');

    // The page was drawn again: each metric's table lists exactly the API's checks, newest first.
    const checks = (await viewer.get(`${ACTIONS}/${replayId}/evaluations?limit=200`)).body.items as any[];
    expect(checks.length).toBeGreaterThan(0);
    for (const metric of [noisy, plain]) {
      const own = checks.filter((c) => c.metricId === metric.id);
      const rows = await rowsOf(`metric-data-${metric.id}`);
      expect(rows.map((r) => [r[4], r[5]])).toEqual(
        own.map((c) => [c.verdict.replace('_', ' '), pValueText(c.pValue)]),
      );
      expect(await page.$$eval(`#metric-data-${metric.id} tbody tr`, (trs) => trs.map((tr) => tr.dataset.at))).toEqual(
        own.map((c) => c.at),
      );
    }
    // With confidence set, judged checks carry p-values; without, none.
    const noisyChecks = checks.filter((c) => c.metricId === noisy.id);
    expect(noisyChecks.some((c) => typeof c.pValue === 'number')).toBe(true);
    expect(checks.filter((c) => c.metricId === plain.id).every((c) => c.pValue === null)).toBe(true);
    // The chart draws the replayed checks too.
    const points = await page.evaluate(
      ({ id, name }) =>
        window.Chart.getChart(document.getElementById(`metric-chart-${id}`)).data.datasets.find(
          (d: any) => d.label === name,
        ).data.length,
      { id: plain.id, name: plain.name },
    );
    expect(points).toBe(checks.filter((c) => c.metricId === plain.id && c.value !== null).length);

    // Side by side on a wide screen.
    const [chartBox, tableBox] = await Promise.all([
      page.locator(`[data-metric-id="${noisy.id}"] .chart-box`).boundingBox(),
      page.locator(`[data-metric-id="${noisy.id}"] .evaluation-history`).boundingBox(),
    ]);
    expect(tableBox!.x).toBeGreaterThan(chartBox!.x + chartBox!.width - 1);
    await expectAccessible();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-replay.png'), fullPage: true });
    await atPhoneWidth('dashboard-replay');
  });

  it('stops after the request under way when cancelled', async () => {
    await open(`#/actions/${replayId}`);
    await page.click('#replay-open');
    await page.waitForSelector('#replay-form');
    // Hourly over the whole range: about ten requests of a few dozen check times each.
    await page.fill('#replay-every', '1h');
    const requests = Number(/in (\d+) requests/.exec((await page.textContent('#replay-estimate')) ?? '')![1]);
    expect(requests).toBeGreaterThan(3);
    let sent = 0;
    const count = (req: any): void => {
      if (req.method() === 'POST' && req.url().endsWith(`/actions/${replayId}/backfill`)) sent += 1;
    };
    page.on('request', count);
    try {
      const first = page.waitForRequest((req) => req.url().endsWith('/backfill'));
      await saved(async () => {
        await page.click('#replay-start');
        await first;
        await page.click('#replay-cancel');
      }, 120_000);
    } finally {
      page.off('request', count);
    }
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(sent).toBeLessThan(requests);
    const status = (await page.textContent('#replay-status')) ?? '';
    expect(status).toContain('Stopped on request.');
    const [done, total] = /^(\d+) of (\d+) checks replayed/.exec(status)!.slice(1).map(Number);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(total);
  });

  it('lists every active flag with its action, reason and since when; kind and team filter it', async () => {
    await open('#/flags');
    expect(await page.getAttribute('.topnav a[href="#/flags"]', 'aria-current')).toBe('page');
    const active = (await viewer.get('/api/v1/flags?active=true&limit=200')).body.items as any[];
    const late = active.find((f) => f.actionId === flagged.late && f.kind === 'overdue');
    const idle = active.find((f) => f.actionId === flagged.idle && f.kind === 'stalled');
    expect(late).toBeDefined();
    expect(idle).toBeDefined();
    const ids = await page.$$eval('#flag-list tbody tr', (rows) => rows.map((r) => r.dataset.id));
    expect(ids).toEqual(active.map((f) => f.id));
    const row = `#flag-list tr[data-id="${late.id}"]`;
    expect(await page.textContent(`${row} .reason`)).toBe(late.reason);
    expect(await page.getAttribute(`${row} .since time`, 'datetime')).toBe(late.raisedAt);
    expect(await page.textContent(`${row} .action-link`)).toBe('Rotate the ledger certificates');
    expect(await page.getAttribute(`${row} .action-link`, 'href')).toBe(`#/actions/${flagged.late}`);
    await expectAccessible();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-flags.png'), fullPage: true });
    await atPhoneWidth('dashboard-flags');

    // Kind, through the form: the URL keeps it.
    await page.selectOption('#filter-kind', 'stalled');
    await page.click('#flag-filters-apply');
    await page.waitForFunction(() => window.location.hash === '#/flags?kind=stalled');
    await settled();
    const stalled = active.filter((f) => f.kind === 'stalled').map((f) => f.id);
    expect(await page.$$eval('#flag-list tbody tr', (rows) => rows.map((r) => r.dataset.id))).toEqual(stalled);
    expect(stalled).toContain(idle.id);

    // Team, from a link.
    await open('#/flags?team=ledger');
    expect(await page.inputValue('#filter-team')).toBe('ledger');
    const ledger = (await viewer.get('/api/v1/flags?active=true&team=ledger')).body.items.map((f: any) => f.id);
    expect(ledger).toContain(late.id);
    expect(await page.$$eval('#flag-list tbody tr', (rows) => rows.map((r) => r.dataset.id))).toEqual(ledger);

    // Nothing matches: it says so.
    await open('#/flags?kind=stalled&team=ledger');
    expect(await page.$('#flag-list tbody tr')).toBeNull();
    expect(await page.textContent('#flag-list')).toBe('No active flag matches these filters.');
    await expectAccessible();
  });

  it("asks for a reason before closing as won't fix, and shows it by the status and in the audit trail", async () => {
    await open(`#/actions/${closingId}`);
    await page.click('[data-move=wont_fix]');
    await page.waitForSelector('#move-form[data-to=wont_fix]');
    expect(await page.$eval('#move-reason', (el) => el.labels[0].textContent)).toBe("Why won't it be fixed?");
    await page.click('#move-form button[type=submit]');
    await page.waitForSelector('#move-reason-error');
    expect(await page.getAttribute('#move-reason', 'aria-invalid')).toBe('true');
    expect((await viewer.get(`${ACTIONS}/${closingId}`)).body.status).toBe('open');
    await expectAccessible();

    const reason = 'The pool is replaced by the new payment gateway.';
    await page.fill('#move-reason', `  ${reason}  `);
    await saved(() => page.click('#move-form button[type=submit]'));
    expect(await page.textContent('#action-status dd')).toBe('wont fix');
    expect(await page.textContent('#action-wont-fix-reason dd')).toBe(reason);
    const events = (await viewer.get(`${ACTIONS}/${closingId}/events`)).body.items as any[];
    expect(events.at(-1)).toMatchObject({
      type: 'status_changed',
      actor: 'history-editor',
      changes: { status: { from: 'open', to: 'wont_fix' }, reason: { from: null, to: reason } },
    });
    const lastAudit = await page.$eval('#audit-trail > li:last-child', (li) => li.textContent.replace(/\s+/g, ' '));
    expect(lastAudit).toContain(`reason: — → ${reason}`);
    await expectAccessible();
  });

  it('shows a viewer the history and flags but no replay control', async () => {
    await signIn(viewerKey, `#/actions/${replayId}`);
    expect(await page.$('#replay')).toBeNull();
    expect(await page.$('#replay-open')).toBeNull();
    expect(await page.$('#workflow')).toBeNull();
    expect(await page.$$('.evaluation-history tbody tr')).not.toHaveLength(0);
    await expectAccessible();
    await open('#/flags');
    expect(await page.$$('#flag-list tbody tr')).not.toHaveLength(0);
    await expectAccessible();
  });
});
