import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectStatus, HttpClient, ServiceProcess, TestBrowser, type PageProblems } from '@app/testing';
import { dashboardSettled, seriousAccessibilityViolations, signInWithKey } from '@app/testing/dashboard-page';
import { DAY, iso, MIDNIGHT } from '@app/testing/scenario-clock';
import { createIncident } from '@app/testing/scenario-seed';
import { generateSamples, prometheusForFile, type ScenarioSeries } from '@app/testing/prometheus';

// The dashboard's success-metric form (docs/reporting.md, "Dashboard"): the PromQL editor, the
// selector builder, the live preview, and add, edit and remove, against the real service, a real
// Prometheus and a real Chromium under the dashboard's CSP. The page's functions below run in the
// browser (this project compiles without the DOM lib).
declare const document: any;
declare const getComputedStyle: any;

const SCREENSHOTS = join(process.cwd(), 'test/artifacts/screenshots');
const OCCURRED = MIDNIGHT - 30 * DAY;
const OPENED = MIDNIGHT - 20 * DAY;
const SHIPPED = MIDNIGHT - 10 * DAY;
const LATENCY = 'ledger_latency_ms';
/** A selector's `checkout.queue.depth` on a prometheus datasource reads this series (docs/opentelemetry.md). */
const QUEUE_DEPTH = 'checkout_queue_depth';
const OTLP_METRIC = 'checkout.queue.depth';

// 400 up to the incident, 500 while the cause lingered, 250 once the fix shipped.
const latency = (t: number) => (t <= OCCURRED ? 400 : t < SHIPPED ? 500 : 250);
const SERIES: ScenarioSeries[] = [
  {
    name: LATENCY,
    samples: generateSamples({ from: MIDNIGHT - 45 * DAY, to: MIDNIGHT, stepMs: 15 * 60_000 }, latency),
  },
  {
    // A selector's `value` reads the plain series (no range function): samples closer together than
    // Prometheus' 5-minute lookback, so every step of the window finds one whatever the clock says.
    name: QUEUE_DEPTH,
    samples: generateSamples({ from: MIDNIGHT - 45 * DAY, to: MIDNIGHT, stepMs: 4 * 60_000 }, (t) =>
      t < SHIPPED ? 40 : 12,
    ),
  },
];
const prometheus = prometheusForFile({ series: SERIES, now: MIDNIGHT });

const nanos = (ms: number) => (BigInt(ms) * 1_000_000n).toString();

/** Queue depth points pushed through the real OTLP receiver (JSON, explicit past timestamps). */
function queueDepthRequest(): object {
  const points = [];
  for (let t = MIDNIGHT - 40 * DAY; t < Date.now(); t += 6 * 3_600_000) {
    points.push({
      attributes: [{ key: 'queue', value: { stringValue: 'payments' } }],
      timeUnixNano: nanos(t),
      asDouble: t < SHIPPED ? 40 : 12,
    });
  }
  return {
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
        scopeMetrics: [
          { scope: { name: 'metric-form-test' }, metrics: [{ name: OTLP_METRIC, gauge: { dataPoints: points } }] },
        ],
      },
    ],
  };
}

describe('dashboard success-metric form [embedded]', () => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let editorKey: string;
  let viewerKey: string;
  let browser: TestBrowser;
  let page: Page;
  let problems: PageProblems;
  let actionId: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const datasources = [{ name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 }];
    service = await ServiceProcess.start({ database: 'embedded', datasources });
    editorKey = await service.issueKey('metric-form-editor', 'editor');
    viewerKey = await service.issueKey('metric-form-viewer', 'viewer');
    editor = await service.clientFor('seed', 'editor');
    const postmortemId = await createIncident(editor, 'Ledger latency', OCCURRED);
    const action = await editor.post('/api/v1/actions', {
      title: 'Cache the ledger lookups',
      ownerTeam: 'ledger',
      postmortemId,
      openedAt: iso(OPENED),
      status: 'implemented',
      implementedAt: iso(SHIPPED),
    });
    expectStatus(action, 201);
    actionId = action.body.id;
    const ingestKey = await service.issueKey('metric-form-collector', 'ingest');
    const pushed = await fetch(`${service.baseUrl}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ingestKey}` },
      body: JSON.stringify(queueDepthRequest()),
    });
    expect(pushed.status).toBe(200);
    browser = await TestBrowser.launch();
    ({ page, problems } = await browser.newPage());
  }, 120_000);

  afterEach(() => {
    // A keystroke cancels the preview still running (AbortController): Chromium reports it aborted.
    problems?.take(/^failed: POST \S+\/api\/v1\/metrics\/preview net::ERR_ABORTED/);
    expect(problems?.list ?? []).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await service?.destroy();
  });

  const settled = (): Promise<void> => dashboardSettled(page);
  const hash = (): string => `#/actions/${actionId}`;

  const signIn = (key: string): Promise<void> => signInWithKey(page, service.baseUrl, key, hash());

  /** Opens the action's page with the Add form and the PromQL editor ready. */
  async function openAddForm(): Promise<void> {
    await page.goto(`${service.baseUrl}/#/`);
    await settled();
    await page.goto(`${service.baseUrl}/${hash()}`);
    await settled();
    await page.click('#add-metric');
    await page.waitForSelector('#metric-query.cm-content');
  }

  /** Replaces the editor's text by typing, as a person would. */
  async function typeQuery(text: string): Promise<void> {
    await page.click('#metric-query');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(text, { delay: 20 });
  }

  const previewState = (state: string) =>
    page.waitForFunction((s) => document.getElementById('metric-preview')?.dataset.state === s, state, {
      timeout: 20_000,
    });

  const savedMark = (): Promise<string | undefined> => page.evaluate(() => document.body.dataset.saved);
  async function saved(click: () => Promise<void>): Promise<void> {
    const before = await savedMark();
    await click();
    await page.waitForFunction((b) => document.body.dataset.saved !== b, before, { timeout: 20_000 });
    await page.waitForFunction(() => document.body.dataset.state === 'ready');
  }

  const metricsOf = async (): Promise<any[]> => {
    const res = await editor.get(`/api/v1/actions/${actionId}/metrics`);
    expectStatus(res, 200);
    return res.body.items ?? res.body;
  };

  it('offers a PromQL editor named by its label, highlighting the query, that Tab leaves', async () => {
    await signIn(editorKey);
    await openAddForm();
    const query = page.getByRole('textbox', { name: 'PromQL query' });
    expect(await query.getAttribute('id')).toBe('metric-query');
    await typeQuery(`sum(rate(${LATENCY}[5m]))`);
    // CodeMirror's highlighter wraps tokens in spans with a class (function names, brackets, the duration).
    const tokens = await page.$$eval('#metric-query .cm-line span[class]', (spans) => spans.map((s) => s.textContent));
    expect(tokens).toEqual(expect.arrayContaining(['sum', '5m']));
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({
      inEditor: Boolean(document.activeElement?.closest('.cm-editor')),
      id: document.activeElement?.id,
    }));
    expect(focused.inEditor).toBe(false);
    expect(focused.id).toBeTruthy();
    // The styles came through a constructed stylesheet: no <style> element the CSP would refuse.
    expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBeGreaterThan(0);
    expect(await page.$$eval('style', (els) => els.length)).toBe(0);
  });

  it("completes metric names from the datasource's metric-names route", async () => {
    await openAddForm();
    await typeQuery('ledger_lat');
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.cm-tooltip-autocomplete', { timeout: 10_000 });
    const options = await page.$$eval('.cm-tooltip-autocomplete li', (items) => items.map((li) => li.textContent));
    expect(options.join(' ')).toContain(LATENCY);
  });

  it("shows the datasource's words under the query for a typo, then the preview once it is fixed, then saves", async () => {
    await openAddForm();
    await page.fill('#metric-name', 'ledger latency');
    // A misspelt function: Prometheus refuses it, and its words show under the query.
    await typeQuery(`avg_ovr_time(${LATENCY}[1h])`);
    await previewState('failed');
    const error = (await page.textContent('#metric-query-error')) ?? '';
    expect(error).toMatch(/^query: /);
    expect(error).toContain('avg_ovr_time');
    expect(await page.getAttribute('#metric-query', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#preview-status')).toContain('could not run');
    expect(await page.$('#preview-chart')).toBeNull();

    // A range past the service's query cost limit is refused (400) naming the query.
    await typeQuery(`avg_over_time(${LATENCY}[60d])`);
    await page.waitForFunction(
      (before) => {
        const text = document.getElementById('metric-query-error')?.textContent;
        return Boolean(text) && text !== before;
      },
      error,
      { timeout: 20_000 },
    );
    expect(await page.textContent('#metric-query-error')).toMatch(/^query: .*60d/);
    expect(problems.take(/^http 400: POST \S+\/api\/v1\/metrics\/preview$/).length).toBeGreaterThan(0);
    problems.take(/^console: Failed to load resource: the server responded with a status of 400/);

    await typeQuery(`avg_over_time(${LATENCY}[1h])`);
    await previewState('drawn');
    expect(await page.$('#metric-query-error')).toBeNull();
    expect(await page.getAttribute('#metric-query', 'aria-invalid')).toBeNull();
    // What the service answers for the same definition is what the page shows.
    const answer = await editor.post('/api/v1/metrics/preview', {
      name: 'ledger latency',
      datasource: 'prom',
      query: `avg_over_time(${LATENCY}[1h])`,
      direction: 'decrease',
      target: { relativePercent: 20 },
      actionId,
    });
    expectStatus(answer, 200);
    expect(await page.textContent('#preview-verdict')).toBe(answer.body.verdict.replaceAll('_', ' '));
    expect(await page.textContent('#preview-reason')).toBe(answer.body.reason);
    expect(answer.body.verdict).toBe('met');
    expect(await page.$('#preview-chart')).not.toBeNull();

    await saved(() => page.click('#metric-save'));
    const [metric] = await metricsOf();
    expect(metric).toMatchObject({
      name: 'ledger latency',
      datasource: 'prom',
      query: `avg_over_time(${LATENCY}[1h])`,
      direction: 'decrease',
      target: { relativePercent: 20 },
      baselineWindow: '14d',
    });
    expect(await page.textContent(`section[data-metric-id="${metric.id}"] h2`)).toBe('ledger latency');
  });

  it('edits a metric and removes it after a confirmation', async () => {
    const [metric] = await metricsOf();
    await page.click(`[data-edit-metric="${metric.id}"]`);
    await page.waitForSelector('#metric-query.cm-content');
    expect(await page.inputValue('#metric-name')).toBe('ledger latency');
    expect(await page.textContent('#metric-query')).toBe(metric.query);
    await page.fill('#metric-name', 'ledger latency, hourly mean');
    await page.fill('#metric-targetAbsolute', '300');
    await previewState('drawn');
    await saved(() => page.click('#metric-save'));
    const [edited] = await metricsOf();
    expect(edited).toMatchObject({
      id: metric.id,
      name: 'ledger latency, hourly mean',
      target: { relativePercent: 20, absolute: 300 },
    });
    expect(await page.textContent(`section[data-metric-id="${metric.id}"] h2`)).toBe('ledger latency, hourly mean');

    await page.click(`[data-remove-metric="${metric.id}"]`);
    expect(await metricsOf()).toHaveLength(1); // asking is not removing
    await saved(() => page.click(`#confirm-remove-${metric.id}`));
    expect(await metricsOf()).toEqual([]);
    expect(await page.$(`section[data-metric-id="${metric.id}"]`)).toBeNull();
  });

  it('builds a selector on the otlp datasource, previews it, and shows the PromQL a prometheus datasource scores', async () => {
    await openAddForm();
    await page.fill('#metric-name', 'payments queue depth');
    await page.selectOption('#metric-datasource', 'otlp');
    await page.waitForSelector('#metric-selector-num-metric');
    expect(await page.isVisible('#metric-definedBy')).toBe(false);
    await page.fill('#metric-selector-num-metric', OTLP_METRIC);
    await page.click('#metric-selector-num-add-attribute');
    await page.fill('#metric-selector-num-attr-1-key', 'queue');
    await page.fill('#metric-selector-num-attr-1-value', 'payments');
    await page.selectOption('#metric-selector-num-statistic', 'value');
    await previewState('drawn');
    const answer = await editor.post('/api/v1/metrics/preview', {
      name: 'payments queue depth',
      datasource: 'otlp',
      selector: { metric: OTLP_METRIC, attributes: { queue: 'payments' }, statistic: 'value' },
      direction: 'decrease',
      target: { relativePercent: 20 },
      actionId,
    });
    expectStatus(answer, 200);
    expect(await page.textContent('#preview-reason')).toBe(answer.body.reason);
    expect(answer.body.translatedQuery).toBeNull();
    expect(await page.$('#preview-translated')).toBeNull();

    // The same selector on the prometheus datasource is scored as PromQL, which the preview shows.
    await page.selectOption('#metric-datasource', 'prom');
    await page.selectOption('#metric-definedBy', 'selector');
    await page.waitForSelector('#metric-selector-num-metric');
    await page.fill('#metric-selector-num-metric', OTLP_METRIC);
    await page.waitForFunction(
      () =>
        document.getElementById('preview-translated') !== null ||
        document.getElementById('metric-preview')?.dataset.state === 'failed',
      null,
      { timeout: 20_000 },
    );
    const said = await page.$$eval('#preview-status, #metric-form .field-error', (els) =>
      els.map((e) => e.textContent),
    );
    expect(said.join(' ')).not.toContain('could not run');
    expect(await page.textContent('#preview-translated code')).toContain(QUEUE_DEPTH);

    await page.selectOption('#metric-datasource', 'otlp');
    await page.fill('#metric-selector-num-metric', OTLP_METRIC);
    await page.click('#metric-selector-num-add-attribute');
    await page.fill('#metric-selector-num-attr-1-key', 'queue');
    await page.fill('#metric-selector-num-attr-1-value', 'payments');
    await previewState('drawn');
    await saved(() => page.click('#metric-save'));
    const [metric] = await metricsOf();
    expect(metric).toMatchObject({
      datasource: 'otlp',
      query: null,
      selector: { metric: OTLP_METRIC, attributes: { queue: 'payments' }, statistic: 'value' },
    });
  });

  it('passes the accessibility scan with the preview drawn, and fits a phone', async () => {
    await openAddForm();
    await page.fill('#metric-name', 'ledger latency');
    await typeQuery(`avg_over_time(${LATENCY}[1h])`);
    await previewState('drawn');
    await page.click('.metric-advanced summary');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.click('.metric-advanced summary'); // closed again: the picture shows the form as it opens
    await page.locator('#metric-form-card').screenshot({ path: join(SCREENSHOTS, 'dashboard-metric-form.png') });

    await page.setViewportSize({ width: 390, height: 844 });
    await previewState('drawn');
    // Chart.js follows its box's new width on the next frames (a ResizeObserver).
    await page.waitForFunction(
      () =>
        document.getElementById('preview-chart').getBoundingClientRect().right <= document.documentElement.clientWidth,
    );
    // The innermost elements that stick out on the right (outside a box that scrolls or clips them),
    // named, so a failure says what to fix.
    const sticking = await page.evaluate(() => {
      const limit = document.documentElement.clientWidth + 1;
      const clipped = (el: any): boolean => {
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
          if (getComputedStyle(up).overflowX !== 'visible') return true;
        return false;
      };
      const out = [...document.querySelectorAll('body *')].filter(
        (el: any) => el.getBoundingClientRect().right > limit && !clipped(el),
      );
      return out
        .filter((el: any) => !out.some((other: any) => other !== el && el.contains(other)))
        .map((el: any) => `${el.tagName.toLowerCase()}#${el.id}.${String(el.className).replace(/\s+/g, '.')}`);
    });
    expect(sticking).toEqual([]);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: document.documentElement.clientWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    await page.locator('#metric-form-card').screenshot({ path: join(SCREENSHOTS, 'dashboard-metric-form-phone.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('shows a viewer no control to add, edit or remove a metric', async () => {
    const attached = await editor.post(`/api/v1/actions/${actionId}/metrics`, {
      name: 'ledger latency for the viewer',
      datasource: 'prom',
      query: LATENCY,
      direction: 'decrease',
      target: { relativePercent: 20 },
    });
    expectStatus(attached, 201);
    await signIn(viewerKey);
    const metrics = await metricsOf();
    expect(await page.$(`section[data-metric-id="${metrics[0].id}"]`)).not.toBeNull();
    expect(await page.$('#add-metric')).toBeNull();
    expect(await page.$('[data-edit-metric], [data-remove-metric]')).toBeNull();
  });
});
