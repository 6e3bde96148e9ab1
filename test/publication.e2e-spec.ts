import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDatabase, expectStatus, HttpClient, ServiceProcess } from '@app/testing';
import type { DatabaseChoice } from '@app/testing';
import { atomProblems } from '@app/testing/atom-validator';
import { implementAction, replayAfterFix, SUSTAINED_LATENCY_METRIC } from '@app/testing/scenario-seed';
import { DAY, iso, MIDNIGHT } from '@app/testing/scenario-clock';
import { checkoutLatency, PrometheusFixture } from '@app/testing/prometheus';

const OPENED = MIDNIGHT - 20 * DAY;
const SHIPPED = MIDNIGHT - 10 * DAY;
const PUBLIC_LIMIT = 60;

/**
 * Every internal field of a post-mortem, its actions and metrics carries one of these; none may
 * reach the public page or the feed. The datasource's name and the keys' names are markers too.
 */
const MARKERS = {
  postmortemSummary: 'zqinternalsummaryzq',
  service: 'zqservicezq',
  description: 'zqdescriptionzq',
  assignee: 'zqassigneezq',
  ownerTeam: 'zqownerteamzq',
  externalRef: 'zqexternalrefzq',
  verificationNote: 'zqverificationnotezq',
  query: 'zqquerylabelzq',
  datasource: 'zqdatasourcezq',
  selectorMetric: 'zqselectormetriczq',
  selectorAttribute: 'zqselectorattributezq',
  editorKeyName: 'zqeditorkeyzq',
  viewerKeyName: 'zqviewerkeyzq',
};

const PUBLIC_SUMMARY =
  'On **5 November** checkout was slow for 40 minutes. [Status history](https://status.example.com/)';

describeEachDatabase('publishing a post-mortem', (database: DatabaseChoice) => {
  let prometheus: PrometheusFixture;
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  let keys: string[];
  let postmortemId: string;
  let fixed: string;
  let base: string;

  const publicGet = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${service.baseUrl}${path}`, { headers, redirect: 'manual' });

  beforeAll(async () => {
    prometheus = await PrometheusFixture.start({ series: [checkoutLatency('fixed', SHIPPED, 200)], now: MIDNIGHT });
    const configDir = mkdtempSync(join(tmpdir(), 'publication-config-'));
    const config = join(configDir, 'config.yaml');
    writeFileSync(
      config,
      `server:\n  publicRequestsPerMinute: ${PUBLIC_LIMIT}\npublications:\n  publisher: Acme Checkout\n`,
    );
    service = await ServiceProcess.start({
      database,
      datasources: [
        { name: MARKERS.datasource, type: 'prometheus', url: prometheus.url, timeoutMs: 5000 },
        { name: 'otel', type: 'otlp' },
      ],
      env: { REMEDIATION_SCHEDULER: 'off', REMEDIATION_CONFIG: config },
    });
    const editorKey = await service.issueKey(MARKERS.editorKeyName, 'editor');
    const viewerKey = await service.issueKey(MARKERS.viewerKeyName, 'viewer');
    keys = [editorKey, viewerKey, service.adminKey!];
    editor = new HttpClient(service.baseUrl, editorKey);
    viewer = new HttpClient(service.baseUrl, viewerKey);
    base = `/api/v1/postmortems`;

    const pm = await editor.post(base, {
      kind: 'incident',
      title: 'Checkout latency spike',
      severity: 'SEV2',
      occurredAt: iso(OPENED),
      resolvedAt: iso(OPENED + 40 * 60_000),
      services: [MARKERS.service],
      summary: `Internal: ${MARKERS.postmortemSummary}`,
      timeline: [{ at: iso(OPENED), text: 'p99 alert fired' }],
      contributingFactors: [
        { kind: 'trigger', category: 'technology', text: 'a retry storm after a deploy' },
        { kind: 'latent', category: 'process', text: 'retries had no budget' },
      ],
    });
    expectStatus(pm, 201);
    postmortemId = pm.body.id;

    const action = async (body: Record<string, unknown>) => {
      const res = await editor.post('/api/v1/actions', {
        postmortemId,
        ownerTeam: MARKERS.ownerTeam,
        assignee: MARKERS.assignee,
        description: `Internal: ${MARKERS.description}`,
        externalRef: `https://tracker.internal.example/${MARKERS.externalRef}`,
        openedAt: iso(OPENED),
        ...body,
      });
      expectStatus(res, 201);
      return res.body.id as string;
    };

    // Verified by telemetry: met from a day after the fix, held for sustainFor, replayed.
    fixed = await action({ title: 'Cap the retry storm', priority: 'P0' });
    await implementAction(editor, fixed, SHIPPED);
    expectStatus(
      await editor.post(`/api/v1/actions/${fixed}/metrics`, {
        ...SUSTAINED_LATENCY_METRIC,
        name: 'checkout p99 latency',
        datasource: MARKERS.datasource,
        query: `label_replace(checkout_latency_ms{service="fixed"}, "note", "${MARKERS.query}", "", "")`,
      }),
      201,
    );
    await replayAfterFix(editor, fixed, SHIPPED);

    // Still open, measured by an OpenTelemetry selector.
    const open = await action({ title: 'Give retries a budget', priority: 'P1' });
    expectStatus(
      await editor.post(`/api/v1/actions/${open}/metrics`, {
        name: 'retry share',
        datasource: 'otel',
        selector: {
          metric: MARKERS.selectorMetric,
          attributes: { route: MARKERS.selectorAttribute },
          statistic: 'rate',
        },
        direction: 'decrease',
        target: { relativePercent: 50 },
      }),
      201,
    );

    // Verified by hand, with a note that stays internal.
    const manual = await action({ title: 'Write the retry runbook', priority: 'P2' });
    await implementAction(editor, manual, SHIPPED);
    expectStatus(
      await editor.patch(`/api/v1/actions/${manual}`, {
        status: 'verified',
        verificationNote: `Reviewed: ${MARKERS.verificationNote}`,
      }),
      200,
    );

    const verified = await viewer.get(`/api/v1/actions/${fixed}`);
    expect(verified.body).toMatchObject({ status: 'verified', verification: 'telemetry' });
  });

  afterAll(async () => {
    await service?.destroy();
    await prometheus?.stop();
  });

  function expectNoMarker(text: string): void {
    for (const [field, marker] of Object.entries(MARKERS)) {
      if (text.includes(marker)) throw new Error(`the internal ${field} (${marker}) is public`);
    }
    for (const key of keys) expect(text).not.toContain(key);
    expect(text).not.toContain('tracker.internal.example');
    expect(text).not.toContain('checkout_latency_ms');
  }

  it('refuses bad input naming the field, and viewers may not publish', async () => {
    const missing = await editor.post(`${base}/${postmortemId}/publication`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/summary/);
    const blank = await editor.post(`${base}/${postmortemId}/publication`, { summary: '  \u200b ' });
    expect(blank.status).toBe(400);
    expect(blank.body.message).toMatch(/summary/);
    const wrongType = await editor.post(`${base}/${postmortemId}/publication`, {
      summary: 'x',
      includeTimeline: 'yes',
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toMatch(/includeTimeline/);
    const unknown = await editor.post(`${base}/${postmortemId}/publication`, { summary: 'x', slug: 'mine' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/slug/);
    expect((await viewer.post(`${base}/${postmortemId}/publication`, { summary: 'x' })).status).toBe(403);
    expect((await viewer.get(`${base}/${postmortemId}/publication`)).status).toBe(404);
    expect(
      (await editor.post(`${base}/00000000-0000-4000-8000-000000000000/publication`, { summary: 'x' })).status,
    ).toBe(404);
  });

  describe('once published', () => {
    let slug: string;
    let url: string;

    beforeAll(async () => {
      const res = await editor.post(`${base}/${postmortemId}/publication`, { summary: PUBLIC_SUMMARY });
      expectStatus(res, 201);
      ({ slug, url } = res.body);
      expect(Date.parse(res.body.publishedAt)).toBeGreaterThan(Date.now() - 60_000);
    });

    it('has a stable, unguessable address that viewers see', async () => {
      expect(slug).toMatch(/^checkout-latency-spike-[A-Za-z0-9_-]{16}$/);
      expect(url).toBe(`${service.baseUrl}/public/postmortems/${slug}`);
      const state = await viewer.get(`${base}/${postmortemId}/publication`);
      expectStatus(state, 200);
      expect(state.body).toMatchObject({
        slug,
        url,
        summary: PUBLIC_SUMMARY,
        includeTimeline: true,
        includeActions: true,
      });
      const again = await editor.post(`${base}/${postmortemId}/publication`, { summary: 'twice' });
      expect(again.status).toBe(409);
    });

    it('shows the public page to anyone: facts, summary, factors, outcomes in words and sparklines', async () => {
      const res = await publicGet(`/public/postmortems/${slug}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html).toContain('<h1>Checkout latency spike</h1>');
      expect(html).toContain('SEV2');
      expect(html).toContain('On <strong>5 November</strong> checkout was slow for 40 minutes.');
      expect(html).toContain('p99 alert fired');
      expect(html).toContain('a retry storm after a deploy');
      expect(html).toContain('retries had no budget');
      expect(html).toMatch(
        /The fix worked — verified by telemetry on \d{4}-\d{2}-\d{2}: checkout p99 latency 400 → 200 against a goal of 300\./,
      );
      expect(html).toContain('Give retries a budget');
      expect(html).toContain('Planned. Retry share not measured yet');
      expect(html).toContain('Done — verified by a manual check');
      expect(html.match(/<svg class="sparkline"/g)).toHaveLength(1);
      expect(html).toContain('Published by Acme Checkout.');
    });

    it('is sent with a strict policy, cacheable, with no cookie, and answers 304 to its ETag', async () => {
      const res = await publicGet(`/public/postmortems/${slug}`);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; /);
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('cache-control')).toBe('public, max-age=60');
      expect(res.headers.get('set-cookie')).toBeNull();
      const etag = res.headers.get('etag');
      expect(etag).toBeTruthy();
      // As a browser revalidates (fetch alone would add `Cache-Control: no-cache` to a conditional request).
      const again = await publicGet(`/public/postmortems/${slug}`, {
        'if-none-match': etag!,
        'cache-control': 'max-age=0',
      });
      expect(again.status).toBe(304);
    });

    it('never shows an internal field: the page and the feed', async () => {
      expectNoMarker(await (await publicGet(`/public/postmortems/${slug}`)).text());
      expectNoMarker(await (await publicGet('/public/postmortems.atom')).text());
    });

    it('lists it in a valid Atom feed', async () => {
      const res = await publicGet('/public/postmortems.atom');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      const xml = await res.text();
      expect(await atomProblems(xml)).toEqual([]);
      expect(xml).toContain(`<link href="${url}"/>`);
      expect(xml).toContain('<title type="html"><![CDATA[Checkout latency spike]]></title>');
      expect(xml).toContain('<name>Acme Checkout</name>');
    });

    it('updates in place: same address, the choices apply, each change audited', async () => {
      const res = await editor.put(`${base}/${postmortemId}/publication`, {
        summary: 'Checkout was slow; here is what we changed.',
        includeTimeline: false,
      });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ slug, url, includeTimeline: false, includeActions: true });
      const html = await (await publicGet(`/public/postmortems/${slug}`)).text();
      expect(html).toContain('Checkout was slow; here is what we changed.');
      expect(html).not.toContain('p99 alert fired');
      const events = await viewer.get(`${base}/${postmortemId}/events`);
      expectStatus(events, 200);
      expect(events.body.items.map((e: { type: string }) => e.type)).toEqual(['published', 'publication_updated']);
      expect(events.body.items[1]).toMatchObject({
        actor: MARKERS.editorKeyName,
        changes: {
          slug: { from: slug, to: slug },
          includeTimeline: { from: true, to: false },
          summary: { from: PUBLIC_SUMMARY, to: 'Checkout was slow; here is what we changed.' },
        },
      });
    });

    it('previews a change exactly as the public would see it, without publishing it', async () => {
      const res = await editor.post(`${base}/${postmortemId}/publication/preview`, {
        summary: 'A draft nobody sees yet',
        includeActions: false,
      });
      expectStatus(res, 200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('A draft nobody sees yet');
      expect(res.text).not.toContain('Cap the retry storm');
      expectNoMarker(res.text);
      const live = await (await publicGet(`/public/postmortems/${slug}`)).text();
      expect(live).not.toContain('A draft nobody sees yet');
      expect(live).toContain('Cap the retry storm');
    });

    it('is served while the datasource is down, with the last measured outcome', async () => {
      await prometheus.stop();
      // A check while it is down records an error; the page keeps what was last measured.
      const scorer = await service.clientFor('publication scorer', 'scorer');
      expectStatus(await scorer.post('/api/v1/scoring/run', { actionIds: [fixed], at: iso(SHIPPED + 5 * DAY) }), 200);
      const latest = await viewer.get(`/api/v1/actions/${fixed}/evaluations?limit=1`);
      expect(latest.body.items[0]).toMatchObject({ verdict: 'error' });
      const res = await publicGet(`/public/postmortems/${slug}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('verified by telemetry on');
      expect(await (await publicGet(`/public/postmortems/${slug}`)).text()).toContain(
        'checkout p99 latency 400 → 200 against a goal of 300',
      );
    });

    it('keeps the post-mortem from being deleted while published', async () => {
      const res = await editor.delete(`${base}/${postmortemId}`);
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/withdraw/);
    });

    describe('withdrawn', () => {
      beforeAll(async () => {
        expectStatus(await editor.delete(`${base}/${postmortemId}/publication`), 204);
      });

      it('answers 410 Gone at its address, and leaves the feed', async () => {
        const gone = await publicGet(`/public/postmortems/${slug}`, { accept: 'text/html' });
        expect(gone.status).toBe(410);
        expect(await gone.text()).toContain('This post-mortem summary has been withdrawn by its publisher.');
        const xml = await (await publicGet('/public/postmortems.atom')).text();
        expect(xml).not.toContain(slug);
        expect(await atomProblems(xml)).toEqual([]);
        expect((await viewer.get(`${base}/${postmortemId}/publication`)).status).toBe(404);
        expect((await editor.delete(`${base}/${postmortemId}/publication`)).status).toBe(404);
        const events = await viewer.get(`${base}/${postmortemId}/events`);
        expect(events.body.items.map((e: { type: string }) => e.type)).toEqual([
          'published',
          'publication_updated',
          'withdrawn',
        ]);
      });

      it('gets a new address when published again; the old one stays gone', async () => {
        const res = await editor.post(`${base}/${postmortemId}/publication`, { summary: 'Back, corrected.' });
        expectStatus(res, 201);
        expect(res.body.slug).not.toBe(slug);
        expect((await publicGet(`/public/postmortems/${slug}`)).status).toBe(410);
        expect((await publicGet(`/public/postmortems/${res.body.slug}`)).status).toBe(200);
      });
    });
  });

  it('answers 404 for an address that was never published: a page for browsers, JSON for others', async () => {
    const browser = await publicGet('/public/postmortems/never-published-AAAAAAAAAAAAAAAA', {
      accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
    });
    expect(browser.status).toBe(404);
    expect(browser.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await browser.text()).toContain('There is no published post-mortem at this address.');
    const client = await publicGet('/public/postmortems/..%2F..%2Fetc');
    expect(client.status).toBe(404);
    expect(client.headers.get('vary')).toMatch(/\bAccept\b/);
    expect(await client.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'there is no published post-mortem at this address',
    });
  });

  it('limits the public pages per address', async () => {
    let limited: Response | null = null;
    for (let i = 0; i <= PUBLIC_LIMIT && !limited; i++) {
      const res = await publicGet('/public/postmortems.atom');
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(200);
    }
    expect(limited).not.toBeNull();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    // The API itself is limited per key, not by this window.
    expect((await viewer.get(`${base}/${postmortemId}`)).status).toBe(200);
  });
});
