import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeEachDatabase,
  expectStatus,
  HttpClient,
  ServiceProcess,
  type DatabaseChoice,
  until,
} from '@app/testing';
import { DAY, HOUR, MINUTE } from '@app/testing/scenario-clock';
import { generateSamples, prometheusForFile, relativeGrid, type ScenarioSeries } from '@app/testing/prometheus';

/*
 * What a caller's PromQL may ask of Prometheus, and how many metrics one action may carry
 * (docs/operation.md, "Query cost limits"): refused before anything reaches the datasource. A
 * caller who gives up on a preview stops its datasource calls too.
 */

const ACTIONS = '/api/v1/actions';
/** Per-action cap of this file's service, small so the test attaches few metrics. */
const MAX_METRICS = 3;

function scenario(now: number): ScenarioSeries[] {
  // An hour ahead, so an instant query at the wall clock always finds a sample (5-minute lookback).
  const grid = relativeGrid(now, { fromAgoMs: 20 * DAY, toAgoMs: -HOUR, stepMs: 5 * MINUTE });
  return [
    { name: 'checkout_errors_total', labels: { service: 'checkout' }, samples: generateSamples(grid, (t) => t / 1e9) },
  ];
}

const METRIC = {
  name: 'checkout errors',
  datasource: 'prom',
  query: 'sum(checkout_errors_total)',
  direction: 'decrease',
  target: { relativePercent: 25 },
  baseline: 10,
  baselineWindow: '7d',
  evaluationWindow: '1d',
  checkEvery: '1h',
};

/** The attack: a five-year subquery at one second drove Prometheus from 287 MB to 11 GB. */
const ATTACK = 'max_over_time(up[1825d:1s])';

const prometheus = prometheusForFile({ series: scenario, now: Date.now() });

/** A datasource that accepts every request and never answers; it records when each connection closes. */
class SilentUpstream {
  readonly requests: Array<{ path: string; closedAt: number | null }> = [];
  private readonly open = new Set<IncomingMessage>();
  private constructor(private readonly server: Server) {}

  static async start(): Promise<SilentUpstream> {
    const upstream: SilentUpstream = new SilentUpstream(
      createServer((req) => {
        const seen = { path: req.url ?? '', closedAt: null as number | null };
        upstream.requests.push(seen);
        upstream.open.add(req);
        req.socket.on('close', () => {
          seen.closedAt = Date.now();
          upstream.open.delete(req);
        });
        req.resume();
      }),
    );
    await new Promise<void>((resolve) => upstream.server.listen(0, '127.0.0.1', resolve));
    return upstream;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const req of this.open) req.socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

describeEachDatabase('limits on caller PromQL', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  let silent: SilentUpstream;
  let configDir: string;

  beforeAll(async () => {
    silent = await SilentUpstream.start();
    configDir = mkdtempSync(join(tmpdir(), 'rt-limits-'));
    const configFile = join(configDir, 'limits.yaml');
    writeFileSync(configFile, `limits:\n  maxQueryRange: 31d\n  maxMetricsPerAction: ${MAX_METRICS}\n`);
    const datasources = [
      { name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 },
      // Answers nothing for a minute: only a caller giving up ends its requests sooner.
      { name: 'silent', type: 'prometheus', url: silent.url, timeoutMs: 60_000 },
    ];
    service = await ServiceProcess.start({ database, datasources, env: { REMEDIATION_CONFIG: configFile } });
    ({ editor, viewer } = await service.clientsFor({ editor: 'sre', viewer: 'dashboard' }));
  }, 60_000);
  afterAll(async () => {
    await service?.destroy();
    await silent?.stop();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  async function newAction(): Promise<string> {
    const openedAt = new Date(Date.now() - 15 * DAY).toISOString();
    const res = await editor.post(ACTIONS, { title: 'Retry the ledger write', ownerTeam: 'payments', openedAt });
    expectStatus(res, 201);
    return res.body.id;
  }

  async function metricsOf(actionId: string): Promise<any[]> {
    const res = await viewer.get(`${ACTIONS}/${actionId}/metrics`);
    expectStatus(res, 200);
    return res.body.items;
  }

  it('refuses the attack at attach, naming query, the part and the limit, and writes nothing', async () => {
    const actionId = await newAction();
    const res = await editor.post(`${ACTIONS}/${actionId}/metrics`, { ...METRIC, query: ATTACK });
    expectStatus(res, 400);
    expect(res.body.message).toBe(
      'query: the subquery "up[1825d:1s]" spans 1825d, longer than 31d (limits.maxQueryRange)',
    );
    expect(await metricsOf(actionId)).toEqual([]);
  });

  it('refuses the attack at preview', async () => {
    const res = await editor.post('/api/v1/metrics/preview', { ...METRIC, query: ATTACK });
    expectStatus(res, 400);
    expect(res.body.message).toMatch(/^query: the subquery "up\[1825d:1s\]" spans 1825d/);
  });

  it('refuses the attack hidden in nesting deeper than the parser follows', async () => {
    const depth = 4_900;
    const res = await editor.post('/api/v1/metrics/preview', {
      ...METRIC,
      query: `${'('.repeat(depth)}${ATTACK}${')'.repeat(depth)}`,
    });
    expectStatus(res, 400);
    expect(res.body.message).toMatch(/^query: the subquery "\[1825d:1s\]" spans 1825d/);
  });

  it('refuses a subquery of too many points, saying the least resolution', async () => {
    const res = await editor.post('/api/v1/metrics/preview', { ...METRIC, query: 'max_over_time(up[30d:1s])' });
    expectStatus(res, 400);
    expect(res.body.message).toMatch(
      /^query: .*2592000 points per series .*more than 11000; use a resolution of at least/,
    );
  });

  it('refuses a change of query past the limit, leaving the metric as it was', async () => {
    const actionId = await newAction();
    const added = await editor.post(`${ACTIONS}/${actionId}/metrics`, METRIC);
    expectStatus(added, 201);
    const res = await editor.patch(`${ACTIONS}/${actionId}/metrics/${added.body.id}`, {
      query: 'increase(checkout_errors_total[90d])',
    });
    expectStatus(res, 400);
    expect(res.body.message).toMatch(/^query: the range selector .* spans 90d, longer than 31d/);
    expect((await metricsOf(actionId)).map((m) => m.query)).toEqual([METRIC.query]);
  });

  it('accepts an SLO over a month', async () => {
    const actionId = await newAction();
    const res = await editor.post(`${ACTIONS}/${actionId}/metrics`, {
      ...METRIC,
      query: 'sum(increase(checkout_errors_total[30d]))',
    });
    expectStatus(res, 201);
  });

  it('leaves a query it cannot parse to the datasource, whose message the preview passes on', async () => {
    const res = await editor.post('/api/v1/metrics/preview', { ...METRIC, query: 'max_over_time(up[5m]' });
    expectStatus(res, 200);
    expect(res.body.error).toMatch(/^bad_query: .*parse error/);
  });

  it('refuses one metric more than the per-action cap with 409, writing nothing', async () => {
    const actionId = await newAction();
    for (let i = 0; i < MAX_METRICS; i += 1) {
      expectStatus(await editor.post(`${ACTIONS}/${actionId}/metrics`, { ...METRIC, name: `m${i}` }), 201);
    }
    const res = await editor.post(`${ACTIONS}/${actionId}/metrics`, { ...METRIC, name: 'one too many' });
    expectStatus(res, 409);
    expect(res.body.message).toContain(`at most ${MAX_METRICS} success metrics`);
    expect(res.body.message).toContain('limits.maxMetricsPerAction');
    expect(await metricsOf(actionId)).toHaveLength(MAX_METRICS);
    const events = await viewer.get(`${ACTIONS}/${actionId}/events`);
    expectStatus(events, 200);
    expect(events.body.items.filter((e: any) => e.type === 'metric_added')).toHaveLength(MAX_METRICS);
  });

  it('holds the cap when attaches race', async () => {
    const actionId = await newAction();
    const results = await Promise.all(
      Array.from({ length: MAX_METRICS + 3 }, (_, i) =>
        editor.post(`${ACTIONS}/${actionId}/metrics`, { ...METRIC, name: `racer ${i}` }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(MAX_METRICS);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
    expect(await metricsOf(actionId)).toHaveLength(MAX_METRICS);
  });

  it('closes the datasource connection when the caller gives up on a preview', async () => {
    const before = silent.requests.length;
    const controller = new AbortController();
    const pending = fetch(`${service.baseUrl}/api/v1/metrics/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editor.defaultKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...METRIC, datasource: 'silent' }),
      signal: controller.signal,
    }).catch((err: unknown) => err);
    expect(await until(() => silent.requests.length > before, 10_000)).toBe(true);
    controller.abort();
    await pending;
    const mine = () => silent.requests.slice(before);
    // The upstream would hold the connection for its 60 s deadline; a generous bound well below it.
    const closed = await until(() => mine().every((r) => r.closedAt !== null), 15_000);
    expect(mine().map((r) => ({ path: r.path, closed: r.closedAt !== null }))).toEqual(
      mine().map((r) => ({ path: r.path, closed: true })),
    );
    expect(closed).toBe(true);
  }, 30_000);

  it('ends the query check of an attach once its patience is spent, not at the datasource deadline', async () => {
    const before = silent.requests.length;
    const actionId = await newAction();
    // The datasource does not answer: the metric is attached unjudged after the check's patience.
    const res = await editor.post(`${ACTIONS}/${actionId}/metrics`, { ...METRIC, datasource: 'silent' });
    expectStatus(res, 201);
    const mine = () => silent.requests.slice(before);
    expect(mine().map((r) => r.path)).toEqual(['/api/v1/query']);
    expect(await until(() => mine().every((r) => r.closedAt !== null), 15_000)).toBe(true);
  }, 30_000);

  it('refuses a backfill of more checks than one request may replay, counting every metric of the action', async () => {
    const actionId = await newAction();
    for (let i = 0; i < MAX_METRICS; i += 1) {
      expectStatus(await editor.post(`${ACTIONS}/${actionId}/metrics`, { ...METRIC, name: `m${i}` }), 201);
    }
    const to = Math.floor(Date.now() / HOUR) * HOUR;
    // 3,334 hourly check times: within the 5,000 a request may replay, but 10,002 checks with 3 metrics.
    const from = to - 3_333 * HOUR;
    const res = await editor.post(`${ACTIONS}/${actionId}/backfill`, {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      every: '1h',
    });
    expectStatus(res, 400);
    expect(res.body.message).toBe(
      'every: [from, to] at this interval is 3334 check times for 3 metrics, 10002 checks, more than 10000; use a longer interval or a shorter range',
    );
    const evaluations = await viewer.get(`${ACTIONS}/${actionId}/metrics`);
    expect(evaluations.body.items.every((m: any) => m.latest === null)).toBe(true);
  });
});
