import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  DAY,
  expectStatus,
  freePort,
  HOUR,
  iso,
  mentionsNumber,
  MINUTE,
  oidcServiceConfig,
  OidcProviderProcess,
  ServiceProcess,
  TestBrowser,
  type PageProblems,
} from '@app/testing';
import { dashboardSettled, seriousAccessibilityViolations } from '@app/testing/dashboard-page';
import { ar1Samples, PrometheusFixture, relativeGrid, type ScenarioSeries } from '@app/testing/prometheus';

/*
 * The acceptance walk-through: one person's day with the dashboard, in a real Chromium, against the
 * built service on its embedded database, a real Prometheus backfilled with five weeks of history
 * and a real OpenID Connect provider. Everything is done as a person does it in the page (click,
 * type); the API is read only to check what the page did.
 *
 * The story (times hang off the current hour, so slots fall on whole hours):
 * - checkout latency ~400 ms (AR(1) noise, sd 20, 1 h correlation) until the fix shipped 8 days
 *   ago, ~250 ms since; the incident happened 20 days ago, so the 14-day baseline (before it)
 *   is ~400 and the goal 25 % below it, ~300. With `confidence: 0.95` each check also needs a
 *   significance test over ≥ 5 independent blocks a side, which a 2-day window has from a day
 *   after the fix (half the window: the first checks are pending). Met from then on, held for
 *   `sustainFor: 2d` ⇒ verified by telemetry about 3–4 days after the fix, well in the past.
 * - ledger queue depth ~120 all along: its action ships 8 days ago too and does not move the
 *   telemetry; its metric gives the fix 3 days (`verifyWithin`) ⇒ the replay raises `ineffective`,
 *   dated 3 days after the fix (docs/scoring.md, "Flags").
 *
 * The page's functions below run in the browser (this project compiles without the DOM lib).
 */
declare const document: any;
declare const window: any;

const SCREENSHOTS = join(process.cwd(), 'test/artifacts/screenshots');
const CLIENT_ID = 'remediation-tracker';
const CLIENT_SECRET = 'walkthrough-client-secret-0123456789';

const THIS_HOUR = Math.floor(Date.now() / HOUR) * HOUR;
const OCCURRED = THIS_HOUR - 20 * DAY;
const OPENED_DAY = THIS_HOUR - 19 * DAY;
const SHIPPED = THIS_HOUR - 8 * DAY;

const grid = relativeGrid(THIS_HOUR, { fromAgoMs: 36 * DAY, toAgoMs: -2 * HOUR, stepMs: 5 * MINUTE });
const SERIES: ScenarioSeries[] = [
  {
    name: 'checkout_latency_ms',
    labels: { service: 'checkout' },
    samples: ar1Samples(grid, {
      seed: 11,
      correlationTimeMs: HOUR,
      mean: 400,
      sd: 20,
      shift: (t) => (t >= SHIPPED ? -150 : 0),
    }),
  },
  {
    name: 'ledger_queue_depth',
    labels: { service: 'ledger' },
    samples: ar1Samples(grid, { seed: 12, correlationTimeMs: HOUR, mean: 120, sd: 10 }),
  },
];

/** What the SRE attaches to the latency action: it improved, and the test says it is no fluke. */
/** What the metric form's fields are filled with: a metric definition as the API takes it. */
interface MetricInTheForm {
  name: string;
  datasource: string;
  query: string;
  direction: string;
  target: { relativePercent: number };
  evaluationWindow: string;
  sustainFor: string;
  checkEvery: string;
  verifyWithin?: string;
  confidence?: number;
}

const LATENCY_METRIC: MetricInTheForm = {
  name: 'checkout latency',
  datasource: 'prom',
  query: 'checkout_latency_ms{service="checkout"}',
  direction: 'decrease',
  target: { relativePercent: 25 },
  evaluationWindow: '2d',
  sustainFor: '2d',
  checkEvery: '1h',
  confidence: 0.95,
};

/** What the SRE attaches to the queue action: it never moves. */
const QUEUE_METRIC: MetricInTheForm = {
  name: 'ledger queue depth',
  datasource: 'prom',
  query: 'ledger_queue_depth{service="ledger"}',
  direction: 'decrease',
  target: { relativePercent: 20 },
  evaluationWindow: '2d',
  sustainFor: '2d',
  verifyWithin: '3d',
  checkEvery: '1h',
};

/** A datetime-local input's value for an instant (the dashboard's times are UTC). */
const localInput = (ms: number): string => iso(ms).slice(0, 16);

describe('dashboard walk-through [embedded]', () => {
  let prometheus: PrometheusFixture;
  let provider: OidcProviderProcess;
  let service: ServiceProcess;
  let browser: TestBrowser;
  let page: Page;
  let problems: PageProblems;
  let postmortemId: string;
  let latencyActionId: string;
  let queueActionId: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const providerPort = await freePort();
    const configFile = oidcServiceConfig(
      providerPort,
      CLIENT_ID,
      '{ staff: viewer, readers: viewer, sre: editor, platform: admin }',
    );
    prometheus = await PrometheusFixture.start({ series: SERIES, now: THIS_HOUR });
    service = await ServiceProcess.start({
      database: 'embedded',
      datasources: [{ name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 }],
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
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 120_000);

  afterEach(() => {
    // The provider's own pages (its favicon) are not the dashboard's problems.
    problems.take(new RegExp(`localhost:${new URL(provider.issuer).port}`));
    expect(problems.list).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await service?.destroy();
    await provider?.stop();
    await prometheus?.stop();
  });

  // ---- what a person does in the page ---------------------------------------------------------

  const settled = (): Promise<void> => dashboardSettled(page);

  /** Opens a dashboard route as a person following a link or typing the address would. */
  async function open(hash: string): Promise<void> {
    const current = await page.evaluate(() => window.location.hash).catch(() => '');
    if (current === hash && page.url().startsWith(service.baseUrl)) await page.reload();
    else await page.goto(`${service.baseUrl}/${hash}`);
    await settled();
  }

  /** Waits for the page drawn again after a write (`data-saved` changes). */
  async function saved(click: () => Promise<void>): Promise<void> {
    const before = await page.evaluate(() => document.body.dataset.saved);
    await click();
    await page.waitForFunction((b) => document.body.dataset.saved !== b, before, { timeout: 20_000 });
  }

  const expectAccessible = async (): Promise<void> => expect(await seriousAccessibilityViolations(page)).toEqual([]);

  /** From the dashboard's key prompt to the provider's login form and back, signed in. */
  async function signInThroughProvider(login: string): Promise<void> {
    // A fresh document: nothing the page knew about an earlier person carries over.
    await page.goto('about:blank');
    await page.goto(`${service.baseUrl}/#/`);
    await page.waitForFunction(() => document.body.dataset.state === 'key');
    await page.click('#sso-sign-in');
    await page.waitForSelector('input[name=login]');
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'any password');
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.body.dataset.state === 'ready', undefined, { timeout: 30_000 });
    // Before signing in, the page asked whether a session exists: it did not. The provider's login
    // page asks for a web font this machine cannot reach, and for a favicon it does not have.
    problems.take(/\/auth\/session|status of 401|fonts\.googleapis|ERR_NAME_NOT_RESOLVED|status of 404/);
  }

  /** Adds a timeline row with the keyboard and fills it by its visible labels. */
  async function addEvent(n: number, at: number, text: string): Promise<void> {
    await page.focus('#add-timeline');
    await page.keyboard.press('Enter');
    await page.getByLabel(`Time of event ${n} (UTC)`).fill(localInput(at));
    await page.getByLabel(`What happened at event ${n}`, { exact: true }).fill(text);
  }

  async function addFactor(n: number, kind: string, category: string, text: string): Promise<void> {
    await page.click('#add-contributingFactors');
    await page.getByLabel(`Kind of factor ${n}`).selectOption(kind);
    await page.getByLabel(`Category of factor ${n}`).selectOption(category);
    await page.getByLabel(`Factor ${n}`, { exact: true }).fill(text);
  }

  /** "Add action" on the post-mortem's page, the form filled, "Open action": the new action's id. */
  async function addActionFromThePostmortem(title: string, team: string, service_: string): Promise<string> {
    await open(`#/postmortems/${postmortemId}`);
    await page.click('#add-action');
    await settled();
    expect(await page.$eval('#new-postmortemId', (s) => s.value)).toBe(postmortemId);
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Owner team').fill(team);
    await page.getByLabel('Priority').selectOption('P1');
    await page.getByLabel('Opened on (UTC)').fill(iso(OPENED_DAY).slice(0, 10));
    await page.getByLabel('Services').fill(service_);
    await page.click('#action-form button[type=submit]');
    await page.waitForFunction(() => /^#\/actions\/[0-9a-f-]{36}$/.test(window.location.hash));
    await settled();
    expect(await page.textContent('#action-title')).toBe(title);
    return (await page.evaluate(() => window.location.hash)).split('/')[2];
  }

  /** Replaces the PromQL editor's text by typing, as a person would. */
  async function typeQuery(text: string): Promise<void> {
    await page.click('#metric-query');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(text, { delay: 10 });
  }

  const previewState = (state: string): Promise<unknown> =>
    page.waitForFunction((s) => document.getElementById('metric-preview')?.dataset.state === s, state, {
      timeout: 20_000,
    });

  /**
   * "Add success metric" on the action's page: the definition's fields, then the query — with
   * `typo` first, whose refusal by Prometheus shows under the query field —, the preview's verdict
   * and reason read before saving, then "Add metric". The new metric's id.
   */
  async function attachMetricInTheForm(actionId: string, metric: MetricInTheForm, typo?: string): Promise<string> {
    await open(`#/actions/${actionId}`);
    await page.click('#add-metric');
    await page.waitForSelector('#metric-query.cm-content');
    await page.fill('#metric-name', metric.name);
    await page.selectOption('#metric-datasource', metric.datasource);
    await page.selectOption('#metric-direction', metric.direction);
    await page.fill('#metric-targetRelativePercent', String(metric.target.relativePercent));
    await page.click('.metric-advanced summary');
    for (const name of ['evaluationWindow', 'sustainFor', 'checkEvery', 'verifyWithin'] as const)
      if (metric[name]) await page.fill(`#metric-${name}`, metric[name]);
    if (metric.confidence) await page.fill('#metric-confidence', String(metric.confidence));
    if (typo) {
      await typeQuery(typo);
      await previewState('failed');
      const error = (await page.textContent('#metric-query-error')) ?? '';
      expect(error).toMatch(/^query: /);
      expect(await page.textContent('#preview-status')).toContain('could not run');
    }
    await typeQuery(metric.query);
    await previewState('drawn');
    expect(await page.$('#metric-query-error')).toBeNull();
    const verdict = (await page.textContent('#preview-verdict')) ?? '';
    const reason = (await page.textContent('#preview-reason')) ?? '';
    expect(verdict).not.toBe('');
    expect(reason.length).toBeGreaterThan(20);
    await expectAccessible();
    if (typo)
      await page.locator('#metric-form-card').screenshot({ path: join(SCREENSHOTS, 'walkthrough-preview.png') });
    await saved(() => page.click('#metric-save'));
    const stored = (await service.http.get(`/api/v1/actions/${actionId}/metrics`)).body.items as any[];
    const created = stored.find((m) => m.name === metric.name);
    const { verifyWithin, confidence, ...rest } = metric;
    expect(created).toMatchObject({
      ...rest,
      ...(verifyWithin ? { verifyWithin } : {}),
      confidence: confidence ?? null,
    });
    return created.id as string;
  }

  /** "Start work", then "Mark implemented" with a past time, through the workflow buttons. */
  async function markImplementedInThePage(actionId: string, at: number): Promise<void> {
    await open(`#/actions/${actionId}`);
    await page.click('[data-move=in_progress]');
    await saved(() => page.click('#move-form button[type=submit]'));
    await page.click('[data-move=implemented]');
    await page.getByLabel('Implemented at (UTC, optional; default now)').fill(localInput(at));
    await saved(() => page.click('#move-form button[type=submit]'));
    expect(await page.textContent('#action-status dd')).toBe('implemented');
  }

  /**
   * "Replay history" on the action's page, from the given time to now, every 2 h; what the page
   * reports once the progress bar is full: `N of M checks replayed (S scored, K already scored,
   * E errors, F failed)`.
   */
  async function replayHistoryInThePage(actionId: string, from: number): Promise<Record<string, number>> {
    await open(`#/actions/${actionId}`);
    await page.click('#replay-open');
    await page.waitForSelector('#replay-form');
    await page.fill('#replay-from', localInput(from));
    await page.fill('#replay-every', '2h');
    await saved(() => page.click('#replay-start'));
    const status = (await page.textContent('#replay-status')) ?? '';
    const counts =
      /^(\d+) of (\d+) checks replayed \((\d+) scored, (\d+) already scored, (\d+) errors, (\d+) failed\)/.exec(status);
    if (!counts) throw new Error(`the replay's status says: ${status}`);
    const [done, total, scored, skipped, errors, failed] = counts.slice(1).map(Number);
    expect(await page.getAttribute('#replay-progress', 'value')).toBe(String(total));
    return { done, total, scored, skipped, errors, failed };
  }

  /** Opens `#/flags` filtered by kind and finds the action's flag there, with the API's reason. */
  async function seeTheFlagOnTheFlagsPage(actionId: string, kind: string): Promise<void> {
    await open(`#/flags?kind=${kind}`);
    const flags = await service.http.get(`/api/v1/flags?active=true&kind=${kind}`);
    expectStatus(flags, 200);
    const flag = flags.body.items.find((f: { actionId: string }) => f.actionId === actionId);
    expect(flag).toBeDefined();
    const row = `#flag-list tr[data-id="${flag.id}"]`;
    expect(await page.textContent(`${row} .reason`)).toBe(flag.reason);
    expect(await page.getAttribute(`${row} .action-link`, 'href')).toBe(`#/actions/${actionId}`);
    await expectAccessible();
  }

  /**
   * Olga, an admin by her groups claim, signs in, issues a key on `#/admin`, copies its secret from
   * the field that shows it once, and revokes it ("Revoke", confirm); the revoked key.
   */
  async function revokeKeyAsAdmin(name: string): Promise<string> {
    await page.context().clearCookies();
    await signInThroughProvider('olga');
    await open('#/admin');
    await page.fill('#key-name', name);
    await page.selectOption('#key-role', 'editor');
    await saved(() => page.click('#issue-key-form button[type=submit]'));
    const secret = await page.inputValue('#issued-secret');
    expectStatus(await service.http.withKey(secret).get('/api/v1/whoami'), 200);
    await page.click(`#key-list tr[data-name="${name}"] button`);
    await page.waitForSelector('#revoke-form');
    await expectAccessible();
    await saved(() => page.click('#revoke-form button[type=submit]'));
    expect(await page.getAttribute(`#key-list tr[data-name="${name}"]`, 'data-revoked')).toBe('true');
    return secret;
  }

  /** What a button or link is called: the words a person reads, or its accessible name. */
  const WRITE_WORDS =
    /\b(edit|new|add|delete|remove|revoke|save|confirm|start work|mark|verify|reopen|roll back|won.t fix|replay)\b/i;
  const WRITE_CONTROLS = [
    '#edit-postmortem',
    '#add-action',
    '#edit-action',
    '#workflow',
    '#new-action',
    '#new-postmortem',
  ];

  /**
   * The controls on a page that write: the known ones by id, and any button or link whose name says
   * it writes (edit, new, add, delete, a workflow move…) or that leads to a form (`/new`, `/edit`).
   */
  async function writeControlsOn(hash: string): Promise<string[]> {
    await open(hash);
    const named = await page.$$eval('#app button, #app a[href], #app input[type=submit]', (els) =>
      els.map((e) => ({
        name: (e.getAttribute('aria-label') ?? e.textContent ?? '').trim(),
        href: e.getAttribute('href') ?? '',
      })),
    );
    const known: string[] = [];
    for (const id of WRITE_CONTROLS) if (await page.$(id)) known.push(id);
    const byName = named
      .filter((c) => WRITE_WORDS.test(c.name) || /\/(new|edit)(\?|$)/.test(c.href))
      .map((c) => `${c.name} ${c.href}`.trim());
    return [...known, ...byName];
  }

  // ---- the walk-through -----------------------------------------------------------------------

  it('1. signs alice in through the OpenID provider as an editor (her role from the groups claim)', async () => {
    await signInThroughProvider('alice');
    expect(await page.evaluate(() => document.body.dataset.signedIn)).toBe('session:alice@example.com');
  });

  it('2. writes the post-mortem in the form: a timeline and two contributing factors', async () => {
    await open('#/postmortems');
    await page.click('#new-postmortem');
    await settled();
    await page.getByLabel('Kind', { exact: true }).selectOption('incident');
    await page.getByLabel('Title').fill('Checkout slow after the pool change');
    await page.getByLabel('Severity (required)').selectOption('SEV2');
    await page.getByLabel('Services').fill('checkout, ledger');
    await page.getByLabel('Occurred (UTC) (required)').fill(localInput(OCCURRED));
    await page.getByLabel('Resolved (UTC)').fill(localInput(OCCURRED + 3 * HOUR));
    await page.getByLabel('Summary').fill('## Impact\n\nCheckout took twice as long for three hours.');
    await addEvent(1, OCCURRED, 'Latency alert fires');
    await addEvent(2, OCCURRED + 3 * HOUR, 'Pool size restored');
    await addFactor(1, 'trigger', 'technology', 'The pool change halved the connections');
    await addFactor(2, 'latent', 'process', 'No load test before pool changes');
    await expectAccessible();
    await page.click('#pm-save');
    await page.waitForFunction(() => /^#\/postmortems\/[0-9a-f-]{36}$/.test(window.location.hash));
    await settled();
    postmortemId = (await page.evaluate(() => window.location.hash)).split('/')[2];

    const stored = await service.http.get(`/api/v1/postmortems/${postmortemId}`);
    expectStatus(stored, 200);
    expect(stored.body).toMatchObject({
      occurredAt: iso(OCCURRED),
      timeline: [
        { at: iso(OCCURRED), text: 'Latency alert fires' },
        { at: iso(OCCURRED + 3 * HOUR), text: 'Pool size restored' },
      ],
    });
    expect(stored.body.contributingFactors).toHaveLength(2);
    expect(await page.$$eval('#postmortem-timeline li span', (s) => s.map((e) => e.textContent))).toEqual([
      'Latency alert fires',
      'Pool size restored',
    ]);
  });

  it('3. adds two actions from the post-mortem’s page', async () => {
    latencyActionId = await addActionFromThePostmortem(
      'Size the checkout pool for two regions',
      'payments',
      'checkout',
    );
    queueActionId = await addActionFromThePostmortem('Drain the ledger queue in batches', 'ledger', 'ledger');
    await open(`#/postmortems/${postmortemId}`);
    expect(
      await page
        .$$eval('#postmortem-actions tbody tr', (rows) => rows.map((r) => r.dataset.id))
        .then((ids) => ids.sort()),
    ).toEqual([latencyActionId, queueActionId].sort());
    const actions = await service.http.get(`/api/v1/actions?postmortemId=${postmortemId}`);
    expect(
      actions.body.items.every(
        (a: { openedAt: string }) => a.openedAt === `${iso(OPENED_DAY).slice(0, 10)}T00:00:00.000Z`,
      ),
    ).toBe(true);
  });

  it('4. attaches a PromQL success metric to each action', async () => {
    // A doubled `==` is not PromQL: Prometheus' parser refuses it, and says so under the query.
    const typo = LATENCY_METRIC.query.replace('service=', 'service==');
    const latencyMetricId = await attachMetricInTheForm(latencyActionId, LATENCY_METRIC, typo);
    const queueMetricId = await attachMetricInTheForm(queueActionId, QUEUE_METRIC);
    await open(`#/actions/${latencyActionId}`);
    expect(await page.textContent(`#metric-title-${latencyMetricId}`)).toBe('checkout latency');
    const queue = await service.http.get(`/api/v1/actions/${queueActionId}`);
    expect(queue.body.metrics.map((m: { id: string }) => m.id)).toEqual([queueMetricId]);
  });

  it('5. marks both actions implemented 8 days ago through the workflow buttons', async () => {
    await markImplementedInThePage(latencyActionId, SHIPPED);
    await expectAccessible();
    await markImplementedInThePage(queueActionId, SHIPPED);
    for (const id of [latencyActionId, queueActionId]) {
      const stored = await service.http.get(`/api/v1/actions/${id}`);
      expect(stored.body).toMatchObject({ status: 'implemented', implementedAt: iso(SHIPPED) });
    }
    const events = await service.http.get(`/api/v1/actions/${latencyActionId}/events`);
    expect(events.body.items.every((e: { actor: string }) => e.actor === 'alice@example.com')).toBe(true);
  });

  it('6. replays the history since shortly before the fix, with no failed check', async () => {
    for (const id of [latencyActionId, queueActionId]) {
      const replay = await replayHistoryInThePage(id, SHIPPED - 6 * HOUR);
      expect(replay).toMatchObject({ failed: 0, errors: 0, done: replay.total });
      expect(replay.scored).toBeGreaterThan(90);
    }
  });

  it('7. sees the latency action verified on its page, with the reason in words', async () => {
    const action = (await service.http.get(`/api/v1/actions/${latencyActionId}`)).body;
    expect(action).toMatchObject({ status: 'verified', verification: 'telemetry', flags: [] });
    // Verified by the replayed history: sustained for 2 days, between 3 and 5 days after the fix.
    expect(Date.parse(action.closedAt)).toBeGreaterThanOrEqual(SHIPPED + 3 * DAY);
    expect(Date.parse(action.closedAt)).toBeLessThanOrEqual(SHIPPED + 5 * DAY);
    const [metric] = action.metrics;
    const [newest] = (await service.http.get(`/api/v1/actions/${latencyActionId}/evaluations?limit=1`)).body.items;
    expect(newest.id).toBe(metric.latest.id);
    expect(newest.verdict).toBe('met');
    expect(newest.pValue).toBeLessThan(0.05);
    expect(mentionsNumber(newest.reason, newest.value)).toBe(true);
    expect(mentionsNumber(newest.reason, newest.goal)).toBe(true);

    await open(`#/actions/${latencyActionId}`);
    expect(await page.textContent('#action-status dd')).toBe('verified');
    expect(await page.textContent(`#reason-${metric.id}`)).toBe(newest.reason);
    expect(await page.textContent(`#significance-${metric.id}`)).toContain('Significance:');
    expect(await page.$('#action-flags li')).toBeNull();
    await expectAccessible();
    await page.screenshot({ path: join(SCREENSHOTS, 'walkthrough-action-verified.png'), fullPage: true });
  });

  it('8. sees the ineffective flag on the queue action, dated by the replay', async () => {
    const action = (await service.http.get(`/api/v1/actions/${queueActionId}`)).body;
    expect(action.status).toBe('implemented');
    expect(action.flags.map((f: { kind: string }) => f.kind)).toEqual(['ineffective']);
    const [flag] = action.flags;
    // Raised at the first replayed check past the 3 days the fix had, not when the page moved it.
    expect(Date.parse(flag.raisedAt)).toBeGreaterThan(SHIPPED + 3 * DAY);
    expect(Date.parse(flag.raisedAt)).toBeLessThanOrEqual(SHIPPED + 3 * DAY + 2 * HOUR);
    expect(flag.reason).toContain('within 3 days');

    await open(`#/actions/${queueActionId}`);
    expect(await page.textContent('#action-flags li[data-kind=ineffective] .reason')).toBe(flag.reason);
    await page.screenshot({ path: join(SCREENSHOTS, 'walkthrough-action-flagged.png'), fullPage: true });
    await seeTheFlagOnTheFlagsPage(queueActionId, 'ineffective');
    await page.screenshot({ path: join(SCREENSHOTS, 'walkthrough-flags.png'), fullPage: true });
  });

  it('9. reads the write-up from the post-mortem’s page: the verified action’s outcome is in it', async () => {
    await open(`#/postmortems/${postmortemId}`);
    expect(await page.textContent('#postmortem-outcome dd')).toBe('1 of 2');
    const [writeUp] = await Promise.all([page.context().waitForEvent('page'), page.click('#report-html')]);
    await writeUp.waitForLoadState();
    const text = ((await writeUp.textContent('body')) ?? '').replace(/\s+/g, ' ');
    await writeUp.close();
    const action = (await service.http.get(`/api/v1/actions/${latencyActionId}`)).body;
    const flagged = (await service.http.get(`/api/v1/actions/${queueActionId}`)).body;
    expect(text).toContain('Size the checkout pool for two regions');
    expect(text).toContain(action.metrics[0].latest.reason.replace(/\s+/g, ' '));
    expect(text).toContain(flagged.flags[0].reason.replace(/\s+/g, ' '));
    expect(text).toMatch(/1 of 2 actions verified/);
  });

  it('10. revokes a key as an admin: the revoked key no longer gets in', async () => {
    const revoked = await revokeKeyAsAdmin('walkthrough-bot');
    expect((await service.http.withKey(revoked).get('/api/v1/whoami')).status).toBe(401);
  });

  it('11. shows vera, a viewer by her groups claim, no write control anywhere she reads', async () => {
    // The same look finds the signed-in admin's write controls: it can see one when there is one.
    expect(await writeControlsOn(`#/postmortems/${postmortemId}`)).toEqual(
      expect.arrayContaining(['#edit-postmortem', '#add-action']),
    );
    // Another person at a clean browser: no session of alice's, here or at the provider.
    await page.context().clearCookies();
    await signInThroughProvider('vera');
    expect(await page.evaluate(() => document.body.dataset.signedIn)).toBe('session:vera@example.com');
    for (const hash of [
      `#/postmortems/${postmortemId}`,
      `#/actions/${latencyActionId}`,
      `#/actions/${queueActionId}`,
      '#/actions',
      '#/postmortems',
    ])
      expect({ hash, writes: await writeControlsOn(hash) }).toEqual({ hash, writes: [] });
  });
});
