import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpResult, ServiceProcess, tempDir } from '@app/testing';

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
              gauge: {
                dataPoints: [
                  { attributes: [{ key: 'queue', value: str('payments') }], timeUnixNano: String(now), asDouble: 3 },
                ],
              },
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
    // Every metric received is kept unless otlp.keep leaves it out, as it does for all but the queue here.
    const config = join(tempDir('rt-metrics-endpoint-'), 'keep.yaml');
    writeFileSync(config, 'otlp:\n  keep: ["checkout.queue.*"]\n');
    service = await ServiceProcess.start({ database: 'embedded', env: { REMEDIATION_CONFIG: config } });
    const res = await service.http.post('/api/v1/keys', { name: 'collector', role: 'ingest' });
    expectStatus(res, 201);
    ingestKey = res.body.key;
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
    if (check.status !== 0 && check.status !== 3)
      throw new Error(`promtool check metrics exited ${check.status}: ${check.stderr}${check.stdout}`);
  });

  it('counts the points of an OTLP export by outcome and reason, and the request', async () => {
    const before = (await scrape()).body;
    const res = await fetch(`${service.baseUrl}/v1/metrics`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ingestKey}` },
      body: JSON.stringify(exportRequest(['checkout.queue.depth', 'checkout.unkept.metric'])),
    });
    expect(res.status).toBe(200);
    // Leaving a metric out is the operator's choice, not the sender's fault: nothing reported back.
    expect(await res.json()).toEqual({});
    const after = (await scrape()).body;
    const delta = (series: string) => (sample(after, series) ?? NaN) - (sample(before, series) ?? NaN);
    expect(delta('remediation_otlp_points_total{outcome="accepted"}')).toBe(1);
    expect(delta('remediation_otlp_points_total{outcome="dropped",reason="not_kept"}')).toBe(1);
    for (const reason of [
      'series_budget',
      'series_limit',
      'not_finite',
      'too_old',
      'out_of_order',
      'unsupported_kind',
    ]) {
      expect([reason, delta(`remediation_otlp_points_total{outcome="rejected",reason="${reason}"}`)]).toEqual([
        reason,
        0,
      ]);
    }
    expect(delta('remediation_otlp_requests_total{outcome="accepted"}')).toBe(1);
    expect(delta('remediation_otlp_requests_total{outcome="partial"}')).toBe(0);
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
    expect(sample((await scrape()).body, 'remediation_otlp_requests_total{outcome="unauthorized"}')).toBe(
      (before ?? NaN) + 1,
    );
  });
});
