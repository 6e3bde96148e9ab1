import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectStatus, HttpClient, ServiceProcess, TestBrowser, type PageProblems } from '@app/testing';
import { DAY, HOUR, iso, MIDNIGHT } from '@app/testing/scenario-clock';
import { dashboardSettled, seriousAccessibilityViolations } from '@app/testing/dashboard-page';

// The dashboard's list and detail pages (docs/reporting.md, "Dashboard"), driven in a real Chromium
// against a seeded service. The page's functions below run in the browser (this project compiles
// without the DOM lib).
declare const document: any;
declare const window: any;

const SCREENSHOTS = join(process.cwd(), 'test/artifacts/screenshots');
const M = MIDNIGHT;
/** Extra post-mortems, so the list has a second page (25 a page). */
const DRILLS = 24;

const OUTAGE = {
  kind: 'incident',
  title: 'Checkout outage: connection pool exhausted',
  severity: 'SEV1',
  services: ['checkout', 'payments'],
  occurredAt: iso(M - 10 * DAY),
  resolvedAt: iso(M - 10 * DAY + 2 * HOUR),
  // The markup must stay text on the page: never an element.
  summary:
    '## Impact\n\nOrders failed for **two hours**.\n\n- 4,210 orders lost\n- <script>window.pwned = 1</script>\n',
  timeline: [
    { at: iso(M - 10 * DAY), text: 'Error rate alert fired' },
    { at: iso(M - 10 * DAY + 90 * 60_000), text: 'Pool size raised, orders recover' },
  ],
  contributingFactors: [
    { kind: 'trigger', category: 'technology', text: 'A retry storm after a deploy' },
    { kind: 'latent', category: 'process', text: 'No load test for the pool limit' },
    { kind: 'latent', category: 'people', text: 'On-call unfamiliar with the pool settings' },
  ],
};

describe('dashboard pages [embedded]', () => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewerKey: string;
  let browser: TestBrowser;
  let page: Page;
  let problems: PageProblems;
  const ids: Record<string, string> = {};

  async function post(path: string, body: Record<string, unknown>): Promise<string> {
    const res = await editor.post(path, body);
    expectStatus(res, 201);
    return res.body.id;
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    service = await ServiceProcess.start({ database: 'embedded' });
    editor = await service.clientFor('sre', 'editor');
    viewerKey = await service.issueKey('managers', 'viewer');

    for (let i = 1; i <= DRILLS; i++)
      await post('/api/v1/postmortems', { kind: 'premortem', title: `Failover drill ${i}`, services: ['drills'] });
    ids.outage = await post('/api/v1/postmortems', OUTAGE);
    ids.stall = await post('/api/v1/postmortems', {
      kind: 'incident',
      title: 'Search indexer stall',
      severity: 'SEV3',
      services: ['search'],
      occurredAt: iso(M - 40 * DAY),
    });
    ids.holiday = await post('/api/v1/postmortems', {
      kind: 'success',
      title: 'Smooth holiday failover',
      services: ['identity'],
    });

    ids.cap = await post('/api/v1/actions', {
      title: 'Cap the checkout pool size',
      ownerTeam: 'payments',
      priority: 'P1',
      services: ['checkout'],
      postmortemId: ids.outage,
      openedAt: iso(M - 9 * DAY),
    });
    for (const body of [
      { status: 'in_progress' },
      { status: 'implemented' },
      { status: 'verified', verificationNote: 'Load test holds at 3x' },
    ])
      expectStatus(await editor.patch(`/api/v1/actions/${ids.cap}`, body), 200);
    ids.alert = await post('/api/v1/actions', {
      title: 'Alert on pool saturation',
      ownerTeam: 'payments',
      priority: 'P2',
      services: ['checkout'],
      postmortemId: ids.outage,
      openedAt: iso(M - 9 * DAY),
      dueAt: iso(M - 2 * DAY),
    });
    ids.reindex = await post('/api/v1/actions', {
      title: 'Reindex search nightly',
      ownerTeam: 'search',
      priority: 'P3',
      services: ['search'],
      postmortemId: ids.stall,
      openedAt: iso(M - 30 * DAY),
      dueAt: iso(M + 20 * DAY),
    });
    expectStatus(await editor.patch(`/api/v1/actions/${ids.reindex}`, { status: 'in_progress' }), 200);

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
  });

  const settled = (): Promise<void> => dashboardSettled(page);

  async function open(hash: string): Promise<void> {
    await page.goto(`${service.baseUrl}/${hash}`);
    await settled();
  }

  const rowTitles = (table: string): Promise<string[]> =>
    page.$$eval(`${table} tbody tr th`, (cells) => cells.map((c) => (c.textContent ?? '').trim()));

  /** Sets the filter form's fields (inputs and selects by name) and submits it with the keyboard. */
  async function filter(values: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(values)) {
      const selector = `#filter-${name}`;
      const tag = await page.$eval(selector, (el) => el.tagName);
      if (tag === 'SELECT') await page.selectOption(selector, value);
      else await page.fill(selector, value);
    }
    // Enter in a text field submits the form (a select's Enter would not).
    await page.focus('#filter-q');
    await page.keyboard.press('Enter');
    await settled();
  }

  /** No serious or critical accessibility violation (axe-core's WCAG 2 A/AA rules). */
  const expectAccessible = async (): Promise<void> => expect(await seriousAccessibilityViolations(page)).toEqual([]);

  it('opens a post-mortem by deep link, after asking for the key', async () => {
    await page.goto(`${service.baseUrl}/#/postmortems/${ids.outage}`);
    await page.waitForSelector('#key-form');
    await page.fill('#api-key', viewerKey);
    await page.click('#key-form button[type=submit]');
    await settled();

    expect(await page.textContent('#postmortem-title')).toBe(OUTAGE.title);
    expect(await page.textContent('#postmortem-kind dd')).toBe('incident');
    expect(await page.textContent('#postmortem-severity dd')).toBe('SEV1');
    expect(await page.textContent('#postmortem-services dd')).toBe('checkout, payments');
    expect(await page.textContent('#postmortem-outcome dd')).toBe('1 of 2');
    expect(await page.$eval('a[aria-current=page]', (a) => a.textContent)).toBe('Post-mortems');

    // The summary's Markdown as structure, its markup as text.
    expect(await page.textContent('#postmortem-summary h4')).toBe('Impact');
    expect(await page.$$eval('#postmortem-summary li', (li) => li.map((l) => l.textContent))).toEqual([
      '4,210 orders lost',
      '<script>window.pwned = 1</script>',
    ]);
    expect(await page.$('#postmortem-summary script')).toBeNull();
    expect(await page.evaluate(() => window.pwned)).toBeUndefined();

    expect(await page.$$eval('#postmortem-timeline li span', (s) => s.map((e) => e.textContent))).toEqual([
      'Error rate alert fired',
      'Pool size raised, orders recover',
    ]);
    expect(await page.textContent('[data-kind=trigger] h3')).toBe('Triggers (1)');
    expect(await page.textContent('[data-kind=latent] h3')).toBe('Latent conditions (2)');
    expect(
      await page.$$eval('[data-kind=latent] li', (li) => li.map((l) => `${l.getAttribute('data-category')}`)),
    ).toEqual(['people', 'process']);

    const actions = await page.$$eval('#postmortem-actions tbody tr', (rows) =>
      rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())),
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        ['Cap the checkout pool size', 'verified', 'P1', 'payments', expect.any(String), 'verified (manual)'],
        ['Alert on pool saturation', 'open', 'P2', 'payments', expect.any(String), 'no success metric'],
      ]),
    );
    await expectAccessible();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-postmortem.png'), fullPage: true });

    // Each action links to its page.
    await page.click(`#postmortem-actions a[href="#/actions/${ids.cap}"]`);
    await settled();
    expect(await page.textContent('#action-title')).toBe('Cap the checkout pool size');
    expect(await page.$eval('a[aria-current=page]', (a) => a.textContent)).toBe('Actions');
    await expectAccessible();
  });

  it('fetches the write-up with the key: Markdown and HTML files, and HTML in a tab', async () => {
    await open(`#/postmortems/${ids.outage}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report-markdown')]);
    expect(download.suggestedFilename()).toBe('checkout-outage-connection-pool-exhausted.md');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain(`# ${OUTAGE.title}`);
    expect(text).toContain('Cap the checkout pool size');

    const [html] = await Promise.all([page.waitForEvent('download'), page.click('#report-html-file')]);
    expect(readFileSync((await html.path())!, 'utf8')).toMatch(/^<!doctype html>/i);

    // Opened in a tab of its own: the write-up as a page.
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.click('#report-html')]);
    await tab.waitForLoadState();
    expect(await tab.textContent('h1')).toBe(OUTAGE.title);
    await tab.close();
  });

  it('lists post-mortems by navigation, narrows them with each filter, and pages through the cursor', async () => {
    await open('#/');
    await page.click('.topnav a[href="#/postmortems"]');
    await settled();
    expect(await page.textContent('h1')).toBe('Post-mortems');
    const first = await rowTitles('#postmortem-list');
    expect(first).toHaveLength(25);
    expect(first.slice(0, 3)).toEqual(['Smooth holiday failover', 'Search indexer stall', OUTAGE.title]);
    await expectAccessible();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-postmortems.png'), fullPage: true });

    await page.click('#page-next');
    await settled();
    expect(await rowTitles('#postmortem-list')).toEqual(['Failover drill 2', 'Failover drill 1']);
    expect(await page.$('#page-next')).toBeNull();
    await page.click('#page-first');
    await settled();
    expect(await rowTitles('#postmortem-list')).toHaveLength(25);

    await filter({ kind: 'incident' });
    expect(await rowTitles('#postmortem-list')).toEqual(['Search indexer stall', OUTAGE.title]);
    await filter({ severity: 'SEV1' });
    expect(await rowTitles('#postmortem-list')).toEqual([OUTAGE.title]);
    await open('#/postmortems');
    await filter({ service: 'search' });
    expect(await rowTitles('#postmortem-list')).toEqual(['Search indexer stall']);
    await open('#/postmortems');
    await filter({ q: 'POOL' });
    expect(await rowTitles('#postmortem-list')).toEqual([OUTAGE.title]);
    expect(await page.inputValue('#filter-q')).toBe('POOL');
    // A UTC day range: the stall (40 days ago) only; the "until" day counts whole.
    const day = (offset: number) => iso(M + offset * DAY).slice(0, 10);
    await open('#/postmortems');
    await filter({ from: day(-41), to: day(-40) });
    expect(await rowTitles('#postmortem-list')).toEqual(['Search indexer stall']);
    await filter({ q: 'nothing like this' });
    expect(await page.textContent('#postmortem-list')).toBe('No post-mortem matches these filters.');
    await page.click('#postmortem-filters-clear');
    await settled();
    expect(await rowTitles('#postmortem-list')).toHaveLength(25);

    await page.click(`#postmortem-list a[href="#/postmortems/${ids.stall}"]`);
    await settled();
    expect(await page.textContent('#postmortem-title')).toBe('Search indexer stall');
  });

  it('lists actions by navigation and narrows them with each filter', async () => {
    await page.click('.topnav a[href="#/actions"]');
    await settled();
    expect(await page.textContent('h1')).toBe('Actions');
    expect(await rowTitles('#action-list')).toEqual([
      'Reindex search nightly',
      'Alert on pool saturation',
      'Cap the checkout pool size',
    ]);
    await expectAccessible();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-actions.png'), fullPage: true });

    const cases: [Record<string, string>, string[]][] = [
      [{ status: 'in_progress' }, ['Reindex search nightly']],
      [{ team: 'payments' }, ['Alert on pool saturation', 'Cap the checkout pool size']],
      [{ priority: 'P1' }, ['Cap the checkout pool size']],
      [{ service: 'search' }, ['Reindex search nightly']],
      [{ flag: 'overdue' }, ['Alert on pool saturation']],
      [{ overdue: 'false' }, ['Reindex search nightly', 'Cap the checkout pool size']],
      [{ q: 'pool' }, ['Alert on pool saturation', 'Cap the checkout pool size']],
      [{ sort: 'dueAt' }, ['Alert on pool saturation', 'Reindex search nightly', 'Cap the checkout pool size']],
    ];
    for (const [values, expected] of cases) {
      await open('#/actions');
      await filter(values);
      expect(await rowTitles('#action-list')).toEqual(expected);
    }
    await open('#/actions?team=payments&overdue=true');
    expect(await rowTitles('#action-list')).toEqual(['Alert on pool saturation']);
    expect(await page.inputValue('#filter-team')).toBe('payments');
  });

  it('shows a not-found page for unknown routes', async () => {
    for (const hash of ['#/nowhere', '#/actions/not-an-id', `#/postmortems/${ids.outage}/extra`]) {
      await open(hash);
      expect(await page.textContent('h1')).toBe('Page not found');
      expect(await page.$('#not-found a[href="#/postmortems"]')).not.toBeNull();
    }
    await expectAccessible();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-not-found.png') });
  });

  it('reaches the pages with the keyboard alone', async () => {
    await open('#/');
    // A fresh load, so focus starts at the top of the document.
    await page.reload();
    await settled();
    // The brand, then the navigation's links, in order.
    const focused: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      focused.push(
        await page.evaluate(() => document.activeElement.getAttribute('href') ?? document.activeElement.tagName),
      );
    }
    expect(focused).toEqual(['#/', '#/', '#/postmortems']);
    await page.keyboard.press('Enter');
    await settled();
    expect(await page.textContent('h1')).toBe('Post-mortems');
  });

  it('lays out every new page at phone width without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const pages: [string, string][] = [
      ['#/postmortems', 'postmortems'],
      [`#/postmortems/${ids.outage}`, 'postmortem'],
      ['#/actions', 'actions'],
      ['#/nowhere', 'not-found'],
    ];
    for (const [hash, name] of pages) {
      await open(hash);
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
      await expectAccessible();
      await page.screenshot({ path: join(SCREENSHOTS, `dashboard-${name}-phone.png`), fullPage: true });
    }
  });
});
