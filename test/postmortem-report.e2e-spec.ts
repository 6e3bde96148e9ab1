import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeEachDatabase, HttpClient, itOnPostgres, ServiceProcess, withClient } from '@app/testing';
import type { DatabaseChoice } from '@app/testing';

const BASE = '/api/v1/postmortems';
const DATASOURCES = JSON.stringify([
  { name: 'prom-main', type: 'prometheus', url: 'http://127.0.0.1:9' },
  { name: 'otel', type: 'otlp' },
]);
// Names that must never reach the report: the assignee is for coordination only.
const ASSIGNEES = ['Jane Doe', 'John Roe'];
const LATENCY_QUERY = 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[5m])))';

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

describeEachDatabase('post-mortem report', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  let rich: { id: string };

  async function post(path: string, body: unknown): Promise<{ id: string }> {
    const res = await editor.post(path, body);
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${res.text}`);
    return res.body;
  }

  async function patch(path: string, body: unknown): Promise<void> {
    const res = await editor.patch(path, body);
    if (res.status !== 200) throw new Error(`PATCH ${path}: ${res.status} ${res.text}`);
  }

  beforeAll(async () => {
    service = await ServiceProcess.start({ database, env: { REMEDIATION_DATASOURCES: DATASOURCES } });
    const issue = async (name: string, role: string): Promise<HttpClient> => {
      const issued = await service.http.post('/api/v1/keys', { name, role });
      expect(issued.status).toBe(201);
      return service.http.withKey(issued.body.key);
    };
    editor = await issue('report editor', 'editor');
    viewer = await issue('report reader', 'viewer');

    rich = await post(BASE, RICH);
    const action = (body: Record<string, unknown>) => post('/api/v1/actions', { postmortemId: rich.id, ...body });

    // Created out of the report's order: P2 before P0, and the later-opened P2 first.
    const docs = await action({ title: 'Document the rollback', ownerTeam: 'docs', priority: 'P2', openedAt: '2025-01-08T00:00:00Z', dueAt: null });
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
    await patch(`/api/v1/actions/${docs.id}`, { status: 'verified', verificationNote: 'Reviewed in the January game day' });
    await patch(`/api/v1/actions/${dropped.id}`, { status: 'wont_fix' });
  });
  afterAll(async () => service?.destroy());

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
      expect(latent).toContain('- **Process:** config changes skip the canary stage\n- **People:** on-call rotation understaffed');
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
      expect(md.match(/\*\*overdue\*\*/g)).toHaveLength(1);
    });

    it('describes each success metric with its target and a not-yet-measured outcome', () => {
      const canary = actionBlock(md, 'Add a canary stage for config');
      expect(canary).toContain('  - **checkout p99 latency** (datasource `prom-main`)');
      expect(canary).toContain(`    - Query: \`${LATENCY_QUERY}\``);
      expect(canary).toContain('    - Target: decrease to ≤ 0.25 and by ≥ 20 % from the baseline (p99 over the window)');
      expect(canary).toContain('    - Outcome: not yet measured (baseline 0.4)');
      expect(canary).toContain('  - **payment errors** (datasource `otel`)');
      expect(canary).toContain('    - Selector: `rate(payments.errors{route="/pay"})`');
      expect(canary).toContain('    - Target: decrease by ≥ 50 % from the baseline (avg over the window)');
      expect(canary.indexOf('checkout p99 latency')).toBeLessThan(canary.indexOf('payment errors'));
    });

    it('says which actions have no success metric, and how one was verified by hand', () => {
      for (const title of ['Alert on config drift', 'Document the rollback', 'Rewrite the config service']) {
        expect(actionBlock(md, title)).toContain('- **Success metric:** none — this action has no success metric');
      }
      const docs = actionBlock(md, 'Document the rollback');
      expect(docs).toContain('- **Status:** verified');
      expect(docs).toContain('- **Verified:** manually — Reviewed in the January game day');
      expect(actionBlock(md, 'Add a canary stage for config')).not.toContain('no success metric');
    });

    it('never names an assignee', () => {
      for (const name of ASSIGNEES) expect(md).not.toContain(name);
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
      expect(html).toContain('<title>Post-mortem: &#60;script&#62;alert(&#34;pwned&#34;)&#60;/script&#62; &#38; co</title>');
      expect(html).toContain('<h1>&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; co</h1>');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).toContain('&lt;b&gt;bold?&lt;/b&gt;');

      const md = await markdownOf(hostile.id);
      expect(md.split('\n')[0]).toBe('# \\<script\\>alert("pwned")\\</script\\> \\& co');
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
