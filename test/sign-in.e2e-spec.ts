import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import {
  createIncident,
  describeEachDatabase,
  expectStatus,
  freePort,
  itOnPostgres,
  oidcServiceConfig,
  OidcProviderProcess,
  ServiceProcess,
  TestBrowser,
  withClient,
  type HttpClient,
} from '@app/testing';

// What the page's functions below see in the browser (this project compiles without the DOM lib).
declare const document: any;

const CLIENT_ID = 'remediation-tracker';
const CLIENT_SECRET = 'test-client-secret-0123456789';
const API_CLIENT = '/assets/js/api-client.js';

/**
 * Sign-in with OpenID Connect (docs/operation.md, "Sign-in") against a real provider process:
 * alice's groups (staff, sre) make her an editor, mallory's (marketing) map to nothing.
 */
describeEachDatabase('sign-in with OpenID Connect', (database) => {
  let provider: OidcProviderProcess;
  let service: ServiceProcess;
  let anonymous: HttpClient;
  let browser: TestBrowser;
  let page: Page;
  let actionId: string;
  /** alice's session cookie, as the browser holds it, before she signs out. */
  let aliceCookie: string;

  beforeAll(async () => {
    const providerPort = await freePort();
    const configFile = oidcServiceConfig(
      providerPort,
      CLIENT_ID,
      '{ staff: viewer, readers: viewer, sre: editor, platform: admin }',
      [
        // Few enough that the last test reaches the limit with dead session cookies.
        'server: { authFailuresPerMinute: 5 }',
      ],
    );
    service = await ServiceProcess.start({
      database,
      env: { REMEDIATION_CONFIG: configFile, REMEDIATION_OIDC_CLIENT_SECRET: CLIENT_SECRET },
    });
    provider = await OidcProviderProcess.start({
      port: providerPort,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      serviceUrl: service.baseUrl,
    });
    anonymous = service.http.withKey(null);
    const postmortemId = await createIncident(service.http, 'Checkout outage', Date.now() - 86_400_000);
    const action = await service.http.post('/api/v1/actions', {
      postmortemId,
      ownerTeam: 'payments',
      title: 'Cap retries',
    });
    expectStatus(action, 201);
    actionId = action.body.id;
    browser = await TestBrowser.launch();
    page = (await browser.newPage()).page;
  });

  afterAll(async () => {
    await browser?.close();
    await service?.destroy();
    await provider?.stop();
  });

  async function signInThroughProvider(target: Page, login: string): Promise<void> {
    await target.goto(`${service.baseUrl}/`);
    await target.waitForFunction(() => document.body.dataset.state === 'key');
    await target.click('#sso-sign-in');
    await target.waitForSelector('input[name=login]');
    await target.fill('input[name=login]', login);
    await target.fill('input[name=password]', 'any password');
    await target.click('button[type=submit]');
  }

  const sessionCookieOf = async (target: Page): Promise<string | null> => {
    const cookie = (await target.context().cookies(service.baseUrl)).find((c) => c.name === 'rt_session');
    return cookie ? `rt_session=${cookie.value}` : null;
  };

  it('says that sign-in is offered, outside the OpenAPI document', async () => {
    const config = await anonymous.get('/auth/config');
    expect(config.status).toBe(200);
    expect(config.body).toEqual({ oidc: true });
    const doc = await anonymous.get('/docs-json');
    expect(Object.keys(doc.body.paths).filter((p) => p.startsWith('/auth'))).toEqual([]);
    expect((await anonymous.get('/auth/session')).status).toBe(401);
  });

  it('signs alice in through the provider as an editor, and the dashboard shows her signed in', async () => {
    await signInThroughProvider(page, 'alice');
    await page.waitForFunction(() => document.body.dataset.state === 'ready', undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => document.body.dataset.signedIn)).toBe('session:alice@example.com');
    const cookie = (await page.context().cookies(service.baseUrl)).find((c) => c.name === 'rt_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
    aliceCookie = (await sessionCookieOf(page))!;
    const session = await anonymous.get('/auth/session', { headers: { cookie: aliceCookie } });
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ name: 'Alice Editor', email: 'alice@example.com', role: 'editor' });
    expect(session.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('keeps the session token out of the logs', () => {
    const token = aliceCookie.split('=')[1];
    expect(service.logs).toContain('signed in as editor');
    expect(service.logs).not.toContain(token);
  });

  it('records a write from the page with alice as the actor', async () => {
    const status = await page.evaluate(
      async ({ path, id }) => {
        const client = await import(path);
        const updated = await client.apiSend('PATCH', `/api/v1/actions/${id}`, { status: 'in_progress' });
        return updated.status;
      },
      { path: API_CLIENT, id: actionId },
    );
    expect(status).toBe('in_progress');
    const events = await service.http.get(`/api/v1/actions/${actionId}/events`);
    expectStatus(events, 200);
    const change = events.body.items.find((e: { type: string; actor: string }) => e.actor === 'alice@example.com');
    expect(change).toBeDefined();
  });

  it('refuses a cookie-authenticated write without the CSRF token, and writes nothing', async () => {
    const before = (await service.http.get(`/api/v1/actions/${actionId}/events`)).body.items.length;
    const refused = await page.evaluate(async (id) => {
      const res = await fetch(`/api/v1/actions/${id}`, {
        method: 'PATCH',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'wont_fix' }),
      });
      return { status: res.status, body: (await res.json()) as { message: string } };
    }, actionId);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/X-CSRF-Token/);
    const wrong = await anonymous.patch(
      `/api/v1/actions/${actionId}`,
      { status: 'wont_fix' },
      {
        headers: { cookie: aliceCookie, 'x-csrf-token': 'not-the-token' },
      },
    );
    expect(wrong.status).toBe(403);
    const after = await service.http.get(`/api/v1/actions/${actionId}`);
    expect(after.body.status).toBe('in_progress');
    expect((await service.http.get(`/api/v1/actions/${actionId}/events`)).body.items.length).toBe(before);
  });

  it('keeps the role the claim gave: an editor session cannot manage keys', async () => {
    const csrf = (await anonymous.get('/auth/session', { headers: { cookie: aliceCookie } })).body.csrfToken;
    const res = await anonymous.post(
      '/api/v1/keys',
      { name: 'from-alice', role: 'viewer' },
      {
        headers: { cookie: aliceCookie, 'x-csrf-token': csrf },
      },
    );
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/signed-in person has editor/);
  });

  it('leaves Bearer-key requests alone: no CSRF token needed beside a cookie', async () => {
    const editorKey = await service.issueKey('sre bot', 'editor');
    const res = await anonymous.patch(
      `/api/v1/actions/${actionId}`,
      { assignee: 'nobody in particular' },
      {
        key: editorKey,
        headers: { cookie: aliceCookie },
      },
    );
    expect(res.status).toBe(200);
  });

  it('refuses mallory, whose groups map to no role, and gives her no session', async () => {
    const other = await TestBrowser.launch();
    try {
      const { page: mallory } = await other.newPage();
      await signInThroughProvider(mallory, 'mallory');
      await mallory.waitForSelector('#sign-in-message', { timeout: 30_000 });
      expect(await mallory.textContent('h1')).toBe('No access');
      expect(await mallory.textContent('#sign-in-message')).toContain('mallory@example.com');
      expect(await sessionCookieOf(mallory)).toBeNull();
    } finally {
      await other.close();
    }
  });

  it('signs alice out: the cookie she had no longer works', async () => {
    await page.goto(`${service.baseUrl}/`);
    await page.waitForFunction(() => document.body.dataset.state === 'ready');
    await page.click('#sign-out');
    // The provider's own sign-out page follows.
    await page.waitForURL((url) => url.href.startsWith(provider.issuer), { timeout: 30_000 });
    expect(await sessionCookieOf(page)).toBeNull();
    expect((await anonymous.get('/api/v1/flags', { headers: { cookie: aliceCookie } })).status).toBe(401);
    expect((await anonymous.get('/auth/session', { headers: { cookie: aliceCookie } })).status).toBe(401);
  });

  it('answers a callback that was not started here with a page saying so, and no session', async () => {
    const res = await anonymous.get('/auth/callback?code=abc&state=xyz');
    expect(res.status).toBe(400);
    expect(res.text).toContain('was not started here');
    expect(res.headers.get('set-cookie') ?? '').not.toMatch(/rt_session=[A-Za-z0-9]/);
  });

  it('counts a dead session cookie as a failed authentication, like a bad key', async () => {
    const dead = `rt_session=${'x'.repeat(43)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await anonymous.get('/api/v1/flags', { headers: { cookie: dead } })).status);
    // One failure came before (alice's cookie after sign-out); the limit is 5 a minute.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    // An active key still gets in from the refused address.
    expect((await service.http.get('/api/v1/flags')).status).toBe(200);
  });

  it('refuses a callback whose state is not the one sent, with a page saying so and no session', async () => {
    const login = await fetch(`${service.baseUrl}/auth/login`, { redirect: 'manual' });
    const pending = /^(rt_login=[^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1];
    const res = await fetch(`${service.baseUrl}/auth/callback?code=forged&state=not-the-one-sent`, {
      redirect: 'manual',
      headers: { cookie: pending },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('not accepted');
    expect(res.headers.get('set-cookie') ?? '').not.toMatch(/rt_session=[A-Za-z0-9]/);
  });

  it('marks the cookies Secure when the request came over HTTPS through a local proxy', async () => {
    // Not followed: the answer itself is what is checked.
    const login = (headers: Record<string, string> = {}) =>
      fetch(`${service.baseUrl}/auth/login`, { redirect: 'manual', headers });
    const plain = await login();
    expect(plain.status).toBe(303);
    expect(plain.headers.get('set-cookie')).toMatch(/^rt_login=[^;]+;.*HttpOnly/);
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/);
    expect(plain.headers.get('location')).toMatch(/code_challenge_method=S256/);
    const proxied = await login({ 'x-forwarded-proto': 'https' });
    expect(proxied.headers.get('set-cookie')).toMatch(/; Secure/);
    expect(proxied.headers.get('set-cookie')).toMatch(/SameSite=Lax/);
  });

  itOnPostgres(database, 'ends a session when it has been idle too long or passed its absolute end', async () => {
    const day = 86_400_000;
    const now = Date.now();
    // [last seen, expires]: live; idle past the default 2 h; past its absolute end.
    const cases: Array<[number, number, number]> = [
      [now - 60_000, now + day, 200],
      [now - 3 * 3_600_000, now + day, 401],
      [now - 60_000, now - 1_000, 401],
    ];
    for (const [lastSeen, expires, status] of cases) {
      const token = randomBytes(32).toString('base64url');
      await withClient(service.database!.url, (c) =>
        c.query(
          `INSERT INTO sessions (id_hash, subject, name, email, role, csrf_token, created_at, last_seen_at, expires_at)
           VALUES ($1, 'vera', 'Vera Viewer', 'vera@example.com', 'viewer', 'csrf', $2, $3, $4)`,
          [
            createHash('sha256').update(token).digest('hex'),
            new Date(now - day),
            new Date(lastSeen),
            new Date(expires),
          ],
        ),
      );
      const res = await anonymous.get('/auth/session', { headers: { cookie: `rt_session=${token}` } });
      expect(res.status).toBe(status);
    }
  });
});
