import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectStatus, HttpClient, ServiceProcess, TestBrowser, type PageProblems } from '@app/testing';
import { dashboardSettled, seriousAccessibilityViolations, signInWithKey } from '@app/testing/dashboard-page';

// The dashboard's action forms (docs/reporting.md, "Dashboard"): open, edit and move an action
// through the public API in a real Chromium; a viewer sees no write control. The page's functions
// below run in the browser (this project compiles without the DOM lib).
declare const document: any;
declare const window: any;

const SCREENSHOTS = join(process.cwd(), 'test/artifacts/screenshots');
const DAY = 86_400_000;
const day = (offset: number): string => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

describe('dashboard action forms [embedded]', () => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let editorKey: string;
  let viewerKey: string;
  let browser: TestBrowser;
  let page: Page;
  let problems: PageProblems;
  let postmortemId: string;
  let otherId: string;
  let createdId: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    service = await ServiceProcess.start({ database: 'embedded' });
    editorKey = await service.issueKey('form-editor', 'editor');
    viewerKey = await service.issueKey('form-viewer', 'viewer');
    editor = await service.clientFor('seed', 'editor');
    const pm = await editor.post('/api/v1/postmortems', {
      kind: 'incident',
      title: 'Checkout outage',
      severity: 'SEV2',
      services: ['checkout'],
      occurredAt: new Date(Date.now() - 12 * DAY).toISOString(),
    });
    expectStatus(pm, 201);
    postmortemId = pm.body.id;
    const other = await editor.post('/api/v1/actions', { title: 'Rewrite the pool', ownerTeam: 'payments' });
    expectStatus(other, 201);
    otherId = other.body.id;
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

  /** Waits for the page drawn again after a write. */
  async function saved(before: string | undefined, click: () => Promise<void>): Promise<void> {
    await click();
    await page.waitForFunction((b) => document.body.dataset.saved !== b, before, { timeout: 20_000 });
  }
  const savedMark = (): Promise<string | undefined> => page.evaluate(() => document.body.dataset.saved);

  /** No serious or critical accessibility violation (axe-core's WCAG 2 A/AA rules). */
  const expectAccessible = async (): Promise<void> => expect(await seriousAccessibilityViolations(page)).toEqual([]);

  const auditLines = (): Promise<string[]> =>
    page.$$eval('#audit-trail > li', (items) => items.map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim()));

  it('opens an action from a post-mortem link, with the post-mortem chosen', async () => {
    await signIn(editorKey, `#/actions/new?postmortemId=${postmortemId}`);
    expect(await page.$eval('#new-postmortemId', (s) => s.value)).toBe(postmortemId);
    await expectAccessible();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-action-new.png'), fullPage: true });
  });

  it('creates an action through the form reached from the list, then shows its page', async () => {
    await open('#/actions');
    await page.click('#new-action');
    await settled();
    await page.fill('#new-title', 'Cap the checkout pool');
    await page.fill('#new-description', 'Limit the pool to **40** connections.');
    await page.fill('#new-ownerTeam', 'payments');
    await page.selectOption('#new-priority', 'P1');
    await page.fill('#new-openedAt', day(-10));
    await page.fill('#new-dueAt', day(20));
    await page.fill('#new-services', 'checkout, payments');
    await page.selectOption('#new-postmortemId', postmortemId);
    await page.fill('#new-externalRef', 'https://tracker.example/OPS-1');
    await page.click('#action-form button[type=submit]');
    await page.waitForFunction(() => /^#\/actions\/[0-9a-f-]{36}$/.test(window.location.hash));
    await settled();
    createdId = (await page.evaluate(() => window.location.hash)).split('/')[2];

    expect(await page.textContent('#action-title')).toBe('Cap the checkout pool');
    expect(await page.textContent('#action-priority dd')).toBe('P1');
    expect(await page.textContent('#action-services dd')).toBe('checkout, payments');
    expect(await page.textContent('#action-external-ref dd')).toBe('https://tracker.example/OPS-1');
    const stored = await editor.get(`/api/v1/actions/${createdId}`);
    expect(stored.body).toMatchObject({
      postmortemId,
      ownerTeam: 'payments',
      priority: 'P1',
      dueAt: `${day(20)}T00:00:00.000Z`,
      openedAt: `${day(-10)}T00:00:00.000Z`,
    });
  });

  it('refuses an edit under the field the API names, then saves a good one', async () => {
    await page.click('#edit-action');
    await page.waitForSelector('#edit-form');
    await expectAccessible();
    await page.fill('#edit-dueAt', day(-20));
    await page.click('#edit-form button[type=submit]');
    await page.waitForSelector('#edit-dueAt-error');
    expect(await page.textContent('#edit-dueAt-error')).toBe('dueAt: must not be before openedAt');
    expect(await page.getAttribute('#edit-dueAt-error', 'role')).toBe('alert');
    expect(await page.getAttribute('#edit-dueAt', 'aria-invalid')).toBe('true');
    // The refusal provoked on purpose: the response, and Chromium's console line about it.
    expect(problems.take(/http 400: PATCH/)).toHaveLength(1);
    expect(problems.take(/^console: Failed to load resource: .* 400/)).toHaveLength(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-action-edit-refused.png'), fullPage: true });

    await page.fill('#edit-dueAt', day(30));
    await page.fill('#edit-title', 'Cap the checkout pool at 40');
    await page.selectOption('#edit-priority', 'P0');
    const before = await savedMark();
    await saved(before, () => page.click('#edit-form button[type=submit]'));
    expect(await page.textContent('#action-title')).toBe('Cap the checkout pool at 40');
    expect(await page.textContent('#action-priority dd')).toBe('P0');
    expect((await editor.get(`/api/v1/actions/${createdId}`)).body.dueAt).toBe(`${day(30)}T00:00:00.000Z`);
  });

  it('offers only the allowed moves: open → in progress → implemented in the past', async () => {
    const moves = (): Promise<(string | null)[]> =>
      page.$$eval('#workflow [data-move]', (b) => b.map((e) => e.getAttribute('data-move')));
    expect(await moves()).toEqual(['in_progress', 'wont_fix']);
    await page.click('[data-move=in_progress]');
    await saved(await savedMark(), () => page.click('#move-form button[type=submit]'));
    expect(await page.textContent('#action-status dd')).toBe('in progress');
    expect(await moves()).toEqual(['implemented', 'wont_fix']);

    await page.click('[data-move=implemented]');
    await page.waitForSelector('#move-implementedAt');
    await expectAccessible();
    await page.fill('#move-implementedAt', `${day(-2)}T09:30`);
    await saved(await savedMark(), () => page.click('#move-form button[type=submit]'));
    expect(await page.textContent('#action-status dd')).toBe('implemented');
    const stored = (await editor.get(`/api/v1/actions/${createdId}`)).body;
    expect(stored.implementedAt).toBe(`${day(-2)}T09:30:00.000Z`);
    // No success metric: a person may verify it, with a note.
    expect(await moves()).toEqual(['verified', 'in_progress', 'wont_fix']);
  });

  it('lists every change in the audit trail with its actor', async () => {
    const lines = await auditLines();
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => l.includes('form-editor'))).toBe(true);
    expect(lines[0]).toContain('created');
    expect(lines[1]).toContain('title: Cap the checkout pool → Cap the checkout pool at 40');
    expect(lines[1]).toContain('priority: P1 → P0');
    expect(lines[2]).toContain('status: open → in_progress');
    expect(lines[3]).toContain('status: in_progress → implemented');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-action-workflow.png'), fullPage: true });
  });

  it("closes another action as won't fix", async () => {
    await open(`#/actions/${otherId}`);
    await page.click('[data-move=wont_fix]');
    await page.waitForSelector('#move-form[data-to=wont_fix]');
    // The dashboard asks why (docs/reporting.md, "Dashboard").
    await page.fill('#move-reason', 'Superseded by the new pool design');
    await saved(await savedMark(), () => page.click('#move-form button[type=submit]'));
    expect(await page.textContent('#action-status dd')).toBe('wont fix');
    expect(await page.$('#workflow [data-move]')).toBeNull();
    expect((await auditLines()).at(-1)).toContain('status: open → wont_fix');
  });

  it('lays out the form pages at phone width without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [hash, name] of [
      ['#/actions/new', 'action-new'],
      [`#/actions/${createdId}`, 'action-edit'],
    ]) {
      await open(hash);
      if (name === 'action-edit') {
        await page.click('#edit-action');
        await page.waitForSelector('#edit-form');
      }
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
      await expectAccessible();
      await page.screenshot({ path: join(SCREENSHOTS, `dashboard-${name}-phone.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows a viewer no write control', async () => {
    await signIn(viewerKey, `#/actions/${createdId}`);
    expect(await page.$('#edit-action')).toBeNull();
    expect(await page.$('#workflow')).toBeNull();
    expect(await auditLines()).toHaveLength(4);
    await open('#/actions');
    expect(await page.$('#new-action')).toBeNull();
    await open('#/actions/new');
    expect(await page.$('#action-form')).toBeNull();
    expect(await page.textContent('#read-only')).toContain('not open them');
  });

  it('GET /api/v1/whoami answers the key’s name and role', async () => {
    const viewer = service.http.withKey(viewerKey);
    const res = await viewer.get('/api/v1/whoami');
    expectStatus(res, 200);
    expect(res.body).toEqual({ name: 'form-viewer', role: 'viewer' });
    expectStatus(await service.http.withKey('rt_not_a_key').get('/api/v1/whoami'), 401);
  });
});
