import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import {
  describeEachDatabase,
  expectStatus,
  HttpClient,
  ServiceProcess,
  type DatabaseChoice,
  until,
} from '@app/testing';
import { closedPortUrl, FaultyProxy } from '@app/testing/faulty-proxy';
import { recordingExporter } from '@app/testing/otel-sdk';
import { generateSamples, prometheusForFile, type ScenarioSeries } from '@app/testing/prometheus';

/*
 * GET /api/v1/datasources/:name/metric-names (docs/api.md, "Keys, datasources, notifications"):
 * the names a real Prometheus holds and the names the OTLP receiver stored, sent by the
 * OpenTelemetry SDK.
 */

const PAGE = 1000;
const HOUR = 3_600_000;
const NOW = Date.now();

// `httpXrequests` would match the prefix `http_` if `_` were a wildcard; `Up_legacy` sorts first in byte order.
const PROMETHEUS_NAMES = ['node_load1', 'http_requests', 'httpXrequests', 'http_request_duration_seconds', 'Up_legacy'];
const SERIES: ScenarioSeries[] = PROMETHEUS_NAMES.map((name) => ({
  name,
  samples: generateSamples({ from: NOW - HOUR, to: NOW, stepMs: 5 * 60_000 }, () => 1),
}));

// `Zeta.gauge` sorts before `bulk.…` in byte order only, not in a linguistic collation.
const OTLP_NAMES = ['queue.depth', 'disk_used', 'diskXused', 'checkout.requests', 'Zeta.gauge'];
// One more than a page, under a prefix of their own.
const BULK_NAMES = Array.from({ length: PAGE + 1 }, (_, i) => `bulk.${String(i).padStart(4, '0')}`);

const prometheus = prometheusForFile({ series: SERIES, now: NOW });

const byCodeUnit = (names: string[]): string[] => [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Sends one counter per name through the OpenTelemetry SDK's protobuf exporter, as a service would. */
async function exportCounters(baseUrl: string, ingestKey: string, names: string[]): Promise<number[]> {
  const results: number[] = [];
  const exporter = new OTLPMetricExporter({
    url: `${baseUrl}/v1/metrics`,
    headers: { Authorization: `Bearer ${ingestKey}` },
  });
  const reader = new PeriodicExportingMetricReader({
    exporter: recordingExporter(exporter, results),
    exportIntervalMillis: 3_600_000,
  });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'metric-names' }),
    readers: [reader],
  });
  const meter = provider.getMeter('metric-names-e2e');
  for (const name of names) meter.createCounter(name).add(1, { shard: 'a' });
  // Shutting down makes the one export.
  await provider.shutdown();
  return results;
}

describeEachDatabase('metric names of a datasource', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let viewer: HttpClient;
  let stalled: FaultyProxy;

  const names = (datasource: string, prefix?: string) =>
    viewer.get(
      `/api/v1/datasources/${datasource}/metric-names${prefix === undefined ? '' : `?prefix=${encodeURIComponent(prefix)}`}`,
    );

  beforeAll(async () => {
    stalled = await FaultyProxy.start({ mode: 'stall' });
    const datasources = [
      { name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 },
      { name: 'otel', type: 'otlp' },
      // Nothing listens there: every call is refused.
      { name: 'down', type: 'prometheus', url: await closedPortUrl(), timeoutMs: 2000 },
      // Takes every request and never answers, within a deadline no test waits for.
      { name: 'stalled', type: 'prometheus', url: stalled.url, timeoutMs: 60_000 },
    ];
    service = await ServiceProcess.start({ database, datasources });
    ({ viewer } = await service.clientsFor({ viewer: 'dashboard' }));
    const ingestKey = await service.issueKey('collector', 'ingest');
    // Every export accepted (result code 0).
    expect(await exportCounters(service.baseUrl, ingestKey, [...OTLP_NAMES, ...BULK_NAMES])).toEqual([0]);
  }, 60_000);
  afterAll(async () => {
    await service?.destroy();
    await stalled?.close();
  });

  it("lists a Prometheus datasource's metric names, sorted, to a viewer", async () => {
    const res = await names('prom');
    expectStatus(res, 200);
    expect(res.body).toEqual({ names: byCodeUnit(PROMETHEUS_NAMES), truncated: false });
  });

  it('filters Prometheus names by prefix, `_` and regex characters taken literally', async () => {
    expect((await names('prom', 'http_')).body).toEqual({
      names: ['http_request_duration_seconds', 'http_requests'],
      truncated: false,
    });
    for (const prefix of ['http%', 'http.', 'node_load1(']) {
      const res = await names('prom', prefix);
      expectStatus(res, 200);
      expect([prefix, res.body]).toEqual([prefix, { names: [], truncated: false }]);
    }
  });

  it('lists the names the OTLP receiver stored, sorted in byte order, a page at most', async () => {
    const res = await names('otel');
    expectStatus(res, 200);
    expect(res.body).toEqual({
      names: byCodeUnit([...OTLP_NAMES, ...BULK_NAMES]).slice(0, PAGE),
      truncated: true,
    });
  });

  it('filters OTLP names by prefix, `%` and `_` matching themselves', async () => {
    expect((await names('otel', 'disk_')).body).toEqual({ names: ['disk_used'], truncated: false });
    expect((await names('otel', 'disk%')).body).toEqual({ names: [], truncated: false });
    expect((await names('otel', 'bulk.1')).body).toEqual({ names: ['bulk.1000'], truncated: false });
  });

  it('cuts more than 1,000 matching names at 1,000 and says so', async () => {
    const res = await names('otel', 'bulk.');
    expect(res.body).toEqual({ names: BULK_NAMES.slice(0, PAGE), truncated: true });
  });

  it('answers 404 naming an unknown datasource', async () => {
    const res = await names('nowhere');
    expectStatus(res, 404);
    expect(res.body.message).toContain('"nowhere"');
  });

  it('answers 400 naming `prefix` past 200 characters', async () => {
    expectStatus(await names('otel', 'a'.repeat(200)), 200);
    const res = await names('otel', 'a'.repeat(201));
    expectStatus(res, 400);
    expect(res.body.message).toMatch(/^prefix /);
  });

  it("answers 502 with the datasource's words when it refuses the connection", async () => {
    const res = await names('down', 'http_');
    expectStatus(res, 502);
    expect(res.body).toMatchObject({ statusCode: 502, error: 'Bad Gateway' });
    expect(res.body.message).toMatch(/datasource "down" failed \(unreachable\): ECONNREFUSED/);
  });

  it('ends the call to the datasource when the client gives up', async () => {
    const before = stalled.requests.length;
    const controller = new AbortController();
    const pending = fetch(`${service.baseUrl}/api/v1/datasources/stalled/metric-names?prefix=http_`, {
      headers: { authorization: `Bearer ${viewer.defaultKey}` },
      signal: controller.signal,
    }).catch((err: unknown) => err);
    expect(await until(() => stalled.requests.length > before, 10_000)).toBe(true);
    expect(stalled.requests.slice(before).map((r) => [r.method, r.path.split('?')[0]])).toEqual([
      ['GET', '/api/v1/label/__name__/values'],
    ]);
    expect(stalled.open).toBe(1);
    controller.abort();
    await pending;
    // Without the abort the request would stay open for the datasource's 60 s deadline.
    expect(await until(() => stalled.open === 0, 10_000)).toBe(true);
  }, 30_000);

  it('answers 401 without a key', async () => {
    expectStatus(await viewer.get('/api/v1/datasources/otel/metric-names', { key: null }), 401);
  });
});
