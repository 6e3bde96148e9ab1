import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  DAY,
  expectStatus,
  HOUR,
  iso,
  MINUTE,
  ServiceProcess,
  SUSTAINED_LATENCY_METRIC,
  TestBrowser,
  type HttpClient,
  type HttpResult,
  type PageProblems,
} from '@app/testing';
import { dashboardSettled, seriousAccessibilityViolations } from '@app/testing/dashboard-page';
import { generateSamples, PrometheusFixture, relativeGrid } from '@app/testing/prometheus';

/*
 * Every dashboard route, at desktop width (1280 px) and phone width (390 px): no serious or
 * critical accessibility violation, no horizontal scroll on the phone, and a screenshot of each
 * (test/artifacts/screenshots/page-<name>-desktop.png, page-<name>-phone.png). The routes come from
 * the served router.js: a route added there without a sample address below fails the first test,
 * so no page goes unvisited. The pages are seeded with content (a chart, a flag, a timeline),
 * and seen by an admin, who sees every control.
 *
 * The page's functions below run in the browser (this project compiles without the DOM lib).
 */
declare const document: any;
declare const window: any;

const SCREENSHOTS = join(process.cwd(), 'test/artifacts/screenshots');
const THIS_HOUR = Math.floor(Date.now() / HOUR) * HOUR;
const OCCURRED = THIS_HOUR - 12 * DAY;
const SHIPPED = THIS_HOUR - 5 * DAY;
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

interface Seeded {
  postmortemId: string;
  actionId: string;
}

/**
 * One address per route of router.js, by its page name; `notFound` is what any other address
 * shows. A new route needs its line here (the first test says which is missing).
 */
const SAMPLE_ADDRESSES: Record<string, (s: Seeded) => string> = {
  overview: () => '#/',
  postmortems: () => '#/postmortems',
  postmortemNew: () => '#/postmortems/new',
  postmortem: (s) => `#/postmortems/${s.postmortemId}`,
  postmortemEdit: (s) => `#/postmortems/${s.postmortemId}/edit`,
  actions: () => '#/actions',
  newAction: (s) => `#/actions/new?postmortemId=${s.postmortemId}`,
  action: (s) => `#/actions/${s.actionId}`,
  admin: () => '#/admin',
  flags: () => '#/flags',
};
const NOT_FOUND: Record<string, (s: Seeded) => string> = { notFound: () => '#/no-such-page' };

/** The page names of the ROUTES table of the dashboard's router.js, as the service serves it. */
function routePageNames(routerSource: string): string[] {
  const table = /const ROUTES = \[([\s\S]*?)\n\];/.exec(routerSource);
  if (!table) throw new Error('router.js has no `const ROUTES = [ … ];` table any more: update this test');
  return [...table[1].matchAll(/page:\s*'(\w+)'/g)].map((m) => m[1]);
}

describe('every dashboard page at desktop and phone width [embedded]', () => {
  let prometheus: PrometheusFixture;
  let service: ServiceProcess;
  let editor: HttpClient;
  let browser: TestBrowser;
  let page: Page;
  let problems: PageProblems;
  let seeded: Seeded;

  async function created(res: Promise<HttpResult>): Promise<string> {
    const answer = await res;
    expectStatus(answer, 201);
    return answer.body.id;
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const grid = relativeGrid(THIS_HOUR, { fromAgoMs: 20 * DAY, toAgoMs: -2 * HOUR, stepMs: 5 * MINUTE });
    prometheus = await PrometheusFixture.start({
      now: THIS_HOUR,
      series: [
        {
          name: 'checkout_latency_ms',
          samples: generateSamples(grid, (t) => (t < SHIPPED ? 400 : 250) + 10 * Math.sin(t / (3 * HOUR))),
        },
      ],
    });
    service = await ServiceProcess.start({
      database: 'embedded',
      datasources: [{ name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 }],
    });
    editor = await service.clientFor('seed', 'editor');
    const postmortemId = await created(
      editor.post('/api/v1/postmortems', {
        kind: 'incident',
        title: 'Checkout slow after the pool change',
        severity: 'SEV2',
        services: ['checkout'],
        occurredAt: iso(OCCURRED),
        resolvedAt: iso(OCCURRED + 2 * HOUR),
        summary: '## Impact\n\nCheckout took twice as long.',
        timeline: [
          { at: iso(OCCURRED), text: 'Latency alert fires' },
          { at: iso(OCCURRED + 2 * HOUR), text: 'Pool size restored' },
        ],
        contributingFactors: [
          { kind: 'trigger', category: 'technology', text: 'The pool change halved the connections' },
          { kind: 'latent', category: 'process', text: 'No load test before pool changes' },
        ],
      }),
    );
    const actionId = await created(
      editor.post('/api/v1/actions', {
        title: 'Size the checkout pool for two regions',
        ownerTeam: 'payments',
        services: ['checkout'],
        postmortemId,
        openedAt: iso(OCCURRED + DAY),
        status: 'implemented',
        implementedAt: iso(SHIPPED),
      }),
    );
    await created(
      editor.post(`/api/v1/actions/${actionId}/metrics`, {
        ...SUSTAINED_LATENCY_METRIC,
        datasource: 'prom',
        query: 'checkout_latency_ms',
      }),
    );
    const replay = await editor.post(`/api/v1/actions/${actionId}/backfill`, {
      from: iso(SHIPPED - DAY),
      to: iso(Date.now() - 1_000),
      every: '3h',
    });
    expectStatus(replay, 200);
    // A flagged action for the overview's and the lists' flag columns: past its due date.
    await created(
      editor.post('/api/v1/actions', {
        title: 'Alert on pool saturation',
        ownerTeam: 'payments',
        postmortemId,
        openedAt: iso(OCCURRED + DAY),
        dueAt: iso(THIS_HOUR - DAY),
      }),
    );
    seeded = { postmortemId, actionId };

    browser = await TestBrowser.launch();
    ({ page, problems } = await browser.newPage());
    page.setDefaultTimeout(15_000);
    await page.goto(`${service.baseUrl}/#/`);
    await page.waitForSelector('#key-form');
    await page.fill('#api-key', service.adminKey!);
    await page.click('#key-form button[type=submit]');
    await dashboardSettled(page);
  }, 120_000);

  afterEach(() => {
    expect(problems?.list ?? []).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await service?.destroy();
    await prometheus?.stop();
  });

  it('has a sample address for every route of router.js, each routed to its page', async () => {
    const served = await fetch(`${service.baseUrl}/assets/js/router.js`);
    const names = routePageNames(await served.text());
    expect(names.length).toBeGreaterThan(0);
    expect(Object.keys(SAMPLE_ADDRESSES).sort()).toEqual([...names].sort());
    const samples = { ...SAMPLE_ADDRESSES, ...NOT_FOUND };
    const addresses = Object.values(samples).map((address) => address(seeded));
    const routed = await page.evaluate(
      async ({ path, hashes }) => {
        const router = await import(path);
        return hashes.map((hash: string) => router.route(hash).page as string);
      },
      { path: '/assets/js/router.js', hashes: addresses },
    );
    expect(routed).toEqual(Object.keys(samples));
  });

  for (const [width, viewport] of Object.entries(WIDTHS)) {
    const scroll = width === 'phone' ? ', without horizontal scroll' : '';
    it(`shows every page at ${width} width (${viewport.width} px) accessibly${scroll}`, async () => {
      await page.setViewportSize(viewport);
      const findings: Array<{ page: string; violations: string[]; overflow?: number }> = [];
      for (const [name, address] of Object.entries({ ...SAMPLE_ADDRESSES, ...NOT_FOUND })) {
        await page.goto(`${service.baseUrl}/${address(seeded)}`);
        await dashboardSettled(page);
        const violations = await seriousAccessibilityViolations(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (violations.length || (width === 'phone' && overflow > 0))
          findings.push({ page: name, violations, ...(width === 'phone' ? { overflow } : {}) });
        await page.screenshot({ path: join(SCREENSHOTS, `page-${name}-${width}.png`), fullPage: true });
      }
      expect(findings).toEqual([]);
    });
  }
});
