import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeEachDatabase, expectStatus, HttpClient, itOnPostgres, ServiceProcess, withClient } from '@app/testing';
import { implementAction, SUSTAINED_LATENCY_METRIC } from '@app/testing/scenario-seed';
import { DAY, HOUR, iso, MIDNIGHT } from '@app/testing/scenario-clock';
import type { DatabaseChoice } from '@app/testing';
import { checkoutLatency, PrometheusFixture } from '@app/testing/prometheus';

const BASE = '/api/v1/postmortems';
const OPENED = MIDNIGHT - 20 * DAY;
const SHIPPED = MIDNIGHT - 10 * DAY;
/** As the report writes instants: `2025-01-05 14:02 UTC`. */
const shown = (ms: number) => `${iso(ms).slice(0, 10)} ${iso(ms).slice(11, 16)} UTC`;
/** A time as the report shows it: with seconds unless they are 0. */
const shownAt = (at: string) =>
  at.slice(17, 19) === '00' ? shown(Date.parse(at)) : `${at.slice(0, 10)} ${at.slice(11, 19)} UTC`;
const LIVE_METRIC = { ...SUSTAINED_LATENCY_METRIC, datasource: 'prom-live' };
// Names that must never reach the report: the assignee is for coordination only.
const ASSIGNEES = ['Jane Doe', 'John Roe'];
const LATENCY_QUERY =
  'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[5m])))';

const RICH = {
  kind: 'incident',
  title: 'Checkout returned 500s',
  severity: 'SEV1',
  occurredAt: '2025-01-05T14:02:00Z',
  resolvedAt: '2025-01-05T16:17:00Z',
  services: ['checkout', 'payments_api'],
  summary: '# Impact\n\nPayments failed for **2 h**.\n\n```\npanic: nil map (fence left open)',
  timeline: [
    { at: '2025-01-05T16:17:00Z', text: 'error rate back to normal' },
    { at: '2025-01-05T14:02:00Z', text: 'alert fired' },
    { at: '2025-01-05T14:40:00Z', text: 'config push rolled back' },
  ],
  contributingFactors: [
    { kind: 'latent', category: 'process', text: 'config changes skip the canary stage' },
    { kind: 'trigger', category: 'technology', text: 'a config push without validation' },
    { kind: 'latent', category: 'people', text: 'on-call rotation understaffed' },
  ],
};

/** The text of one `## ` section, up to the next `## `. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  expect(start).toBeGreaterThan(0);
  const next = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, next < 0 ? undefined : next);
}

/** The text of one corrective action, from its `### n.` heading to the next. */
function actionBlock(markdown: string, title: string): string {
  const start = markdown.search(new RegExp(`\\n### \\d+\\. ${title}\\n`));
  expect(start).toBeGreaterThan(0);
  const next = markdown.indexOf('\n### ', start + 1);
  return markdown.slice(start, next < 0 ? undefined : next);
}

/** The reason lines of one action's metrics, as a Markdown reader sees them (backslash escapes undone). */
function reasonsShown(block: string): string[] {
  return block
    .split('\n')
    .filter((line) => line.startsWith('    - Reason: '))
    .map((line) => line.slice('    - Reason: '.length).replace(/\\(.)/g, '$1'));
}

/** Text as markdown-it writes it into HTML. */
const htmlText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describeEachDatabase('post-mortem report', (database: DatabaseChoice) => {
  let prometheus: PrometheusFixture;
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  let rich: { id: string };

  async function post(
    path: string,
    body: unknown,
  ): Promise<{ id: string; flags?: Array<{ kind: string; raisedAt: string; reason: string }> }> {
    const res = await editor.post(path, body);
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${res.text}`);
    return res.body;
  }

  async function patch(path: string, body: unknown): Promise<void> {
    const res = await editor.patch(path, body);
    if (res.status !== 200) throw new Error(`PATCH ${path}: ${res.status} ${res.text}`);
  }

  beforeAll(async () => {
    prometheus = await PrometheusFixture.start({
      series: [checkoutLatency('fixed', SHIPPED, 200), checkoutLatency('halfway', SHIPPED, 350)],
      now: MIDNIGHT,
    });
    const datasources = [
      { name: 'prom-main', type: 'prometheus', url: 'http://127.0.0.1:9' },
      { name: 'otel', type: 'otlp' },
      { name: 'prom-live', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 },
    ];
    service = await ServiceProcess.start({ database, datasources, env: { REMEDIATION_SCHEDULER: 'off' } });
    ({ editor, viewer } = await service.clientsFor({ editor: 'report editor', viewer: 'report reader' }));

    rich = await post(BASE, RICH);
    const action = (body: Record<string, unknown>) => post('/api/v1/actions', { postmortemId: rich.id, ...body });

    // Created out of the report's order: P2 before P0, and the later-opened P2 first.
    const docs = await action({
      title: 'Document the rollback',
      ownerTeam: 'docs',
      priority: 'P2',
      openedAt: '2025-01-08T00:00:00Z',
      dueAt: null,
    });
    await action({
      title: 'Alert on config drift',
      ownerTeam: 'sre-core',
      assignee: ASSIGNEES[0],
      priority: 'P2',
      openedAt: '2025-01-06T00:00:00Z',
      dueAt: '2025-02-01T00:00:00Z',
    });
    const canary = await action({
      title: 'Add a canary stage for config',
      ownerTeam: 'platform|team *x*',
      assignee: ASSIGNEES[1],
      priority: 'P0',
      openedAt: '2025-01-07T00:00:00Z',
      dueAt: '2099-01-01T00:00:00Z',
    });
    const dropped = await action({
      title: 'Rewrite the config service',
      ownerTeam: 'platform',
      priority: 'P1',
      openedAt: '2025-01-07T00:00:00Z',
      dueAt: '2025-01-20T00:00:00Z',
    });

    await post(`/api/v1/actions/${canary.id}/metrics`, {
      name: 'checkout p99 latency',
      datasource: 'prom-main',
      query: LATENCY_QUERY,
      direction: 'decrease',
      target: { absolute: 0.25, relativePercent: 20 },
      aggregation: 'p99',
      baseline: 0.4,
    });
    await post(`/api/v1/actions/${canary.id}/metrics`, {
      name: 'payment errors',
      datasource: 'otel',
      selector: { metric: 'payments.errors', attributes: { route: '/pay' }, statistic: 'rate' },
      direction: 'decrease',
      target: { relativePercent: 50 },
    });

    await patch(`/api/v1/actions/${docs.id}`, { status: 'in_progress' });
    await patch(`/api/v1/actions/${docs.id}`, { status: 'implemented' });
    await patch(`/api/v1/actions/${docs.id}`, {
      status: 'verified',
      verificationNote: 'Reviewed in the January game day',
    });
    await patch(`/api/v1/actions/${dropped.id}`, { status: 'wont_fix' });
  });
  afterAll(async () => {
    await service?.destroy();
    await prometheus?.stop();
  });

  async function markdownOf(id: string): Promise<string> {
    const res = await viewer.get(`${BASE}/${id}/report`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    return res.text;
  }

  describe('Markdown', () => {
    let md: string;
    beforeAll(async () => {
      md = await markdownOf(rich.id);
    });

    it('opens with the title and lists the facts', () => {
      expect(md.startsWith('# Checkout returned 500s\n\n_Incident post-mortem · report generated ')).toBe(true);
      const facts = section(md, 'Facts');
      expect(facts).toContain('- **Kind:** incident');
      expect(facts).toContain('- **Severity:** SEV1');
      expect(facts).toContain('- **Occurred:** 2025-01-05 14:02 UTC');
      expect(facts).toContain('- **Resolved:** 2025-01-05 16:17 UTC');
      expect(facts).toContain('- **Duration:** 2 h 15 min');
      expect(facts).toContain('- **Services:** checkout, payments\\_api');
    });

    it('includes the summary, its headings demoted and its open fence closed', () => {
      const summary = section(md, 'Summary');
      expect(summary).toContain('### Impact');
      expect(summary).toContain('Payments failed for **2 h**.');
      expect(summary).toContain('```\npanic: nil map (fence left open)\n```');
    });

    it('lists the timeline in chronological order', () => {
      const entries = section(md, 'Timeline')
        .split('\n')
        .filter((line) => line.startsWith('- '));
      expect(entries).toEqual([
        '- **2025-01-05 14:02 UTC** — alert fired',
        '- **2025-01-05 14:40 UTC** — config push rolled back',
        '- **2025-01-05 16:17 UTC** — error rate back to normal',
      ]);
    });

    it('splits contributing factors into triggers and latent conditions', () => {
      const [triggers, latent] = section(md, 'Contributing factors').split('### Latent conditions (blunt end)');
      expect(triggers).toContain('### Triggers (sharp end)\n\n- **Technology:** a config push without validation\n');
      expect(latent).toContain(
        '- **Process:** config changes skip the canary stage\n- **People:** on-call rotation understaffed',
      );
    });

    it('lists every corrective action by priority, then by when it was opened', () => {
      const headings = section(md, 'Corrective actions').match(/^### .*$/gm);
      expect(headings).toEqual([
        '### 1. Add a canary stage for config',
        '### 2. Rewrite the config service',
        '### 3. Alert on config drift',
        '### 4. Document the rollback',
      ]);
    });

    it('shows team, priority, status and due date, marking only the overdue open action', () => {
      const canary = actionBlock(md, 'Add a canary stage for config');
      expect(canary).toContain('- **Owner team:** platform\\|team \\*x\\*');
      expect(canary).toContain('- **Priority:** P0');
      expect(canary).toContain('- **Status:** open');
      expect(canary).toContain('- **Due:** 2099-01-01 00:00 UTC\n');
      const drift = actionBlock(md, 'Alert on config drift');
      expect(drift).toContain('- **Due:** 2025-02-01 00:00 UTC — **overdue**');
      const dropped = actionBlock(md, 'Rewrite the config service');
      expect(dropped).toContain("- **Status:** won't fix");
      expect(dropped).toContain('- **Due:** 2025-01-20 00:00 UTC\n');
      // The drift alert's due date, and its overdue flag.
      expect(md.match(/\*\*overdue\*\*/g)).toHaveLength(2);
      expect(actionBlock(md, 'Alert on config drift').match(/\*\*overdue\*\*/g)).toHaveLength(2);
    });

    it('describes each success metric with its target and a not-yet-measured outcome', () => {
      const canary = actionBlock(md, 'Add a canary stage for config');
      expect(canary).toContain('  - **checkout p99 latency** (datasource `prom-main`)');
      expect(canary).toContain(`    - Query: \`${LATENCY_QUERY}\``);
      expect(canary).toContain(
        '    - Target: decrease to ≤ 0.25 and by ≥ 20 % from the baseline (p99 over the window)',
      );
      expect(canary).toContain('    - Outcome: not yet measured (baseline 0.4)');
      expect(canary).toContain('  - **payment errors** (datasource `otel`)');
      expect(canary).toContain('    - Selector: `rate(payments.errors{route="/pay"})`');
      expect(canary).toContain('    - Target: decrease by ≥ 50 % from the baseline (avg over the window)');
      expect(canary.indexOf('checkout p99 latency')).toBeLessThan(canary.indexOf('payment errors'));
      // Never scored: no reason line.
      expect(reasonsShown(canary)).toEqual([]);
    });

    it('says which actions have no success metric, and how one was verified by hand', () => {
      for (const title of ['Alert on config drift', 'Document the rollback', 'Rewrite the config service']) {
        expect(actionBlock(md, title)).toContain('- **Success metric:** none — this action has no success metric');
      }
      const docs = actionBlock(md, 'Document the rollback');
      expect(docs).toContain('- **Status:** verified');
      expect(docs).toMatch(
        /\n- \*\*Verified:\*\* manually on \d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)? UTC — Reviewed in the January game day\n/,
      );
      expect(actionBlock(md, 'Add a canary stage for config')).not.toContain('no success metric');
    });

    it('opens the actions with the outcome overview; nothing scored, the flags are those judged when each action changed', () => {
      // Only the drift alert, open since January 2025 and long past due, is flagged: overdue and
      // stalled on its dates alone. The canary's metrics (never scored) give no evidence of a stall.
      expect(section(md, 'Corrective actions')).toContain(
        "\n## Corrective actions\n\n**Outcome:** 1 of 4 actions verified (0 by telemetry, 1 manually) · 1 overdue · 1 stalled · 1 won't fix\n\n### 1. ",
      );
      expect(md.match(/^- \*\*Flags:\*\* none$/gm)).toHaveLength(3);
      expect(actionBlock(md, 'Alert on config drift')).toMatch(
        /\n- \*\*Flags:\*\*\n {2}- \*\*overdue\*\* since .*\n {2}- \*\*stalled\*\* since /,
      );
    });

    it('never names an assignee', () => {
      for (const name of ASSIGNEES) expect(md).not.toContain(name);
    });
  });

  describe('measured and flagged outcomes', () => {
    let outcomes: { id: string };
    let md: string;
    let html: string;
    /** When the runbook action's flags were raised (at its creation, not at the later pass), and why. */
    let lateRaisedAt: string;
    let lateReasons: Record<string, string>;
    /** Each scored action's metric as the API shows it, by action title. */
    const latestOf: Record<string, { name: string; latest: { reason: string | null } }> = {};

    beforeAll(async () => {
      const scorer = await service.clientFor('report scorer', 'scorer');
      const run = async (actionIds: string[], at: number) =>
        expectStatus(await scorer.post('/api/v1/scoring/run', { actionIds, at: iso(at) }), 200);

      outcomes = await post(BASE, {
        kind: 'incident',
        title: 'Checkout latency',
        severity: 'SEV2',
        occurredAt: iso(OPENED),
      });
      const action = (body: Record<string, unknown>) => post('/api/v1/actions', { postmortemId: outcomes.id, ...body });
      const shipped = (id: string) => implementAction(editor, id, SHIPPED);

      // Met from a day after the fix, held for sustainFor: verified by the replay at SHIPPED+3d.
      const fixed = await action({
        title: 'Cap the retry storm',
        ownerTeam: 'payments',
        priority: 'P0',
        openedAt: iso(OPENED),
        assignee: ASSIGNEES[0],
      });
      await shipped(fixed.id);
      await post(`/api/v1/actions/${fixed.id}/metrics`, {
        ...LIVE_METRIC,
        query: 'checkout_latency_ms{service="fixed"}',
      });
      expectStatus(
        await editor.post(`/api/v1/actions/${fixed.id}/backfill`, {
          from: iso(SHIPPED + DAY),
          to: iso(SHIPPED + 4 * DAY),
          every: '6h',
        }),
        200,
      );

      // 400 → 350 against a goal of 300: half way, scored two days after shipping.
      const halfway = await action({
        title: 'Tune the connection pool',
        ownerTeam: 'payments',
        priority: 'P1',
        openedAt: iso(OPENED),
      });
      await shipped(halfway.id);
      await post(`/api/v1/actions/${halfway.id}/metrics`, {
        ...LIVE_METRIC,
        query: 'checkout_latency_ms{service="halfway"}',
      });
      await run([halfway.id], SHIPPED + 2 * DAY);

      // No metric, untouched for 40 days and 5 days late: overdue and stalled from the moment it is created.
      const lateFrom = Date.now();
      const late = await action({
        title: 'Write the runbook',
        ownerTeam: 'docs',
        priority: 'P2',
        openedAt: iso(MIDNIGHT - 40 * DAY),
        dueAt: iso(MIDNIGHT - 5 * DAY),
      });
      expect(late.flags!.map((f) => f.kind).sort()).toEqual(['overdue', 'stalled']);
      expect(late.flags!.every((f) => Date.parse(f.raisedAt) >= lateFrom)).toBe(true);
      // A pass dated midnight decides from then on: the same flags, raised at midnight, in that day's words.
      await run([late.id], MIDNIGHT);
      const judged = (await service.http.get(`/api/v1/actions/${late.id}`)).body as {
        flags: Array<{ kind: string; raisedAt: string; reason: string }>;
      };
      lateRaisedAt = judged.flags[0].raisedAt;
      lateReasons = Object.fromEntries(judged.flags.map((f) => [f.kind, f.reason]));
      expect(judged.flags.map((f) => f.raisedAt)).toEqual([iso(MIDNIGHT), iso(MIDNIGHT)]);
      expect(lateReasons.overdue).toMatch(/^due \d{4}-\d\d-\d\d, 5 days ago$/);
      expect(lateReasons.stalled).toMatch(/^no status change in 40 days and no success metric to show progress$/);

      // Its datasource refuses every connection: three failed checks in a row raise source_error.
      const blind = await action({
        title: 'Alert on pool exhaustion',
        ownerTeam: 'platform',
        priority: 'P2',
        openedAt: iso(MIDNIGHT - DAY),
      });
      await post(`/api/v1/actions/${blind.id}/metrics`, {
        ...LIVE_METRIC,
        name: 'pool wait',
        datasource: 'prom-main',
        query: 'pool_wait_seconds',
      });
      for (const hoursAgo of [3, 2, 1]) await run([blind.id], MIDNIGHT - hoursAgo * HOUR);

      const byHand = await action({
        title: 'Review the alerts',
        ownerTeam: 'docs',
        priority: 'P3',
        openedAt: iso(MIDNIGHT - 3 * DAY),
      });
      await patch(`/api/v1/actions/${byHand.id}`, { status: 'in_progress' });
      await patch(`/api/v1/actions/${byHand.id}`, { status: 'implemented', implementedAt: iso(MIDNIGHT - 2 * DAY) });
      await patch(`/api/v1/actions/${byHand.id}`, { status: 'verified', verificationNote: 'walked through on call' });

      const dropped = await action({ title: 'Rewrite the client', ownerTeam: 'platform', priority: 'P2' });
      await patch(`/api/v1/actions/${dropped.id}`, { status: 'wont_fix' });

      for (const [title, id] of [
        ['Cap the retry storm', fixed.id],
        ['Tune the connection pool', halfway.id],
        ['Alert on pool exhaustion', blind.id],
      ]) {
        const res = await viewer.get(`/api/v1/actions/${id}`);
        expectStatus(res, 200);
        latestOf[title] = res.body.metrics[0];
      }

      md = await markdownOf(outcomes.id);
      const res = await viewer.get(`${BASE}/${outcomes.id}/report?format=html`);
      expectStatus(res, 200);
      html = res.text;
    }, 60_000);

    it('sums the outcome up before the actions', () => {
      expect(section(md, 'Corrective actions')).toContain(
        "\n## Corrective actions\n\n**Outcome:** 2 of 6 actions verified (1 by telemetry, 1 manually) · 1 overdue · 1 stalled · 1 source error · 1 won't fix\n\n### 1. Cap the retry storm\n",
      );
      expect(section(md, 'Corrective actions').match(/^### .*$/gm)).toEqual([
        '### 1. Cap the retry storm',
        '### 2. Tune the connection pool',
        '### 3. Write the runbook',
        '### 4. Alert on pool exhaustion',
        '### 5. Rewrite the client',
        '### 6. Review the alerts',
      ]);
    });

    it('shows a telemetry-verified action with baseline → value vs goal, progress and when it was verified', () => {
      const block = actionBlock(md, 'Cap the retry storm');
      expect(block).toContain('- **Status:** verified\n');
      expect(block).toContain(`- **Implemented:** ${shown(SHIPPED)}\n`);
      expect(block).toContain(
        `- **Verified:** by telemetry on ${shown(SHIPPED + 3 * DAY)} — every success metric met its goal and held\n`,
      );
      expect(block).toContain('- **Flags:** none\n');
      expect(block).toContain(
        `    - Outcome: **met** — 400 → 200 vs goal 300 · progress 100 % (checked ${shown(SHIPPED + 4 * DAY)})`,
      );
    });

    it('shows progress part way to the goal', () => {
      const block = actionBlock(md, 'Tune the connection pool');
      expect(block).toContain('- **Status:** implemented\n');
      expect(block).toContain('- **Flags:** none\n');
      expect(block).toContain(
        `    - Outcome: **improving** — 400 → 350 vs goal 300 · progress 50 % (checked ${shown(SHIPPED + 2 * DAY)})`,
      );
    });

    it('lists the active flags with their reasons and since when', () => {
      const block = actionBlock(md, 'Write the runbook');
      expect(block).toContain(`- **Due:** ${shown(MIDNIGHT - 5 * DAY)} — **overdue**\n`);
      expect(block).toContain(
        [
          '- **Flags:**',
          `  - **overdue** since ${shownAt(lateRaisedAt)} — ${lateReasons.overdue}`,
          `  - **stalled** since ${shownAt(lateRaisedAt)} — ${lateReasons.stalled}`,
        ].join('\n'),
      );
    });

    it('names the metric a flag is about, never by its id', () => {
      const block = actionBlock(md, 'Alert on pool exhaustion');
      expect(block).toContain(
        `- **Flags:**\n  - **source error** since ${shown(MIDNIGHT - HOUR)} — the last 3 checks of metric "pool wait" failed with a datasource error\n`,
      );
      expect(block).toMatch(/ {4}- Outcome: \*\*error\*\* — no baseline → no value \(checked /);
    });

    it("shows each metric's latest reason exactly as the API gives it, under its outcome", () => {
      for (const [title, metric] of Object.entries(latestOf)) {
        expect({ title, reason: metric.latest.reason }).toEqual({ title, reason: expect.stringMatching(/\S/) });
        const block = actionBlock(md, title);
        expect(reasonsShown(block)).toEqual([metric.latest.reason]);
        expect(block).toMatch(/\n {4}- Outcome: .*\n {4}- Reason: /);
        expect(html).toContain(`<li>Reason: ${htmlText(metric.latest.reason!)}</li>`);
      }
      // Never scored: no reason to show.
      expect(reasonsShown(actionBlock(md, 'Write the runbook'))).toEqual([]);
    });

    it('says how and when the metric-less action was verified, and that the dropped one was not', () => {
      expect(actionBlock(md, 'Review the alerts')).toMatch(
        /\n- \*\*Verified:\*\* manually on \d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)? UTC — walked through on call\n/,
      );
      const dropped = actionBlock(md, 'Rewrite the client');
      expect(dropped).toContain("- **Status:** won't fix\n");
      expect(dropped).not.toContain('Verified');
    });

    it('carries the same outcome, flags and progress into the HTML', () => {
      expect(html).toContain(
        "<p><strong>Outcome:</strong> 2 of 6 actions verified (1 by telemetry, 1 manually) · 1 overdue · 1 stalled · 1 source error · 1 won't fix</p>",
      );
      expect(html).toContain(
        `<li><strong>overdue</strong> since ${shownAt(lateRaisedAt)} — ${lateReasons.overdue}</li>`,
      );
      expect(html).toContain('<li>Outcome: <strong>improving</strong> — 400 → 350 vs goal 300 · progress 50 %');
      expect(html).toContain('<li><strong>source error</strong> since ');
      expect(html).toContain('— the last 3 checks of metric &quot;pool wait&quot; failed with a datasource error</li>');
      expect(html).toContain(
        `<li><strong>Verified:</strong> by telemetry on ${shown(SHIPPED + 3 * DAY)} — every success metric met its goal and held</li>`,
      );
    });

    it('never names an assignee', () => {
      for (const name of ASSIGNEES) {
        expect(md).not.toContain(name);
        expect(html).not.toContain(name);
      }
    });
  });

  itOnPostgres(database, 'shows a baseline frozen by the scorer', async () => {
    await withClient(service.database!.url, (c) =>
      c.query(`UPDATE success_metrics SET baseline_value = 0.0125 WHERE name = 'payment errors'`),
    );
    const md = await markdownOf(rich.id);
    const lines = actionBlock(md, 'Add a canary stage for config').split('\n');
    const errors = lines.findIndex((line) => line.includes('**payment errors**'));
    expect(lines[errors + 3]).toBe('    - Outcome: not yet measured (baseline 0.0125)');
  });

  describe('HTML', () => {
    it('is a standalone, printable HTML5 document rendered from the same Markdown', async () => {
      const res = await viewer.get(`${BASE}/${rich.id}/report?format=html`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = res.text;
      expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
      expect(html).toContain('<title>Post-mortem: Checkout returned 500s</title>');
      expect(html).toMatch(/<style>[\s\S]*@media print[\s\S]*<\/style>/);
      expect(html).toContain('<h1>Checkout returned 500s</h1>');
      for (const heading of ['Facts', 'Summary', 'Timeline', 'Contributing factors', 'Corrective actions']) {
        expect(html).toContain(`<h2>${heading}</h2>`);
      }
      expect(html).toContain('<h3>Triggers (sharp end)</h3>');
      expect(html).toContain('<li><strong>Owner team:</strong> platform|team *x*</li>');
      expect(html).toContain('<strong>overdue</strong>');
      expect(html).toContain('<code>rate(payments.errors{route=&quot;/pay&quot;})</code>');
      expect(html).toContain('<pre><code>panic: nil map (fence left open)\n</code></pre>');
      expect(html.trimEnd().endsWith('</html>')).toBe(true);
      for (const name of ASSIGNEES) expect(html).not.toContain(name);
    });

    it('escapes user content: a <script> title and HTML in the summary stay text', async () => {
      const hostile = await post(BASE, {
        kind: 'success',
        title: '<script>alert("pwned")</script> & co',
        summary: 'Look: <img src=x onerror=alert(1)> and [a link](javascript:alert(2))',
        timeline: [{ at: '2025-01-01T00:00:00Z', text: '<b>bold?</b>' }],
      });
      const res = await viewer.get(`${BASE}/${hostile.id}/report?format=html`);
      expect(res.status).toBe(200);
      const html = res.text;
      expect(html).not.toMatch(/<script|<img|<b>|href="javascript:/i);
      expect(html).toContain(
        '<title>Post-mortem: &#60;script&#62;alert(&#34;pwned&#34;)&#60;/script&#62; &#38; co</title>',
      );
      expect(html).toContain('<h1>&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; co</h1>');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).toContain('&lt;b&gt;bold?&lt;/b&gt;');

      const md = await markdownOf(hostile.id);
      expect(md.split('\n')[0]).toBe('# \\<script\\>alert("pwned")\\</script\\> \\& co');
    });

    it('loads images from its own origin only: a remote one (a tracking beacon) becomes a link', async () => {
      const tracked = await post(BASE, {
        kind: 'success',
        title: 'Tracked',
        summary: 'Before ![t](https://attacker.example/p.png) after.\n\n![diagram](/static/diagram.png)',
      });
      const res = await viewer.get(`${BASE}/${tracked.id}/report?format=html`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("img-src 'self';");
      const html = res.text;
      expect(html).not.toContain('<img src="https://attacker.example');
      expect(html).toContain('Before <a href="https://attacker.example/p.png">t</a> after.');
      expect(html).toContain('<img src="/static/diagram.png" alt="diagram">');
    });
  });

  it('renders "none recorded" lines for a post-mortem with nothing but a title', async () => {
    const bare = await post(BASE, { kind: 'premortem', title: 'Black Friday launch' });
    const md = await markdownOf(bare.id);
    expect(md).toContain('_Pre-mortem · report generated ');
    const facts = section(md, 'Facts');
    expect(facts).toContain('- **Severity:** not set');
    expect(facts).toContain('- **Occurred:** not recorded');
    expect(facts).toContain('- **Duration:** unknown');
    expect(facts).toContain('- **Services:** none recorded');
    expect(section(md, 'Summary')).toContain('_No summary recorded._');
    expect(section(md, 'Timeline')).toContain('_None recorded._');
    expect(section(md, 'Contributing factors').match(/_None recorded\._/g)).toHaveLength(2);
    expect(section(md, 'Corrective actions')).toContain('_No corrective actions recorded._');
  });

  describe('requests', () => {
    it.each(['pdf', 'HTML', '', 'markdown,html'])('refuses format=%j with a 400 naming format', async (format) => {
      const res = await viewer.get(`${BASE}/${rich.id}/report?format=${encodeURIComponent(format)}`);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^format\b/);
    });

    it('takes format=markdown explicitly, and refuses unknown parameters', async () => {
      const explicit = await viewer.get(`${BASE}/${rich.id}/report?format=markdown`);
      expect(explicit.status).toBe(200);
      expect(explicit.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
      const unknown = await viewer.get(`${BASE}/${rich.id}/report?style=dark`);
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toMatch(/^style\b/);
    });

    it('needs an API key, and reflects the post-mortem as it is now', async () => {
      expect((await service.http.get(`${BASE}/${rich.id}/report`, { key: null })).status).toBe(401);
      const renamed = await post(BASE, { kind: 'success', title: 'Before' });
      await patch(`${BASE}/${renamed.id}`, { title: 'After' });
      expect((await markdownOf(renamed.id)).split('\n')[0]).toBe('# After');
    });
  });
});
