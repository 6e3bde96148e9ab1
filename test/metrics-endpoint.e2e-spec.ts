import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { HttpResult, ServiceProcess } from '@app/testing';

/** GET /metrics: the service's own telemetry, scraped without a key, in the Prometheus text format. */

function expectStatus(res: HttpResult, status: number): void {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
}

/** The value of one sample line `name{labels} value` of the exposition text, or undefined. */
function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const str = (value: string) => ({ stringValue: value });

/** An OTLP JSON export request with one gauge point for each metric name, stamped now. */
function exportRequest(names: string[]): object {
  const now = BigInt(Date.now()) * 1_000_000n;
  return {
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'service.name', value: str('checkout') }] },
        scopeMetrics: [
          {
            scope: { name: 'metrics-endpoint-test' },
            metrics: names.map((name) => ({
              name,
              gauge: { dataPoints: [{ attributes: [{ key: 'queue', value: str('payments') }], timeUnixNano: String(now), asDouble: 3 }] },
            })),
          },
        ],
      },
    ],
  };
}

describe('GET /metrics', () => {
  let service: ServiceProcess;
  let ingestKey: string;

  beforeAll(async () => {
    service = await ServiceProcess.start({
      database: 'embedded',
      env: { REMEDIATION_DATASOURCES: JSON.stringify([{ name: 'otel', type: 'otlp' }]) },
    });
    const issue = async (name: string, role: string): Promise<string> => {
      const res = await service.http.post('/api/v1/keys', { name, role });
      expectStatus(res, 201);
      return res.body.key;
    };
    const editor = service.http.withKey(await issue('sre', 'editor'));
    ingestKey = await issue('collector', 'ingest');
    // A selector naming `checkout.queue.depth`: the receiver keeps that metric and drops others.
    const action = await editor.post('/api/v1/actions', { title: 'Drain the payments queue', ownerTeam: 'payments' });
    expectStatus(action, 201);
    const metric = await editor.post(`/api/v1/actions/${action.body.id}/metrics`, {
      name: 'queue depth',
      datasource: 'otel',
      selector: { metric: 'checkout.queue.depth', attributes: { 'service.name': 'checkout' }, statistic: 'value' },
      direction: 'decrease',
      target: { absolute: 1 },
    });
    expectStatus(metric, 201);
  }, 90_000);
  afterAll(async () => {
    await service?.destroy();
  });

  async function scrape(): Promise<{ status: number; contentType: string | null; body: string }> {
    const res = await fetch(`${service.baseUrl}/metrics`);
    return { status: res.status, contentType: res.headers.get('content-type'), body: await res.text() };
  }

  it('answers without a key, in the text format promtool accepts, with the process metrics', async () => {
    const { status, contentType, body } = await scrape();
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(body).toMatch(/^# TYPE process_cpu_user_seconds_total counter$/m);
    expect(body).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(body).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(body).toMatch(/^# TYPE remediation_otlp_points_total counter$/m);
    expect(body).toMatch(/^# TYPE remediation_otlp_requests_total counter$/m);
    // promtool exits 1 on a parse error, 3 on lint problems only (naming advice): only the former fails.
    const check = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8' });
    expect(check.error).toBeUndefined();
    if (check.status !== 0 && check.status !== 3) throw new Error(`promtool check metrics exited ${check.status}: ${check.stderr}${check.stdout}`);
  });

  it('counts the points of an OTLP export as accepted or dropped, and the request', async () => {
    const before = (await scrape()).body;
    const res = await fetch(`${service.baseUrl}/v1/metrics`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ingestKey}` },
      body: JSON.stringify(exportRequest(['checkout.queue.depth', 'checkout.unselected.metric'])),
    });
    expect(res.status).toBe(200);
    await res.text();
    const after = (await scrape()).body;
    const delta = (series: string) => (sample(after, series) ?? NaN) - (sample(before, series) ?? NaN);
    expect(delta('remediation_otlp_points_total{outcome="accepted"}')).toBe(1);
    expect(delta('remediation_otlp_points_total{outcome="dropped"}')).toBe(1);
    expect(delta('remediation_otlp_points_total{outcome="rejected"}')).toBe(0);
    expect(delta('remediation_otlp_requests_total{outcome="accepted"}')).toBe(1);
    expect(delta('remediation_otlp_requests_total{outcome="invalid"}')).toBe(0);
  });

  it('counts a refused request by its outcome', async () => {
    const before = sample((await scrape()).body, 'remediation_otlp_requests_total{outcome="unauthorized"}');
    const res = await fetch(`${service.baseUrl}/v1/metrics`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(exportRequest(['checkout.queue.depth'])),
    });
    expect(res.status).toBe(401);
    await res.text();
    expect(sample((await scrape()).body, 'remediation_otlp_requests_total{outcome="unauthorized"}')).toBe((before ?? NaN) + 1);
  });
});
