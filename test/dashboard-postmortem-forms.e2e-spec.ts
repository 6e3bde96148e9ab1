import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectStatus, HttpClient, ServiceProcess, TestBrowser, type PageProblems } from '@app/testing';
import { dashboardSettled, seriousAccessibilityViolations } from '@app/testing/dashboard-page';

// The dashboard's post-mortem forms (docs/reporting.md, "Dashboard"): create, adapt to the kind,
// edit sending only changes, and a refused save, driven in a real Chromium against the service.
// The page's functions below run in the browser (this project compiles without the DOM lib).
declare const document: any;
declare const window: any;

const SCREENSHOTS = join(process.cwd(), 'test/artifacts/screenshots');

describe('dashboard post-mortem forms [embedded]', () => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let editorKey: string;
  let browser: TestBrowser;
  let page: Page;
  let problems: PageProblems;
  let incidentId: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    service = await ServiceProcess.start({ database: 'embedded' });
    editor = await service.clientFor('sre', 'editor');
    editorKey = await service.issueKey('web-editor', 'editor');
    browser = await TestBrowser.launch();
    ({ page, problems } = await browser.newPage());
    page.setDefaultTimeout(10_000);
    await page.goto(`${service.baseUrl}/#/postmortems`);
    await page.waitForSelector('#key-form');
    await page.fill('#api-key', editorKey);
    await page.click('#key-form button[type=submit]');
    await settled();
  }, 120_000);

  afterEach(() => {
    expect(problems?.list ?? []).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await service?.destroy();
  });

  const settled = (): Promise<void> => dashboardSettled(page);

  /** No serious or critical accessibility violation (axe-core's WCAG 2 A/AA rules). */
  const expectAccessible = async (): Promise<void> => expect(await seriousAccessibilityViolations(page)).toEqual([]);

  /** Saves and waits for the post-mortem's own page; its id. */
  async function saveAndOpen(): Promise<string> {
    await page.click('#pm-save');
    await page.waitForFunction(() => /^#\/postmortems\/[0-9a-f-]{36}$/.test(window.location.hash), null, {
      timeout: 10_000,
    });
    await settled();
    return /([0-9a-f-]{36})$/.exec(await page.evaluate(() => window.location.hash))![1];
  }

  const visible = (selector: string): Promise<boolean> => page.isVisible(selector);

  /** Adds a row with the keyboard (Enter on the Add button) and fills it by its visible labels. */
  async function addEvent(n: number, at: string, text: string): Promise<void> {
    await page.focus('#add-timeline');
    await page.keyboard.press('Enter');
    await page.getByLabel(`Time of event ${n} (UTC)`).fill(at);
    await page.getByLabel(`What happened at event ${n}`, { exact: true }).fill(text);
  }

  async function addFactor(n: number, kind: string, category: string, text: string): Promise<void> {
    await page.click('#add-contributingFactors');
    await page.getByLabel(`Kind of factor ${n}`).selectOption(kind);
    await page.getByLabel(`Category of factor ${n}`).selectOption(category);
    await page.getByLabel(`Factor ${n}`, { exact: true }).fill(text);
  }

  it('creates an incident with a timeline and contributing factors', async () => {
    await page.click('#new-postmortem');
    await settled();
    expect(await page.textContent('h1')).toBe('New post-mortem');
    await page.getByLabel('Kind', { exact: true }).selectOption('incident');
    await page.getByLabel('Title').fill('Checkout outage: pool exhausted');
    await page.getByLabel('Severity (required)').selectOption('SEV2');
    await page.getByLabel('Services').fill('checkout, payments');
    await page.getByLabel('Occurred (UTC) (required)').fill('2026-11-02T14:05');
    await page.getByLabel('Resolved (UTC)').fill('2026-11-02T16:40');
    await page.getByLabel('Summary').fill('## Impact\n\nOrders failed.');
    await addEvent(1, '2026-11-02T14:05', 'Gateway fails over');
    await addEvent(2, '2026-11-02T16:40', 'Pool resized');
    await addEvent(3, '2026-11-02T14:12', 'Alert pages on-call');
    await addFactor(1, 'trigger', 'technology', 'Failover doubled the round trip');
    await addFactor(2, 'latent', 'process', 'No load test for two regions');
    expect(await page.getAttribute('button[aria-label="Remove event 3"]', 'type')).toBe('button');
    await expectAccessible();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-postmortem-new.png'), fullPage: true });
    incidentId = await saveAndOpen();
    expect(await page.textContent('#postmortem-title')).toBe('Checkout outage: pool exhausted');
    expect(await page.textContent('#postmortem-severity dd')).toBe('SEV2');
    expect(await page.$$eval('#postmortem-timeline li span', (s) => s.map((e) => e.textContent))).toEqual([
      'Gateway fails over',
      'Alert pages on-call',
      'Pool resized',
    ]);
    expect(await page.textContent('[data-kind=trigger] h3')).toBe('Triggers (1)');
    expect(await page.textContent('[data-kind=latent] h3')).toBe('Latent conditions (1)');
    expect(await page.getAttribute('#add-action', 'href')).toBe(`#/actions/new?postmortemId=${incidentId}`);

    const stored = await editor.get(`/api/v1/postmortems/${incidentId}`);
    expectStatus(stored, 200);
    expect(stored.body).toMatchObject({
      kind: 'incident',
      severity: 'SEV2',
      services: ['checkout', 'payments'],
      occurredAt: '2026-11-02T14:05:00.000Z',
      resolvedAt: '2026-11-02T16:40:00.000Z',
      summary: '## Impact\n\nOrders failed.',
      timeline: [
        { at: '2026-11-02T14:05:00.000Z', text: 'Gateway fails over' },
        { at: '2026-11-02T14:12:00.000Z', text: 'Alert pages on-call' },
        { at: '2026-11-02T16:40:00.000Z', text: 'Pool resized' },
      ],
      contributingFactors: [
        { kind: 'trigger', category: 'technology', text: 'Failover doubled the round trip' },
        { kind: 'latent', category: 'process', text: 'No load test for two regions' },
      ],
    });
  });

  it('adapts the form to a pre-mortem: no severity, times or timeline', async () => {
    await page.goto(`${service.baseUrl}/#/postmortems/new`);
    await settled();
    expect(await visible('#pm-severity')).toBe(true);
    await page.getByLabel('Kind', { exact: true }).selectOption('premortem');
    expect(await visible('#pm-severity')).toBe(false);
    expect(await visible('#pm-occurredAt')).toBe(false);
    expect(await visible('#add-timeline')).toBe(false);
    await page.getByLabel('Title').fill('Black Friday: what could fail');
    await addFactor(1, 'latent', 'people', 'Only one person knows the cache');
    const id = await saveAndOpen();
    expect(await page.textContent('#postmortem-kind dd')).toBe('premortem');
    const stored = await editor.get(`/api/v1/postmortems/${id}`);
    expect(stored.body).toMatchObject({ kind: 'premortem', severity: null, occurredAt: null, timeline: [] });
  });

  it('edits the title and removes a timeline row, sending only what changed', async () => {
    await page.goto(`${service.baseUrl}/#/postmortems/${incidentId}`);
    await settled();
    await page.click('#edit-postmortem');
    await page.waitForFunction(() => window.location.hash.endsWith('/edit'));
    await settled();
    expect(await page.getByLabel('Title').inputValue()).toBe('Checkout outage: pool exhausted');
    expect(await page.getByLabel('What happened at event 2', { exact: true }).inputValue()).toBe('Alert pages on-call');
    const sent: string[] = [];
    page.on('request', (r) => r.method() === 'PATCH' && sent.push(r.postData() ?? ''));
    await page.getByLabel('Title').fill('Checkout outage: connection pool exhausted');
    await page.click('button[aria-label="Remove event 2"]');
    // Focus lands on the Add button; the rows after the removed one are renumbered.
    expect(await page.evaluate(() => document.activeElement.id)).toBe('add-timeline');
    expect(await page.getByLabel('What happened at event 2', { exact: true }).inputValue()).toBe('Pool resized');
    expect(await saveAndOpen()).toBe(incidentId);
    expect(await page.textContent('#postmortem-title')).toBe('Checkout outage: connection pool exhausted');
    expect(Object.keys(JSON.parse(sent[0])).sort()).toEqual(['timeline', 'title']);
    const stored = await editor.get(`/api/v1/postmortems/${incidentId}`);
    expect(stored.body.timeline.map((e: { text: string }) => e.text)).toEqual(['Gateway fails over', 'Pool resized']);
    expect(stored.body.contributingFactors).toHaveLength(2);
  });

  it('shows a refused save under the field it names and keeps the input', async () => {
    await page.goto(`${service.baseUrl}/#/postmortems/${incidentId}/edit`);
    await settled();
    await page.getByLabel('Resolved (UTC)').fill('2026-11-02T13:00');
    await page.getByLabel('What happened at event 1', { exact: true }).fill('   ');
    await page.click('#pm-save');
    await page.waitForSelector('#timeline-0-text[aria-invalid=true]');
    expect(await page.textContent('#timeline-0-text-error')).toMatch(/^timeline\.0\.text: text must not be blank/);
    expect(await page.getByLabel('Resolved (UTC)').inputValue()).toBe('2026-11-02T13:00');
    expect(await page.getByLabel('What happened at event 2', { exact: true }).inputValue()).toBe('Pool resized');
    // The blank text fixed, the rule across fields is named next: under resolvedAt.
    await page.getByLabel('What happened at event 1', { exact: true }).fill('Gateway fails over');
    await page.click('#pm-save');
    await page.waitForSelector('#pm-resolvedAt[aria-invalid=true]');
    expect(await page.textContent('#pm-resolvedAt-error')).toBe('resolvedAt must not be before occurredAt');
    expect(await page.evaluate(() => document.activeElement.id)).toBe('pm-resolvedAt');
    expect(await page.getByLabel('Resolved (UTC)').inputValue()).toBe('2026-11-02T13:00');
    expect(problems.take(/400/).length).toBeGreaterThan(0);
    await expectAccessible();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-postmortem-edit-refused.png'), fullPage: true });
    const stored = await editor.get(`/api/v1/postmortems/${incidentId}`);
    expect(stored.body.resolvedAt).toBe('2026-11-02T16:40:00.000Z');
  });

  it('lays the form out at phone width without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${service.baseUrl}/#/postmortems/${incidentId}/edit`);
    await settled();
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    await expectAccessible();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-postmortem-edit-phone.png'), fullPage: true });
  });
});
