import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, ServiceProcess, TcpProxy } from '@app/testing';
import type { HttpResult, TestDatabase } from '@app/testing';
import { ExportMetricsServiceRequest } from '../apps/api/src/otlp/decode/otlp-request.decoder';

/** One gauge point in OTLP protobuf, as an exporter sends it. */
function otlpExport(): Uint8Array {
  const request = {
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
        scopeMetrics: [
          {
            metrics: [
              {
                name: 'checkout.queue.depth',
                gauge: { dataPoints: [{ timeUnixNano: (BigInt(Date.now()) * 1_000_000n).toString(), asDouble: 1 }] },
              },
            ],
          },
        ],
      },
    ],
  };
  return ExportMetricsServiceRequest.encode(ExportMetricsServiceRequest.fromObject(request)).finish();
}

const postmortem = (title: string) => ({
  kind: 'incident',
  title,
  severity: 'SEV3',
  occurredAt: '2026-01-05T10:00:00Z',
  services: ['checkout'],
});

/** Every failure while the database is away must be this: 503, Retry-After, the error shape. */
function expectUnavailable(res: HttpResult, what: string): void {
  if (res.status !== 503) throw new Error(`${what}: expected 503, got ${res.status}: ${res.text}`);
  expect(res.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.any(String) });
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
}

/**
 * The API on PostgreSQL through a TCP proxy the test cuts and restores: what clients see of a
 * database restart (docs/api.md, "Errors"; docs/operation.md, "Database outages").
 */
describe('a PostgreSQL outage', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let service: ServiceProcess;
  const acknowledged: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const direct = new URL(database.url);
    proxy = await TcpProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) });
    const proxied = new URL(database.url);
    proxied.port = String(proxy.port);
    // The database is created here, so the service gets the proxied URL and no database of its own.
    service = await ServiceProcess.start({ database: 'embedded', env: { DATABASE_URL: proxied.toString() } });
  });
  afterAll(async () => {
    await service?.destroy();
    await proxy?.close();
    await database?.drop();
  });

  async function write(title: string): Promise<HttpResult> {
    const res = await service.http.post('/api/v1/postmortems', postmortem(title));
    if (res.status === 201) acknowledged.push(res.body.id);
    return res;
  }

  it('writes through the proxy while the database is there', async () => {
    for (let i = 0; i < 5; i++) expect((await write(`before ${i}`)).status).toBe(201);
  });

  it('answers 503 with Retry-After, never 500, while the database is cut off, also mid-flight', async () => {
    // A burst in flight when the connections are cut: each request either made it or is a 503.
    const burst = Array.from({ length: 30 }, (_, i) => write(`burst ${i}`));
    await new Promise((r) => setTimeout(r, 20));
    await proxy.cut();
    for (const res of await Promise.all(burst)) if (res.status !== 201) expectUnavailable(res, 'in flight');

    // With the database away: writes, reads and the key lookup of a new client all answer 503.
    const viewer = service.http.withKey(`rt_${'x'.repeat(43)}`);
    for (let round = 0; round < 5; round++) {
      expectUnavailable(await write(`during ${round}`), 'write');
      expectUnavailable(await service.http.get('/api/v1/postmortems'), 'list');
      expectUnavailable(await viewer.get('/api/v1/postmortems'), 'key lookup');
    }
    // An OTLP exporter sending protobuf gets a 503 it retries after Retry-After, not a 500.
    const exported = await fetch(`${service.baseUrl}/v1/metrics`, {
      method: 'POST',
      headers: { authorization: `Bearer ${service.adminKey}`, 'content-type': 'application/x-protobuf' },
      body: otlpExport(),
    });
    expect(exported.status).toBe(503);
    expect(Number(exported.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(service.alive).toBe(true);
    expect(service.logs).not.toMatch(/"level":50[^\n]*(ECONNREFUSED|Connection terminated)/);
  });

  it('reconnects when the database is back, and every acknowledged write is there', async () => {
    await proxy.restore();
    const deadline = Date.now() + 30_000;
    let res = await write('after');
    while (res.status !== 201 && Date.now() < deadline) {
      expectUnavailable(res, 'reconnecting');
      await new Promise((r) => setTimeout(r, 250));
      res = await write('after');
    }
    expect(res.status).toBe(201);
    for (let i = 0; i < 5; i++) expect((await write(`after ${i}`)).status).toBe(201);

    expect(acknowledged.length).toBeGreaterThanOrEqual(11);
    const missing: string[] = [];
    for (const id of acknowledged) {
      const read = await service.http.get(`/api/v1/postmortems/${id}`);
      if (read.status !== 200) missing.push(`${id}: ${read.status}`);
    }
    expect(missing).toEqual([]);
  });
});
