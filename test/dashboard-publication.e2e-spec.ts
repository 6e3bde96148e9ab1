import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  expectStatus,
  HttpClient,
  launchChromium,
  ServiceProcess,
  watchProblems,
  type PageProblems,
} from '@app/testing';
import { dashboardSettled, seriousAccessibilityViolations, signInWithKey } from '@app/testing/dashboard-page';
import { DAY, iso, MIDNIGHT } from '@app/testing/scenario-clock';
import { atomProblems } from '@app/testing/atom-validator';
import { implementAction, replayAfterFix, SUSTAINED_LATENCY_METRIC } from '@app/testing/scenario-seed';
import { checkoutLatency, PrometheusFixture } from '@app/testing/prometheus';

/*
 * Publishing a post-mortem's public summary from the dashboard, in a real Chromium against the
 * built service on its embedded database and a real Prometheus: an editor previews the page,
 * publishes it and reads its link; a reader with no credentials at all opens that link and sees the
 * summary and the measured outcome; a viewer sees the state but cannot publish; withdrawing makes
 * the link answer 410 Gone.
 *
 * The story: checkout latency 400 ms until the fix shipped 10 days ago, 200 ms since. The fix's
 * action carries the usual sustained-latency metric (goal 25 % below the baseline, held 2 days),
 * so replaying the days after it ships verifies it by telemetry; the other action is still open.
 *
 * The page's functions below run in the browser (this project compiles without the DOM lib).
 */
declare const document: any;
declare const navigator: any;

const SCREENSHOTS = join(process.cwd(), 'test/artifacts/screenshots');
const OCCURRED = MIDNIGHT - 20 * DAY;
const SHIPPED = MIDNIGHT - 10 * DAY;

const TITLE = 'Checkout slowed to a crawl';
const FIXED = 'Cap the retry storm';
const OPEN = 'Load test the connection pool';
const SUMMARY = 'Checkout answered **slowly** for two hours: retries piled onto an exhausted pool.';
/** The summary as a reader sees it: its Markdown rendered. */
const SUMMARY_TEXT = 'Checkout answered slowly for two hours: retries piled onto an exhausted pool.';
const UPDATED = `${SUMMARY}\n\nWe capped the retries; latency is back to normal and has stayed there.`;

describe('dashboard publication [embedded]', () => {
  let prometheus: PrometheusFixture;
  let service: ServiceProcess;
  let editor: HttpClient;
  let editorKey: string;
  let viewerKey: string;
  let browser: Browser;
  let editorContext: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  /** Every page of the other contexts, whose problems fail the step too. */
  const others: PageProblems[] = [];
  let postmortemId: string;
  let publicUrl: string;

  async function post(path: string, body: Record<string, unknown>): Promise<string> {
    const res = await editor.post(path, body);
    expectStatus(res, 201);
    return res.body.id;
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    prometheus = await PrometheusFixture.start({ series: [checkoutLatency('fixed', SHIPPED, 200)], now: MIDNIGHT });
    service = await ServiceProcess.start({
      database: 'embedded',
      datasources: [{ name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 }],
      env: { REMEDIATION_SCHEDULER: 'off' },
    });
    editor = await service.clientFor('sre', 'editor');
    editorKey = await service.issueKey('web-editor', 'editor');
    viewerKey = await service.issueKey('web-viewer', 'viewer');

    postmortemId = await post('/api/v1/postmortems', {
      kind: 'incident',
      title: TITLE,
      severity: 'SEV2',
      services: ['checkout'],
      occurredAt: iso(OCCURRED),
      resolvedAt: iso(OCCURRED + 2 * 60 * 60_000),
      summary: 'Internal notes: the on-call rota and the vendor ticket.',
      timeline: [{ at: iso(OCCURRED), text: 'Latency alert fired' }],
    });
    const fixed = await post('/api/v1/actions', {
      postmortemId,
      title: FIXED,
      ownerTeam: 'payments',
      priority: 'P0',
      openedAt: iso(OCCURRED + DAY),
    });
    await implementAction(editor, fixed, SHIPPED);
    await post(`/api/v1/actions/${fixed}/metrics`, {
      ...SUSTAINED_LATENCY_METRIC,
      datasource: 'prom',
      query: 'checkout_latency_ms{service="fixed"}',
    });
    await replayAfterFix(editor, fixed, SHIPPED);
    const verified = await editor.get(`/api/v1/actions/${fixed}`);
    expect(verified.body).toMatchObject({ status: 'verified', verification: 'telemetry' });
    await post('/api/v1/actions', {
      postmortemId,
      title: OPEN,
      ownerTeam: 'platform',
      priority: 'P2',
      openedAt: iso(OCCURRED + DAY),
    });

    browser = await launchChromium();
    editorContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await editorContext.newPage();
    problems = watchProblems(page);
    page.setDefaultTimeout(10_000);
    await signInWithKey(page, service.baseUrl, editorKey, `#/postmortems/${postmortemId}`);
  }, 120_000);

  afterEach(() => {
    // Console errors (a refused inline style in the preview among them), page exceptions and failed
    // or refused requests fail the step that caused them.
    expect([...(problems?.list ?? []), ...others.flatMap((p) => p.list)]).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await service?.destroy();
    await prometheus?.stop();
  });

  /** A page in a context of its own: no key, no cookie, nothing shared with the editor's. */
  async function freshPage(): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const fresh = await context.newPage();
    fresh.setDefaultTimeout(10_000);
    const watched = watchProblems(fresh);
    others.push(watched);
    return { context, page: fresh, problems: watched };
  }

  /** The textarea, by its label (the card's heading reads the same, so by its role too). */
  const summaryBox = () => page.getByRole('textbox', { name: 'Public summary' });

  const text = async (selector: string): Promise<string> => ((await page.textContent(selector)) ?? '').trim();

  it('shows the post-mortem as not published, with the form for an editor', async () => {
    expect(await text('#publication-title')).toBe('Public summary');
    expect(await text('#publication-status')).toBe('Not published');
    expect(await summaryBox().inputValue()).toBe('');
    expect(await page.getByLabel('Include the timeline').isChecked()).toBe(true);
    expect(await page.getByLabel('Include corrective actions and their measured outcomes').isChecked()).toBe(true);
    expect(await text('#publication-save')).toBe('Publish');
    expect(await page.locator('#publication-withdraw').count()).toBe(0);
    expect(await page.locator('#publication-link').count()).toBe(0);
  });

  it('shows a refused publish under the summary field', async () => {
    await page.click('#publication-save');
    await page.waitForSelector('#publication-summary[aria-invalid=true]');
    expect(await text('#publication-summary-error')).toMatch(/^summary\b/);
    expect(await page.evaluate(() => document.activeElement.id)).toBe('publication-summary');
    expect(problems.take(/ 400\b|400 \(Bad Request\)/).length).toBeGreaterThan(0);
    expectStatus(await editor.get(`/api/v1/postmortems/${postmortemId}/publication`), 404);
  });

  it('previews the page exactly as the public will see it, without publishing it', async () => {
    await summaryBox().fill(SUMMARY);
    await page.click('#publication-preview');
    await page.waitForSelector('#publication-preview-frame');
    expect(await page.locator('#publication-summary[aria-invalid]').count()).toBe(0);
    expect(await text('#publication-preview-caption')).toBe('This is exactly what the public will see');
    // An empty sandbox: no script, an opaque origin.
    expect(await page.getAttribute('#publication-preview-frame', 'sandbox')).toBe('');
    const frame = page.frameLocator('#publication-preview-frame');
    await frame.locator('h1').waitFor();
    expect(await frame.locator('h1').textContent()).toContain(TITLE);
    const shown = (await frame.locator('body').textContent()) ?? '';
    expect(shown).toContain(SUMMARY_TEXT);
    expect(shown).toContain('verified by telemetry');
    expect(shown).toContain(OPEN);
    expect(shown).not.toContain('Internal notes');
    expect(await frame.locator('svg').count()).toBeGreaterThan(0);
    // The page's own stylesheet applies under the dashboard's policy (by its hash).
    const body = frame.locator('body');
    expect(await body.evaluate((el: any) => el.ownerDocument.defaultView.getComputedStyle(el).maxWidth)).toBe('736px');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // axe-core cannot run inside a frame that allows no script: that refusal is the sandbox at work.
    // The page itself is checked where the public reads it.
    expect(problems.take(/Blocked script execution in 'about:srcdoc'/).length).toBeLessThanOrEqual(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-publication-preview.png'), fullPage: true });
    expectStatus(await editor.get(`/api/v1/postmortems/${postmortemId}/publication`), 404);
  });

  it('publishes, then shows when, the public link and an Update button', async () => {
    await page.click('#publication-save');
    await page.waitForFunction(() =>
      document.getElementById('publication-status')?.textContent.startsWith('Published'),
    );
    expect(await text('#publication-announce')).toBe('Published.');
    const stored = await editor.get(`/api/v1/postmortems/${postmortemId}/publication`);
    expectStatus(stored, 200);
    expect(stored.body).toMatchObject({ summary: SUMMARY, includeTimeline: true, includeActions: true });
    publicUrl = stored.body.url;
    expect(publicUrl).toMatch(new RegExp(`^https?://[^/]+/public/postmortems/${stored.body.slug}$`));
    expect(await page.getAttribute('#publication-link', 'href')).toBe(publicUrl);
    expect(await text('#publication-link')).toBe(publicUrl);
    expect(await page.getAttribute('#publication-status time', 'datetime')).toBe(stored.body.publishedAt);
    expect(await text('#publication-save')).toBe('Update');
    expect(await text('#publication-withdraw')).toBe('Withdraw');
    expect(await summaryBox().inputValue()).toBe(SUMMARY);
  });

  it('copies the public link, or selects it where the clipboard is out of reach', async () => {
    await editorContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: service.baseUrl });
    await page.click('#copy-publication-link');
    await page.waitForFunction(() => document.getElementById('publication-copy-status')?.textContent === 'Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(publicUrl);

    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
    await page.click('#copy-publication-link');
    await page.waitForFunction(() => document.getElementById('publication-copy-status')?.textContent !== 'Copied');
    expect(await text('#publication-copy-status')).toMatch(/selected/);
    expect(await page.isVisible('#publication-url-text')).toBe(true);
    expect(
      await page.evaluate(() => {
        const input = document.getElementById('publication-url-text');
        return document.activeElement === input ? input.value.slice(input.selectionStart, input.selectionEnd) : null;
      }),
    ).toBe(publicUrl);
  });

  it('serves the public page to a reader with no credentials, setting no cookie', async () => {
    const reader = await freshPage();
    const res = await reader.page.goto(publicUrl);
    expect(res?.status()).toBe(200);
    const headers = await res!.allHeaders();
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['set-cookie']).toBeUndefined();
    expect(await reader.context.cookies()).toEqual([]);
    expect(await reader.page.textContent('h1')).toContain(TITLE);
    const body = (await reader.page.textContent('body')) ?? '';
    expect(body).toContain(SUMMARY_TEXT);
    expect(body).not.toContain('Internal notes');
    const fixed = reader.page.locator('.action', { hasText: FIXED });
    expect(await fixed.textContent()).toContain('verified by telemetry');
    expect(await fixed.locator('svg').count()).toBeGreaterThan(0);
    const open = reader.page.locator('.action', { hasText: OPEN });
    expect(await open.locator('.status').textContent()).toBe('Open');
    expect(await open.locator('svg').count()).toBe(0);
    expect(await seriousAccessibilityViolations(reader.page)).toEqual([]);
    await reader.page.screenshot({ path: join(SCREENSHOTS, 'public-postmortem.png'), fullPage: true });

    // The page names its feed; the feed is valid Atom and lists the page.
    const feedHref = await reader.page.getAttribute('link[rel="alternate"][type="application/atom+xml"]', 'href');
    const feed = await reader.context.request.get(new URL(feedHref!, publicUrl).toString());
    expect(feed.status()).toBe(200);
    const xml = await feed.text();
    expect(await atomProblems(xml)).toEqual([]);
    expect(xml).toContain(`<link href="${publicUrl}"/>`);
    await reader.context.close();
  });

  it('shows a viewer the state and the link, but no form', async () => {
    const viewer = await freshPage();
    await signInWithKey(viewer.page, service.baseUrl, viewerKey, `#/postmortems/${postmortemId}`);
    expect(await viewer.page.textContent('#publication-status')).toMatch(/^Published /);
    expect(await viewer.page.getAttribute('#publication-link', 'href')).toBe(publicUrl);
    expect(await viewer.page.locator('#copy-publication-link').count()).toBe(1);
    expect(await viewer.page.locator('#publication-form').count()).toBe(0);
    expect(await viewer.page.locator('#publication-preview').count()).toBe(0);
    expect(await viewer.page.locator('#edit-postmortem').count()).toBe(0);
    await viewer.context.close();
  });

  it('updates the public summary', async () => {
    // Drawn afresh from the API: the form holds what is published.
    await page.reload();
    await dashboardSettled(page);
    expect(await summaryBox().inputValue()).toBe(SUMMARY);
    await summaryBox().fill(UPDATED);
    await page.getByLabel('Include the timeline').uncheck();
    await page.click('#publication-save');
    await page.waitForFunction(() => document.getElementById('publication-announce')?.textContent === 'Updated.');
    const stored = await editor.get(`/api/v1/postmortems/${postmortemId}/publication`);
    expect(stored.body).toMatchObject({ summary: UPDATED, includeTimeline: false, url: publicUrl });
    expect(await page.getByLabel('Include the timeline').isChecked()).toBe(false);
    const served = await fetch(publicUrl);
    expect(served.status).toBe(200);
    const html = await served.text();
    expect(html).toContain('latency is back to normal');
    expect(html).not.toContain('Latency alert fired');
  });

  it('withdraws after a confirmation; the public link then answers 410 Gone', async () => {
    await page.click('#publication-withdraw');
    // Nothing happens before the confirmation, which takes the focus.
    expect(await page.evaluate(() => document.activeElement.id)).toBe('confirm-withdraw');
    expectStatus(await editor.get(`/api/v1/postmortems/${postmortemId}/publication`), 200);
    await page.click('#confirm-withdraw');
    await page.waitForFunction(() => document.getElementById('publication-status')?.textContent === 'Not published');
    expect(await text('#publication-announce')).toMatch(/^Withdrawn/);
    expect(await text('#publication-save')).toBe('Publish');
    expect(await page.locator('#publication-withdraw').count()).toBe(0);
    expect(await page.locator('#publication-link').count()).toBe(0);
    expectStatus(await editor.get(`/api/v1/postmortems/${postmortemId}/publication`), 404);
    expect((await fetch(publicUrl)).status).toBe(410);
    const feed = await (await fetch(new URL('/public/postmortems.atom', publicUrl))).text();
    expect(await atomProblems(feed)).toEqual([]);
    expect(feed).not.toContain(publicUrl);

    const reader = await freshPage();
    const res = await reader.page.goto(publicUrl);
    expect(res?.status()).toBe(410);
    reader.problems.take(/410/);
    await reader.context.close();
  });
});
