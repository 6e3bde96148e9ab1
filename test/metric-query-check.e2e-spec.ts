import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachDatabase, expectStatus, HttpClient, ServiceProcess } from '@app/testing';
import { implementAction } from '@app/testing/scenario-seed';
import { DAY, HOUR, MINUTE } from '@app/testing/scenario-clock';
import type { DatabaseChoice } from '@app/testing';
import { generateSamples, PrometheusFixture, relativeGrid, type ScenarioSeries } from '@app/testing/prometheus';

const ACTIONS = '/api/v1/actions';

/**
 * Attaching and changing a metric's query, judged by a real Prometheus: a query that returns
 * several series cannot be scored, so it is refused where the user writes it, not at the first check.
 */
function scenario(now: number): ScenarioSeries[] {
  // Fresh up to an hour ahead, so an instant query at the wall clock finds every series whatever
  // 5-minute boundary the run starts next to (Prometheus looks back 5 minutes for a sample).
  const grid = relativeGrid(now, { fromAgoMs: 20 * DAY, toAgoMs: -HOUR, stepMs: 5 * MINUTE });
  return [
    {
      name: 'checkout_latency_seconds',
      labels: { region: 'eu', service: 'checkout' },
      samples: generateSamples(grid, () => 0.4),
    },
    {
      name: 'checkout_latency_seconds',
      labels: { region: 'us', service: 'checkout' },
      samples: generateSamples(grid, () => 0.6),
    },
    {
      name: 'checkout_p99_seconds',
      labels: { service: 'checkout' },
      samples: generateSamples(grid, (at) => (at < now - 5 * DAY ? 0.8 : 0.5)),
    },
    {
      name: 'queue_depth',
      labels: { service_name: 'checkout', partition: '1' },
      samples: generateSamples(grid, () => 3),
    },
    {
      name: 'queue_depth',
      labels: { service_name: 'checkout', partition: '2' },
      samples: generateSamples(grid, () => 5),
    },
  ];
}

const SINGLE = {
  name: 'checkout p99 latency',
  datasource: 'prom',
  query: 'checkout_p99_seconds{service="checkout"}',
  direction: 'decrease',
  target: { relativePercent: 25 },
  baseline: 0.8,
};

describeEachDatabase('a metric query judged by the datasource', (database: DatabaseChoice) => {
  let prometheus: PrometheusFixture;
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  let scorer: HttpClient;

  beforeAll(async () => {
    const now = Date.now();
    prometheus = await PrometheusFixture.start({ series: scenario, now });
    const datasources = [
      { name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 },
      // A closed port: the datasource does not answer.
      { name: 'down', type: 'prometheus', url: 'http://127.0.0.1:9', timeoutMs: 1000 },
    ];
    service = await ServiceProcess.start({ database, datasources });
    ({ editor, viewer, scorer } = await service.clientsFor({ editor: 'sre', viewer: 'dashboard', scorer: 'cron' }));
  });
  afterAll(async () => {
    await service?.destroy();
    await prometheus?.stop();
  });

  async function newAction(): Promise<string> {
    const openedAt = new Date(Date.now() - 15 * DAY).toISOString();
    const res = await editor.post(ACTIONS, { title: 'Cache the price lookup', ownerTeam: 'payments', openedAt });
    expectStatus(res, 201);
    return res.body.id;
  }

  async function metricsOf(actionId: string): Promise<any[]> {
    const res = await viewer.get(`${ACTIONS}/${actionId}/metrics`);
    expectStatus(res, 200);
    return res.body.items;
  }

  it('refuses at attach a query that returns several series, naming query, the count and the label sets', async () => {
    const actionId = await newAction();
    const res = await editor.post(`${ACTIONS}/${actionId}/metrics`, {
      ...SINGLE,
      query: 'checkout_latency_seconds{service="checkout"}',
    });
    expectStatus(res, 400);
    expect(res.body.message).toMatch(/^query: /);
    expect(res.body.message).toContain('returns 2 series');
    expect(res.body.message).toContain('checkout_latency_seconds{region="eu", service="checkout"}');
    expect(res.body.message).toContain('checkout_latency_seconds{region="us", service="checkout"}');
    expect(await metricsOf(actionId)).toEqual([]);
  });

  it('accepts the same series aggregated into one', async () => {
    const actionId = await newAction();
    const res = await editor.post(`${ACTIONS}/${actionId}/metrics`, {
      ...SINGLE,
      query: 'avg(checkout_latency_seconds{service="checkout"})',
    });
    expectStatus(res, 201);
  });

  it('refuses a change of query to several series, leaving the metric as it was', async () => {
    const actionId = await newAction();
    const added = await editor.post(`${ACTIONS}/${actionId}/metrics`, SINGLE);
    expectStatus(added, 201);
    const res = await editor.patch(`${ACTIONS}/${actionId}/metrics/${added.body.id}`, { query: 'queue_depth' });
    expectStatus(res, 400);
    expect(res.body.message).toMatch(/^query: .*returns 2 series/);
    expect(res.body.message).toContain('queue_depth{partition="1", service_name="checkout"}');
    expect((await metricsOf(actionId)).map((m) => m.query)).toEqual([SINGLE.query]);
  });

  it('accepts a selector, whose translation aggregates into one series', async () => {
    const actionId = await newAction();
    const res = await editor.post(`${ACTIONS}/${actionId}/metrics`, {
      ...SINGLE,
      query: undefined,
      selector: { metric: 'queue.depth', attributes: { 'service.name': 'checkout' }, statistic: 'value' },
    });
    expectStatus(res, 201);
    expect(res.body.translatedQuery).toBe('sum(queue_depth{service_name="checkout"})');
  });

  it('accepts a query it cannot judge because the datasource does not answer', async () => {
    const actionId = await newAction();
    const res = await editor.post(`${ACTIONS}/${actionId}/metrics`, {
      ...SINGLE,
      datasource: 'down',
      query: 'checkout_latency_seconds',
    });
    expectStatus(res, 201);
  });

  it('answers a change with the same read model as a GET: the latest check and its progress', async () => {
    const actionId = await newAction();
    const added = await editor.post(`${ACTIONS}/${actionId}/metrics`, SINGLE);
    expectStatus(added, 201);
    await implementAction(editor, actionId, Date.now() - 10 * DAY);
    expectStatus(await scorer.post('/api/v1/scoring/run', { actionIds: [actionId] }), 200);
    const path = `${ACTIONS}/${actionId}/metrics/${added.body.id}`;
    const patched = await editor.patch(path, { name: 'checkout p99 latency (seconds)' });
    expectStatus(patched, 200);
    const read = await viewer.get(path);
    expect(read.body.latest).toMatchObject({
      metricId: added.body.id,
      verdict: expect.stringMatching(/^(met|improving|not_met)$/),
    });
    expect(read.body.progress).toEqual(expect.any(Number));
    expect(patched.body).toEqual(read.body);
    // Unchanged too: a PATCH that changes nothing answers the same.
    const same = await editor.patch(path, { name: 'checkout p99 latency (seconds)' });
    expect(same.body).toEqual(read.body);
  });
});
