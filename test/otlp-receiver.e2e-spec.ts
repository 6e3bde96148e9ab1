import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { diag } from '@opentelemetry/api';
import {
  AggregationTemporalityPreference,
  OTLPMetricExporter as JsonExporter,
} from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describeEachDatabase, HttpResult, itOnPostgres, ServiceProcess, tempDir, withClient } from '@app/testing';
import type { DatabaseChoice } from '@app/testing';
import { collectSdkErrors, recordingExporter } from '@app/testing/otel-sdk';
import {
  ExportMetricsServiceRequest,
  ExportMetricsServiceResponse,
} from '../apps/api/src/otlp/decode/otlp-request.decoder';
import { decodeStatus } from '../apps/api/src/otlp/otlp-response.encoder';

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const SERIES_LIMIT = 1000;
const MAX_BODY = 1024 * 1024;
const POINT_BUDGET = 60_000;
// The API's JSON body limit, lowered so OTLP JSON bodies are seen to pass it.
const API_BODY_LIMIT = '256kb';

// The metrics this receiver keeps (otlp.keep); no success metric names any of them. Left out:
// `checkout.ignored` and `nobody.asked.for.this`.
const KEEP = ['checkout.requests', 'checkout.inflight', 'checkout.duration', 'checkout.queue.*', 'raw.*', 'burst.*'];

interface RawReply {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

interface Attrs {
  [key: string]: string;
}

type GaugePoint = { attrs?: Attrs; t: bigint; v: number | 'NaN' };

const nowNs = (): bigint => BigInt(Date.now()) * 1_000_000n;

/** An ExportMetricsServiceRequest (OTLP JSON mapping) with one gauge metric. */
function gaugeRequest(
  metric: string,
  points: GaugePoint[],
  resource: Attrs = { 'service.name': 'raw-sender' },
): object {
  const kv = (attrs: Attrs) => Object.entries(attrs).map(([key, value]) => ({ key, value: { stringValue: value } }));
  return {
    resourceMetrics: [
      {
        resource: { attributes: kv(resource) },
        scopeMetrics: [
          {
            scope: { name: 'e2e' },
            metrics: [
              {
                name: metric,
                gauge: {
                  dataPoints: points.map((p) => ({
                    attributes: kv(p.attrs ?? {}),
                    timeUnixNano: p.t.toString(),
                    asDouble: p.v,
                  })),
                },
              },
            ],
          },
        ],
      },
    ],
  };
}

const protobuf = (request: object): Uint8Array =>
  ExportMetricsServiceRequest.encode(ExportMetricsServiceRequest.fromObject(request)).finish();

function protoResponse(bytes: Buffer): { partialSuccess?: { rejectedDataPoints?: string; errorMessage?: string } } {
  return ExportMetricsServiceResponse.toObject(ExportMetricsServiceResponse.decode(bytes), { longs: String }) as never;
}

function expectStatus(res: HttpResult | RawReply, status: number): void {
  if (res.status !== status) {
    const text = 'text' in res ? res.text : res.bytes.toString();
    throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  }
}

describeEachDatabase('OTLP/HTTP metrics receiver', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let ingestKey: string;
  let viewerKey: string;
  let editorKey: string;
  const partialSuccessWarnings: string[] = [];
  const sdkErrors: string[] = [];

  async function post(
    body: Uint8Array | string,
    type: string,
    options: { key?: string | null; encoding?: string } = {},
  ): Promise<RawReply> {
    const headers: Record<string, string> = { 'content-type': type };
    const key = options.key === undefined ? ingestKey : options.key;
    if (key) headers.authorization = `Bearer ${key}`;
    if (options.encoding) headers['content-encoding'] = options.encoding;
    const res = await fetch(`${service.baseUrl}/v1/metrics`, { method: 'POST', headers, body });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  const postJson = (request: object, key?: string | null): Promise<RawReply> =>
    post(JSON.stringify(request), 'application/json', { key });
  const postProto = (request: object, key?: string | null): Promise<RawReply> =>
    post(protobuf(request), 'application/x-protobuf', { key });

  /** A sample of remediation_otlp_points_total on the service's /metrics. */
  async function pointCounter(labels: string): Promise<number> {
    const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`remediation_otlp_points_total{${labels}} `));
    return line === undefined ? NaN : Number(line.split(' ').pop());
  }

  function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return withClient(service.database!.url, async (c) => (await c.query(text, params)).rows as T[]);
  }

  beforeAll(async () => {
    const dir = tempDir('rt-otlp-');
    const config = join(dir, 'otlp.yaml');
    writeFileSync(
      config,
      `server:\n  bodyLimit: ${API_BODY_LIMIT}\notlp:\n  maxSeriesPerMetric: ${SERIES_LIMIT}\n  maxBodyBytes: ${MAX_BODY}\n  maxPointsPerMinute: ${POINT_BUDGET}\n  purgeEvery: 1s\n` +
        `  keep: ${JSON.stringify(KEEP)}\n`,
    );
    service = await ServiceProcess.start({ database, env: { REMEDIATION_CONFIG: config } });
    const issue = (name: string, role: string) => service.issueKey(name, role);
    ingestKey = await issue('collector', 'ingest');
    viewerKey = await issue('dashboard', 'viewer');
    editorKey = await issue('sre', 'editor');
    collectSdkErrors(sdkErrors, (message, ...args) => {
      if (message.includes('Partial Success')) partialSuccessWarnings.push(args.map(String).join(' '));
    });
  });
  afterAll(async () => {
    diag.disable();
    await service?.destroy();
  });

  describe('authentication', () => {
    it('needs a key: none is 401, a viewer key 403, an ingest or admin key 200', async () => {
      expectStatus(await postJson({}, null), 401);
      expectStatus(await postJson({}, 'rt_not_a_real_key_at_all_0000'), 401);
      const forbidden = await postJson({}, viewerKey);
      expectStatus(forbidden, 403);
      expect(JSON.parse(forbidden.bytes.toString())).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      const ok = await postJson({});
      expectStatus(ok, 200);
      expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
      expect(JSON.parse(ok.bytes.toString())).toEqual({});
      expectStatus(await postProto({}, service.adminKey), 200);
    });
  });

  describe('the OpenTelemetry JS SDK', () => {
    /** A simulated service: a counter, an up-down counter, an observable gauge, a histogram in seconds. */
    async function runSimulatedService(serviceName: string, inner: PushMetricExporter): Promise<number[]> {
      const results: number[] = [];
      const exporter = recordingExporter(inner, results);
      const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
      const provider = new MeterProvider({
        resource: resourceFromAttributes({ 'service.name': serviceName }),
        readers: [reader],
      });
      const meter = provider.getMeter('checkout-service', '1.0.0');
      const requests = meter.createCounter('checkout.requests', { unit: '{request}' });
      const inflight = meter.createUpDownCounter('checkout.inflight');
      const duration = meter.createHistogram('checkout.duration', {
        unit: 's',
        advice: { explicitBucketBoundaries: SECONDS_BUCKETS },
      });
      const ignored = meter.createCounter('checkout.ignored');
      let depth = 7;
      meter
        .createObservableGauge('checkout.queue.depth')
        .addCallback((result) => result.observe(depth, { queue: 'payments' }));

      requests.add(3, { 'http.response.status_code': 500 });
      inflight.add(4);
      for (const seconds of [0.02, 0.3, 1.7]) duration.record(seconds, { 'http.route': '/pay' });
      ignored.add(1);
      await provider.forceFlush();

      await new Promise((r) => setTimeout(r, 5));
      requests.add(2, { 'http.response.status_code': 500 });
      inflight.add(-1);
      duration.record(0.004, { 'http.route': '/pay' });
      depth = 9;
      await provider.forceFlush();
      await provider.shutdown();
      return results;
    }

    it('accepts delta data through the JSON exporter and cumulative data through the protobuf exporter, gzip-compressed', async () => {
      const url = `${service.baseUrl}/v1/metrics`;
      // Exactly what an operator would configure for an SDK or a Collector.
      process.env.OTEL_EXPORTER_OTLP_HEADERS = `Authorization=Bearer%20${ingestKey}`;
      try {
        const json = new JsonExporter({ url, temporalityPreference: AggregationTemporalityPreference.DELTA });
        const proto = new ProtoExporter({
          url,
          temporalityPreference: AggregationTemporalityPreference.CUMULATIVE,
          compression: 'gzip' as never,
        });
        // Two flushes and the final export at shutdown, each a success (result code 0).
        expect(await runSimulatedService('checkout-delta', json)).toEqual([0, 0, 0]);
        expect(await runSimulatedService('checkout-cumulative', proto)).toEqual([0, 0, 0]);
      } finally {
        delete process.env.OTEL_EXPORTER_OTLP_HEADERS;
      }
      // Nothing refused: a metric otlp.keep leaves out is dropped, not rejected.
      expect(partialSuccessWarnings).toEqual([]);
      expect(sdkErrors).toEqual([]);
    });

    itOnPostgres(
      database,
      'stored the kept metrics as series with merged attributes, and dropped the one left out',
      async () => {
        const series = await sql<{
          metric: string;
          kind: string;
          temporality: string;
          monotonic: boolean;
          unit: string;
          attributes: Attrs;
        }>(
          `SELECT metric, kind, temporality, monotonic, unit, attributes FROM otlp_series
         WHERE attributes ->> 'service.name' LIKE 'checkout-%' ORDER BY metric, attributes ->> 'service.name'`,
        );
        expect(series.map((s) => [s.metric, s.attributes['service.name'], s.kind, s.temporality, s.monotonic])).toEqual(
          [
            ['checkout.duration', 'checkout-cumulative', 'histogram', 'cumulative', false],
            ['checkout.duration', 'checkout-delta', 'histogram', 'delta', false],
            // An up-down counter stays cumulative under the delta preference (the SDK's rule).
            ['checkout.inflight', 'checkout-cumulative', 'sum', 'cumulative', false],
            ['checkout.inflight', 'checkout-delta', 'sum', 'cumulative', false],
            ['checkout.queue.depth', 'checkout-cumulative', 'gauge', 'unspecified', false],
            ['checkout.queue.depth', 'checkout-delta', 'gauge', 'unspecified', false],
            ['checkout.requests', 'checkout-cumulative', 'sum', 'cumulative', true],
            ['checkout.requests', 'checkout-delta', 'sum', 'delta', true],
          ],
        );
        const requests = series.find((s) => s.metric === 'checkout.requests')!;
        expect(requests.unit).toBe('{request}');
        // Point attributes (ints as decimal strings) merged with the resource's.
        expect(requests.attributes).toEqual({
          'service.name': 'checkout-cumulative',
          'http.response.status_code': '500',
        });
        expect(series.find((s) => s.metric === 'checkout.queue.depth')!.attributes).toMatchObject({
          queue: 'payments',
        });
        expect(await sql(`SELECT 1 FROM otlp_series WHERE metric = 'checkout.ignored'`)).toEqual([]);
      },
    );

    itOnPostgres(
      database,
      'stored raw values: cumulative sums as received, deltas as deltas, gauges, whole histograms',
      async () => {
        // The first two exports (the flushes); the export at shutdown repeats cumulative values.
        const values = async (metric: string, serviceName: string) =>
          sql<{ value: number; start_at: Date | null; at: Date }>(
            `SELECT p.value, p.start_at, p.at FROM otlp_points p JOIN otlp_series s ON s.id = p.series_id
           WHERE s.metric = $1 AND s.attributes ->> 'service.name' = $2 ORDER BY p.at LIMIT 2`,
            [metric, serviceName],
          );
        expect((await values('checkout.requests', 'checkout-cumulative')).map((p) => p.value)).toEqual([3, 5]);
        expect((await values('checkout.requests', 'checkout-delta')).map((p) => p.value)).toEqual([3, 2]);
        expect((await values('checkout.inflight', 'checkout-delta')).map((p) => p.value)).toEqual([4, 3]);
        expect((await values('checkout.queue.depth', 'checkout-cumulative')).map((p) => p.value)).toEqual([7, 9]);
        const cumulative = await values('checkout.requests', 'checkout-cumulative');
        expect(cumulative[0].start_at).not.toBeNull();
        expect(cumulative[0].start_at!.getTime()).toBe(cumulative[1].start_at!.getTime());

        const histograms = await sql<{ bounds: number[]; counts: string[]; hist_sum: number; hist_count: string }>(
          `SELECT p.bounds, p.counts, p.hist_sum, p.hist_count FROM otlp_points p JOIN otlp_series s ON s.id = p.series_id
         WHERE s.metric = 'checkout.duration' AND s.attributes ->> 'service.name' = $1 ORDER BY p.at LIMIT 2`,
          ['checkout-cumulative'],
        );
        expect(histograms).toHaveLength(2);
        expect(histograms[0].bounds).toEqual(SECONDS_BUCKETS);
        // 0.02 → (0.01, 0.025]; 0.3 → (0.25, 0.5]; 1.7 → (1, 2.5]; then 0.004 → (-inf, 0.005].
        expect(histograms[0].counts).toEqual(['0', '0', '1', '0', '0', '0', '1', '0', '1', '0']);
        expect(histograms[1].counts).toEqual(['1', '0', '1', '0', '0', '0', '1', '0', '1', '0']);
        expect(histograms[1].hist_count).toBe('4');
        expect(histograms[1].hist_sum).toBeCloseTo(2.024, 9);
      },
    );
  });

  describe('acceptance and rejection of points', () => {
    it('drops metrics otlp.keep leaves out without refusing them, and counts them on /metrics', async () => {
      const before = await pointCounter('outcome="dropped",reason="not_kept"');
      const res = await postProto(gaugeRequest('nobody.asked.for.this', [{ t: nowNs(), v: 1 }]));
      expectStatus(res, 200);
      expect(res.headers.get('content-type')).toMatch(/^application\/x-protobuf/);
      expect(protoResponse(res.bytes)).toEqual({});
      expect(await pointCounter('outcome="dropped",reason="not_kept"')).toBe(before + 1);
    });

    it('keeps a metric no success metric names, from the first point', async () => {
      // A few seconds back, so the baseline range below is over when the preview runs.
      const t = nowNs() - 5_000_000_000n;
      const sent = await postJson(gaugeRequest('raw.unselected', [{ attrs: { case: 'unselected' }, t, v: 7 }]));
      expect(JSON.parse(sent.bytes.toString())).toEqual({});
      // Read back through the otlp datasource, as a selector attached now would.
      const preview = await service.http.withKey(editorKey).post('/api/v1/metrics/preview', {
        name: 'a metric nobody attached',
        datasource: 'otlp',
        selector: { metric: 'raw.unselected', attributes: { case: 'unselected' }, statistic: 'value' },
        direction: 'decrease',
        target: { absolute: 1 },
        baselineWindow: '10m',
        baselineEnd: new Date(Number(t / 1_000_000n) + 1_000).toISOString(),
        evaluationWindow: '10m',
        step: '1m',
      });
      expectStatus(preview, 200);
      expect(preview.body).toMatchObject({ baseline: 7, value: 7, error: null });
    });

    it('counts refused points by reason on /metrics', async () => {
      const before = await pointCounter('outcome="rejected",reason="not_finite"');
      await postJson(gaugeRequest('raw.gauge', [{ attrs: { case: 'counted-nan' }, t: nowNs(), v: 'NaN' }]));
      expect(await pointCounter('outcome="rejected",reason="not_finite"')).toBe(before + 1);
    });

    it('refuses NaN values in partialSuccess and keeps the other points', async () => {
      const t = nowNs();
      const res = await postJson(
        gaugeRequest('raw.gauge', [
          { attrs: { case: 'nan' }, t, v: 'NaN' },
          { attrs: { case: 'nan' }, t: t + 1_000_000n, v: 2 },
        ]),
      );
      expectStatus(res, 200);
      const body = JSON.parse(res.bytes.toString());
      expect(body.partialSuccess.rejectedDataPoints).toBe('1');
      expect(body.partialSuccess.errorMessage).toMatch(/NaN/);

      const proto = await postProto(gaugeRequest('raw.gauge', [{ attrs: { case: 'nan-proto' }, t, v: Number.NaN }]));
      expectStatus(proto, 200);
      expect(protoResponse(proto.bytes).partialSuccess).toMatchObject({ rejectedDataPoints: '1' });
    });

    it("refuses points older than their series' newest, accepts a retried export once", async () => {
      const t = nowNs();
      const series = { case: 'order' };
      const first = await postProto(gaugeRequest('raw.gauge', [{ attrs: series, t, v: 1 }]));
      expectStatus(first, 200);
      expect(protoResponse(first.bytes)).toEqual({});

      const older = await postProto(gaugeRequest('raw.gauge', [{ attrs: series, t: t - 1_000_000_000n, v: 0 }]));
      expect(protoResponse(older.bytes).partialSuccess).toMatchObject({ rejectedDataPoints: '1' });
      expect(protoResponse(older.bytes).partialSuccess!.errorMessage).toMatch(/older than their series' newest/);

      const retried = await postProto(gaugeRequest('raw.gauge', [{ attrs: series, t, v: 1 }]));
      expect(protoResponse(retried.bytes)).toEqual({});
      // A point ahead of the newest is accepted; another series is independent.
      const later = await postProto(
        gaugeRequest('raw.gauge', [
          { attrs: series, t: t + 1_000n, v: 2 },
          { attrs: { case: 'order-other' }, t: t - 1_000_000_000n, v: 3 },
        ]),
      );
      expect(protoResponse(later.bytes)).toEqual({});
    });

    it('refuses points older than the retention', async () => {
      const fortyDays = 40n * 86_400n * 1_000_000_000n;
      const res = await postJson(gaugeRequest('raw.gauge', [{ attrs: { case: 'old' }, t: nowNs() - fortyDays, v: 1 }]));
      expect(JSON.parse(res.bytes.toString()).partialSuccess).toMatchObject({ rejectedDataPoints: '1' });
    });

    it('refuses a point with attributes nested too deep or too many, keeps the rest of the export, stays live', async () => {
      // docs/operation.md, "OTLP receiver limits": 8 levels of nesting, 128 attributes.
      let deep: object = { stringValue: 'leaf' };
      for (let i = 0; i < 24; i++) deep = { kvlistValue: { values: [{ key: 'k', value: deep }] } };
      const many = Array.from({ length: 1_000 }, (_, i) => ({ key: `k${i}`, value: { stringValue: 'v' } }));
      const t = nowNs();
      const request = gaugeRequest('raw.gauge', [
        { attrs: { case: 'deep' }, t, v: 1 },
        { attrs: { case: 'many' }, t, v: 2 },
        { attrs: { case: 'attribute-limits-kept' }, t, v: 3 },
      ]) as {
        resourceMetrics: [{ scopeMetrics: [{ metrics: [{ gauge: { dataPoints: { attributes: object[] }[] } }] }] }];
      };
      const points = request.resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints;
      points[0].attributes.push({ key: 'nested', value: deep });
      points[1].attributes.push(...many);
      const before = await pointCounter('outcome="rejected",reason="attributes_too_deep"');

      const started = Date.now();
      const res = await postProto(request);
      expectStatus(res, 200);
      expect(Date.now() - started).toBeLessThan(2_000);
      const partial = protoResponse(res.bytes).partialSuccess!;
      expect(partial.rejectedDataPoints).toBe('2');
      expect(partial.errorMessage).toMatch(/1 point have an attribute value nested more than 8 arrays or maps deep/);
      expect(partial.errorMessage).toMatch(/1 point have more than 128 attributes/);
      expect(await pointCounter('outcome="rejected",reason="attributes_too_deep"')).toBe(before + 1);
      expect((await service.http.get('/health/live', { key: null })).status).toBe(200);

      // The third point was stored: an older one of its series is now out of order.
      const older = await postProto(
        gaugeRequest('raw.gauge', [{ attrs: { case: 'attribute-limits-kept' }, t: t - 1_000_000_000n, v: 0 }]),
      );
      expect(protoResponse(older.bytes).partialSuccess!.errorMessage).toMatch(/older than their series' newest/);
    });

    itOnPostgres(database, 'stores times to the microsecond', async () => {
      const t = (nowNs() / 1_000_000_000n - 1n) * 1_000_000_000n + 123_456_789n;
      expectStatus(await postProto(gaugeRequest('raw.gauge', [{ attrs: { case: 'precision' }, t, v: 1 }])), 200);
      const [row] = await sql<{ us: string }>(
        `SELECT (extract(epoch FROM p.at) * 1000000)::bigint::text AS us FROM otlp_points p
         JOIN otlp_series s ON s.id = p.series_id WHERE s.attributes ->> 'case' = 'precision'`,
      );
      expect(row.us).toBe((t / 1000n).toString());
    });
  });

  describe('retention', () => {
    itOnPostgres(database, 'purges points older than otlp.retention in the background', async () => {
      const [series] = await sql<{ id: string }>(
        `SELECT id::text AS id FROM otlp_series WHERE metric = 'raw.gauge' LIMIT 1`,
      );
      await sql(
        `INSERT INTO otlp_points (series_id, at, value) VALUES ($1, now() - interval '36 days', 1), ($1, now() - interval '34 days', 2)`,
        [series.id],
      );
      const deadline = Date.now() + 10_000;
      let old = 1;
      while (old > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        [{ old }] = await sql<{ old: number }>(
          `SELECT count(*)::int AS old FROM otlp_points WHERE at < now() - interval '35 days'`,
        );
      }
      expect(old).toBe(0);
      const [{ kept }] = await sql<{ kept: number }>(
        `SELECT count(*)::int AS kept FROM otlp_points WHERE at < now() - interval '33 days'`,
      );
      expect(kept).toBe(1);
    });
  });

  describe('bad requests', () => {
    it('answers 400 with a google.rpc.Status to a truncated protobuf body', async () => {
      const bytes = protobuf(gaugeRequest('raw.gauge', [{ t: nowNs(), v: 1 }]));
      const res = await post(bytes.subarray(0, bytes.length - 5), 'application/x-protobuf');
      expectStatus(res, 400);
      expect(res.headers.get('content-type')).toMatch(/^application\/x-protobuf/);
      expect(decodeStatus(res.bytes)).toMatchObject({
        code: 3,
        message: expect.stringMatching(/not a valid protobuf/),
      });
    });

    it('answers 400 in JSON to malformed JSON', async () => {
      const res = await post('{"resourceMetrics": [', 'application/json');
      expectStatus(res, 400);
      expect(JSON.parse(res.bytes.toString())).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    });

    it('answers 415 to another content type or content encoding', async () => {
      expectStatus(await post('resourceMetrics', 'text/plain'), 415);
      expectStatus(await post('{}', 'application/json', { encoding: 'br' }), 415);
    });

    it('answers 413 to a gzip bomb quickly, without inflating it whole', async () => {
      const bomb = gzipSync(Buffer.alloc(256 * 1024 * 1024), { level: 9 }); // 256 MiB of zeros in ~250 KiB
      expect(bomb.length).toBeLessThan(MAX_BODY);
      const started = Date.now();
      const res = await post(bomb, 'application/x-protobuf', { encoding: 'gzip' });
      expectStatus(res, 413);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(decodeStatus(res.bytes).message).toMatch(/size limit/);
      expectStatus(await service.http.get('/health/ready'), 200);
    });

    it('answers 413 to a body over the limit before inflating it', async () => {
      const res = await post(Buffer.alloc(MAX_BODY + 1, 1), 'application/json');
      expectStatus(res, 413);
      expect(JSON.parse(res.bytes.toString())).toMatchObject({ statusCode: 413 });
    });

    it('takes JSON bodies up to otlp.maxBodyBytes, beyond the API body limit', async () => {
      const t = nowNs();
      const points = Array.from({ length: 4_000 }, (_, i) => ({
        attrs: { pad: 'x'.repeat(60), n: String(i) },
        t,
        v: i,
      }));
      const text = JSON.stringify(gaugeRequest('nobody.asked.for.this', points));
      expect(text.length).toBeGreaterThan(2 * 256 * 1024);
      expect(text.length).toBeLessThan(MAX_BODY);
      const res = await post(text, 'application/json');
      expectStatus(res, 200);
      expect(JSON.parse(res.bytes.toString())).toEqual({});
    });
  });

  describe('a cardinality burst', () => {
    it(`keeps ${SERIES_LIMIT} series of a metric, refuses new ones beyond, keeps accepting known ones`, async () => {
      const t = nowNs();
      let rejected = 0;
      let message = '';
      for (let batch = 0; batch < 4; batch++) {
        const points = Array.from({ length: 5_000 }, (_, i) => ({
          attrs: { pod: `pod-${batch * 5_000 + i}` },
          t,
          v: i,
        }));
        const res = await postProto(gaugeRequest('burst.gauge', points));
        expectStatus(res, 200);
        const partial = protoResponse(res.bytes).partialSuccess;
        rejected += Number(partial?.rejectedDataPoints ?? 0);
        message = partial?.errorMessage ?? message;
      }
      expect(rejected).toBe(20_000 - SERIES_LIMIT);
      expect(message).toMatch(/series limit \(1000 series per metric; at the limit: burst\.gauge\)/);

      const known = await postProto(
        gaugeRequest('burst.gauge', [{ attrs: { pod: 'pod-0' }, t: t + 1_000_000n, v: 1 }]),
      );
      expect(protoResponse(known.bytes)).toEqual({});
      const fresh = await postProto(
        gaugeRequest('burst.gauge', [{ attrs: { pod: 'pod-new' }, t: t + 1_000_000n, v: 1 }]),
      );
      expect(protoResponse(fresh.bytes).partialSuccess).toMatchObject({ rejectedDataPoints: '1' });
      expectStatus(await service.http.get('/health/ready'), 200);
    });

    itOnPostgres(database, 'stored exactly the limit', async () => {
      const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM otlp_series WHERE metric = 'burst.gauge'`);
      expect(row.n).toBe(SERIES_LIMIT);
    });
  });

  describe('the ingest budget', () => {
    it('answers 429 with Retry-After once the minute’s data points are spent', async () => {
      const points = Array.from({ length: 10_000 }, (_, i) => ({ attrs: { n: String(i) }, t: nowNs(), v: i }));
      const body = protobuf(gaugeRequest('nobody.asked.for.this', points));
      let res: RawReply | null = null;
      for (let i = 0; i < 10 && res?.status !== 429; i++) res = await post(body, 'application/x-protobuf');
      expectStatus(res!, 429);
      expect(Number(res!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(decodeStatus(res!.bytes)).toMatchObject({ code: 8, message: expect.stringMatching(/budget/) });
    });
  });
});
