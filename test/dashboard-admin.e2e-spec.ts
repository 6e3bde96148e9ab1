import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  expectStatus,
  freePort,
  HttpClient,
  oidcServiceConfig,
  OidcProviderProcess,
  ServiceProcess,
  TestBrowser,
  type PageProblems,
} from '@app/testing';
import { dashboardSettled, seriousAccessibilityViolations } from '@app/testing/dashboard-page';
import { DAY, MIDNIGHT } from '@app/testing/scenario-clock';
import { generateSamples, prometheusForFile } from '@app/testing/prometheus';

// The dashboard's administration page (docs/reporting.md, "Dashboard"): an admin issues a key
// (its secret shown once, copied to the clipboard), revokes one after an inline confirmation, and
// sees the datasources with their circuits; nobody else gets the page or its link. The page's
// functions below run in the browser (this project compiles without the DOM lib).
declare const document: any;
declare const window: any;
declare const navigator: any;
declare const sessionStorage: any;

const SCREENSHOTS = join(process.cwd(), 'test/artifacts/screenshots');

const prometheus = prometheusForFile({
  series: [{ name: 'up', samples: generateSamples({ from: MIDNIGHT - DAY, to: MIDNIGHT, stepMs: 60_000 }, () => 1) }],
  now: MIDNIGHT,
});

/** Loads the dashboard afresh (a hash change alone would not when the hash is the current one). */
async function loadDashboard(page: Page, baseUrl: string, hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/${hash}`);
}

/** Waits for the page drawn again after the write `click` starts. */
async function redrawnAfter(page: Page, click: () => Promise<void>): Promise<void> {
  const before = await page.evaluate(() => document.body.dataset.saved);
  await click();
  await page.waitForFunction((b) => document.body.dataset.saved !== b, before, { timeout: 20_000 });
}

const keyRow = (name: string): string => `#key-list tr[data-name="${name}"]`;

describe('dashboard administration [embedded]', () => {
  let service: ServiceProcess;
  let admin: HttpClient;
  let editorKey: string;
  let viewerKey: string;
  let browser: TestBrowser;
  let page: Page;
  let problems: PageProblems;
  let issuedSecret: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const datasources = [
      { name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 },
      // Nothing listens there: one failed call opens its circuit.
      {
        name: 'down',
        type: 'prometheus',
        url: `http://127.0.0.1:${await freePort()}`,
        timeoutMs: 1000,
        circuitBreaker: { failures: 1, coolDown: '10m' },
      },
    ];
    service = await ServiceProcess.start({ database: 'embedded', datasources });
    admin = service.http;
    editorKey = await service.issueKey('admin-page-editor', 'editor');
    viewerKey = await service.issueKey('admin-page-viewer', 'viewer');
    const editor = service.http.withKey(editorKey);
    for (const datasource of ['prom', 'down'])
      await editor.post('/api/v1/metrics/preview', {
        name: 'availability',
        datasource,
        query: 'up',
        direction: 'decrease',
        target: { relativePercent: 10 },
        baselineWindow: '1h',
        evaluationWindow: '1h',
        checkEvery: '1h',
      });
    browser = await TestBrowser.launch();
    ({ page, problems } = await browser.newPage());
    // The Copy button writes the clipboard; the test reads it back.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: service.baseUrl });
  }, 120_000);

  afterEach(() => {
    expect(problems?.list ?? []).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await service?.destroy();
  });

  const settled = (): Promise<void> => dashboardSettled(page);
  const load = (hash: string): Promise<void> => loadDashboard(page, service.baseUrl, hash);

  async function signIn(key: string, hash: string): Promise<void> {
    if (page.url().startsWith(service.baseUrl)) await page.evaluate(() => sessionStorage.clear());
    await load(hash);
    await page.waitForSelector('#key-form');
    await page.fill('#api-key', key);
    await page.click('#key-form button[type=submit]');
    await settled();
  }

  async function open(hash: string): Promise<void> {
    await load(hash);
    await settled();
  }

  const saved = (click: () => Promise<void>): Promise<void> => redrawnAfter(page, click);
  const expectAccessible = async (): Promise<void> => expect(await seriousAccessibilityViolations(page)).toEqual([]);

  const listedKeys = async (): Promise<any[]> => {
    const res = await admin.get('/api/v1/keys?limit=200');
    expectStatus(res, 200);
    return res.body.items;
  };

  it('shows an admin the Admin link and every key the API lists, its own marked', async () => {
    await signIn(service.adminKey!, '#/admin');
    expect(await page.isVisible('#admin-link')).toBe(true);
    expect(await page.getAttribute('#admin-link', 'aria-current')).toBe('page');
    const names = await page.$$eval('#key-list tbody tr', (rows) => rows.map((r) => r.getAttribute('data-name')));
    expect(names).toEqual((await listedKeys()).map((k) => k.name));
    expect(names).toEqual(expect.arrayContaining(['admin (environment)', 'admin-page-editor', 'admin-page-viewer']));
    expect(await page.textContent(`${keyRow('admin (environment)')} .key-status`)).toBe('active (yours)');
    expect(await page.textContent(`${keyRow('admin-page-viewer')} .key-status`)).toBe('active');
    await expectAccessible();
  });

  it('shows the API’s refusal of an empty name under the name field', async () => {
    const refusal = await admin.post('/api/v1/keys', { name: '', role: 'viewer' });
    expectStatus(refusal, 400);
    await page.click('#issue-key-form button[type=submit]');
    await page.waitForSelector('#key-name-error');
    const shown = await page.$$eval('#issue-key-form .field-error', (ps) => ps.map((p) => p.textContent).join('; '));
    expect(shown).toBe(refusal.body.message);
    expect(await page.getAttribute('#key-name', 'aria-invalid')).toBe('true');
    await expectAccessible();
    expect(await page.$('#issued-secret')).toBeNull();
    expect(problems.take(/http 400: POST/)).toHaveLength(1);
    expect(problems.take(/^console: Failed to load resource: .* 400/)).toHaveLength(1);
  });

  it('issues a key, shows its secret once, and copies it to the clipboard', async () => {
    await page.fill('#key-name', 'ci-reader');
    await page.selectOption('#key-role', 'viewer');
    await saved(() => page.click('#issue-key-form button[type=submit]'));
    issuedSecret = await page.inputValue('#issued-secret');
    expect(issuedSecret).toMatch(/^rt_/);
    expect(await page.getAttribute('#issued-secret', 'readonly')).not.toBeNull();
    expect(await page.textContent('#shown-once')).toContain('will not be shown again');
    expect(await page.textContent(`${keyRow('ci-reader')} td`)).toBe('viewer');
    expect(await page.$('#key-name-error')).toBeNull();

    await page.click('#copy-key');
    await page.waitForFunction(() => document.getElementById('copy-status')?.textContent === 'Copied');
    expect(await page.getAttribute('#copy-status', 'role')).toBe('status');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(issuedSecret);

    // The secret is a working key, with the name and role the form gave it.
    const res = await service.http.withKey(issuedSecret).get('/api/v1/whoami');
    expectStatus(res, 200);
    expect(res.body).toEqual({ name: 'ci-reader', role: 'viewer' });
    await expectAccessible();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-admin.png'), fullPage: true });
  });

  it('draws the page again without the secret', async () => {
    await open('#/');
    await open('#/admin');
    expect(await page.$('#issued-secret')).toBeNull();
    expect(await page.evaluate((s) => document.body.innerHTML.includes(s), issuedSecret)).toBe(false);
    expect(await page.isVisible(keyRow('ci-reader'))).toBe(true);
  });

  it('revokes a key after an inline confirmation; the key is refused from then on', async () => {
    const reader = service.http.withKey(issuedSecret);
    await page.click(`${keyRow('ci-reader')} button`);
    await page.waitForSelector('#revoke-form');
    expect(await page.$('#revoke-own-warning')).toBeNull();
    await expectAccessible();
    await page.click('#revoke-form button[type=button]');
    expect(await page.$('#revoke-form')).toBeNull();
    expectStatus(await reader.get('/api/v1/whoami'), 200);

    await page.click(`${keyRow('ci-reader')} button`);
    await saved(() => page.click('#revoke-form button[type=submit]'));
    expect(await page.getAttribute(keyRow('ci-reader'), 'data-revoked')).toBe('true');
    expect(await page.textContent(`${keyRow('ci-reader')} .key-status`)).toMatch(/^revoked /);
    expect(await page.$(`${keyRow('ci-reader')} button`)).toBeNull();
    expect((await listedKeys()).find((k) => k.name === 'ci-reader').revokedAt).not.toBeNull();
    expectStatus(await reader.get('/api/v1/whoami'), 401);
  });

  it('warns before revoking the key it is signed in with, and shows the API’s refusal', async () => {
    await page.click(`${keyRow('admin (environment)')} button`);
    await page.waitForSelector('#revoke-own-warning');
    expect(await page.textContent('#revoke-own-warning')).toContain('you are signed in with');
    // The only active admin key: the API refuses, and the form says why.
    await page.click('#revoke-form button[type=submit]');
    await page.waitForSelector('#revoke-form .form-error');
    expect(await page.textContent('#revoke-form .form-error')).toContain('last active admin key');
    await expectAccessible();
    expect(problems.take(/http 409: DELETE/)).toHaveLength(1);
    expect(problems.take(/^console: Failed to load resource: .* 409/)).toHaveLength(1);
    expect(await page.textContent(`${keyRow('admin (environment)')} .key-status`)).toBe('active (yours)');
  });

  it('lists the configured datasources with their circuits, as the API answers them', async () => {
    const res = await admin.get('/api/v1/datasources');
    expectStatus(res, 200);
    await open('#/admin');
    const rows = await page.$$eval('#datasource-list tbody tr', (trs) =>
      trs.map((tr) => ({
        name: tr.getAttribute('data-name'),
        circuit: tr.getAttribute('data-circuit'),
        cells: [...tr.children].map((c) => c.textContent),
      })),
    );
    expect(rows.map((r) => r.name)).toEqual(res.body.map((d: any) => d.name));
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['prom', 'down', 'otlp']));
    expect(rows.map((r) => r.circuit)).toEqual(res.body.map((d: any) => d.circuit?.state ?? 'none'));
    const row = (name: string) => rows.find((r) => r.name === name)!;
    expect(row('prom').cells.slice(1, 3)).toEqual(['prometheus', prometheus.url]);
    expect(row('prom').circuit).toBe('closed');
    // Its one call failed: the API reports the circuit open, and the table says until when and why.
    expect(row('down').circuit).toBe('open');
    expect(row('down').cells[4]).toContain(res.body.find((d: any) => d.name === 'down').circuit.lastFailure);
    expect(row('otlp').cells[1]).toBe('otlp');
  });

  it('lays the page out at phone width without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open('#/admin');
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    await expectAccessible();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-admin-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it.each([
    ['an editor', () => editorKey, 'editor'],
    ['a viewer', () => viewerKey, 'viewer'],
  ])('gives %s no Admin link, and #/admin says it needs the admin role', async (_who, key, role) => {
    await signIn(key(), '#/');
    expect(await page.isHidden('#admin-link')).toBe(true);
    await open('#/admin');
    expect(await page.isHidden('#admin-link')).toBe(true);
    expect(await page.textContent('#needs-admin')).toContain(`needs the admin role; you are signed in as ${role}`);
    expect(await page.$('#issue-key-form')).toBeNull();
    expect(await page.$('#key-list')).toBeNull();
    await expectAccessible();
  });
  it('signs the dashboard out when the admin revokes the key it is signed in with', async () => {
    const secondAdmin = await service.issueKey('second-admin', 'admin');
    await signIn(secondAdmin, '#/admin');
    expect(await page.textContent(`${keyRow('second-admin')} .key-status`)).toBe('active (yours)');
    await page.click(`${keyRow('second-admin')} button`);
    await page.waitForSelector('#revoke-own-warning');
    await page.click('#revoke-form button[type=submit]');
    await page.waitForFunction(() => document.body.dataset.state === 'key');
    // The prompt shows at the first refusal; the page's other request may still be on its way.
    await page.waitForLoadState('networkidle');
    expect(await page.textContent('#key-error')).toContain('not accepted');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    // The page's requests after the revoke (its keys and datasources) found its key refused.
    const refused = problems.take(/http 401: GET .*\/api\/v1\//);
    expect(refused.length).toBeGreaterThan(0);
    expect(problems.take(/^console: Failed to load resource: .* 401/)).toHaveLength(refused.length);
    expect((await listedKeys()).find((k) => k.name === 'second-admin').revokedAt).not.toBeNull();
    expectStatus(await service.http.withKey(secondAdmin).get('/api/v1/whoami'), 401);
  });
});

/**
 * An admin signed in through the organisation's provider (a real OpenID Connect provider process;
 * here alice's `sre` group maps to admin): the same page, its writes carrying the session's CSRF
 * token instead of a key.
 */
describe('dashboard administration with a provider session [embedded]', () => {
  const CLIENT_ID = 'remediation-tracker';
  const CLIENT_SECRET = 'test-client-secret-admin-page';
  let provider: OidcProviderProcess;
  let service: ServiceProcess;
  let browser: TestBrowser;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    const providerPort = await freePort();
    const configFile = oidcServiceConfig(providerPort, CLIENT_ID, '{ sre: admin }');
    service = await ServiceProcess.start({
      database: 'embedded',
      env: { REMEDIATION_CONFIG: configFile, REMEDIATION_OIDC_CLIENT_SECRET: CLIENT_SECRET },
    });
    provider = await OidcProviderProcess.start({
      port: providerPort,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      serviceUrl: service.baseUrl,
    });
    browser = await TestBrowser.launch();
    ({ page, problems } = await browser.newPage());
  }, 120_000);

  afterEach(() => {
    expect(problems?.list ?? []).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await service?.destroy();
    await provider?.stop();
  });

  it('lets an admin signed in through the provider issue and revoke a key', async () => {
    await page.goto(`${service.baseUrl}/`);
    await page.waitForFunction(() => document.body.dataset.state === 'key');
    await page.click('#sso-sign-in');
    await page.waitForSelector('input[name=login]');
    await page.fill('input[name=login]', 'alice');
    await page.fill('input[name=password]', 'any password');
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.body.dataset.state === 'ready', undefined, { timeout: 30_000 });
    expect(await page.isVisible('#admin-link')).toBe(true);
    // Not the dashboard's: the signed-out check before sign-in (401, then cut short by the redirect)
    // and the provider's login page (a web font it cannot reach offline, its missing favicon).
    problems.take(/\/auth\/session|status of 401|fonts\.googleapis\.com|ERR_NAME_NOT_RESOLVED|status of 404/);

    await loadDashboard(page, service.baseUrl, '#/admin');
    await dashboardSettled(page);
    // A session is no key: no row is marked as the dashboard's own.
    expect(await page.$$eval('#key-list .key-status', (cells) => cells.map((c) => c.textContent))).not.toContain(
      'active (yours)',
    );
    await page.fill('#key-name', 'alice-ci');
    await page.selectOption('#key-role', 'editor');
    await redrawnAfter(page, () => page.click('#issue-key-form button[type=submit]'));
    const secret = await page.inputValue('#issued-secret');
    const issued = service.http.withKey(secret);
    expect((await issued.get('/api/v1/whoami')).body).toEqual({ name: 'alice-ci', role: 'editor' });

    await page.click(`${keyRow('alice-ci')} button`);
    await page.waitForSelector('#revoke-form');
    expect(await page.$('#revoke-own-warning')).toBeNull();
    await redrawnAfter(page, () => page.click('#revoke-form button[type=submit]'));
    expect(await page.getAttribute(keyRow('alice-ci'), 'data-revoked')).toBe('true');
    expectStatus(await issued.get('/api/v1/whoami'), 401);
    const keys = await service.http.get('/api/v1/keys?limit=200');
    expect(keys.body.items.find((k: any) => k.name === 'alice-ci').revokedAt).not.toBeNull();
  });
});
