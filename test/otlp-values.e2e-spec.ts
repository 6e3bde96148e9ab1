import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { diag } from '@opentelemetry/api';
import { OTLPMetricExporter as JsonExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEachDatabase, itOnPostgres, ServiceProcess, tempDir, withClient } from '@app/testing';
import type { DatabaseChoice } from '@app/testing';
import { collectSdkErrors } from '@app/testing/otel-sdk';
import {
  ExportMetricsServiceRequest,
  ExportMetricsServiceResponse,
} from '../apps/api/src/otlp/decode/otlp-request.decoder';

/**
 * Bad values are refused point by point (docs/operation.md, "OTLP receiver limits"): an integer
 * past 64 bits, a negative or inconsistent histogram count, text that is not Unicode (a lone
 * surrogate) or that holds NUL. The export is answered 200 with partialSuccess counting the refused
 * points by reason; the good points of the same export are stored, the bad ones leave nothing.
 * Most bodies are written by hand: no SDK sends these values.
 */

interface Reply {
  status: number;
  body: { partialSuccess?: { rejectedDataPoints?: string; errorMessage?: string } };
}

const nowNs = (): bigint => BigInt(Date.now()) * 1_000_000n;

/** One resourceMetrics as OTLP JSON text, its parts given as JSON text (so escapes stay as written). */
const resourceJson = (resourceAttrs: string, scopeAttrs: string, metrics: string[]): string =>
  `{"resource":{"attributes":[${resourceAttrs}]},"scopeMetrics":[{"scope":{"name":"e2e","attributes":[${scopeAttrs}]},"metrics":[${metrics.join(',')}]}]}`;
const requestJson = (...resources: string[]): string => `{"resourceMetrics":[${resources.join(',')}]}`;
const attr = (key: string, value: string): string => `{"key":"${key}","value":{"stringValue":"${value}"}}`;
const gaugeJson = (name: string, points: string[]): string =>
  `{"name":"${name}","gauge":{"dataPoints":[${points.join(',')}]}}`;
const pointJson = (cases: string, t: bigint, value: string): string =>
  `{"attributes":[${attr('case', cases)}],"timeUnixNano":"${t}",${value}}`;

describeEachDatabase('OTLP receiver refuses bad values point by point', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let ingestKey: string;

  async function send(body: string | Uint8Array, type = 'application/json'): Promise<Reply> {
    const res = await fetch(`${service.baseUrl}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': type, authorization: `Bearer ${ingestKey}` },
      body,
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    if (type === 'application/json') return { status: res.status, body: JSON.parse(bytes.toString()) as Reply['body'] };
    const decoded = ExportMetricsServiceResponse.toObject(ExportMetricsServiceResponse.decode(bytes), {
      longs: String,
    });
    return { status: res.status, body: decoded as Reply['body'] };
  }

  /**
   * Whether the series (metric, case) holds a point at `t`: a point one millisecond older is then
   * refused as out of order. Works on either database; it stores the probe when nothing was there.
   */
  async function storedAt(metric: string, cases: string, t: bigint, resourceAttrs = ''): Promise<boolean> {
    const res = await send(
      requestJson(
        resourceJson(resourceAttrs, '', [gaugeJson(metric, [pointJson(cases, t - 1_000_000n, '"asDouble":0')])]),
      ),
    );
    expect(res.status).toBe(200);
    return /older than their series' newest/.test(res.body.partialSuccess?.errorMessage ?? '');
  }

  /** A sample of remediation_otlp_points_total on the service's /metrics. */
  async function pointCounter(labels: string): Promise<number> {
    const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`remediation_otlp_points_total{${labels}} `));
    return line === undefined ? 0 : Number(line.split(' ').pop());
  }

  function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return withClient(service.database!.url, async (c) => (await c.query(text, params)).rows as T[]);
  }

  /** Every stored point of the metrics matching `like`, as "metric|case|value-or-histogram". */
  async function storedRows(like: string): Promise<string[]> {
    const rows = await sql<{ row: string }>(
      `SELECT s.metric || '|' || coalesce(s.attributes ->> 'case', '') || '|' ||
              coalesce(p.value::text, p.hist_count::text || ':' || array_to_string(p.counts, ',')) AS row
       FROM otlp_series s LEFT JOIN otlp_points p ON p.series_id = s.id WHERE s.metric LIKE $1`,
      [like],
    );
    return rows.map((r) => r.row).sort();
  }

  beforeAll(async () => {
    const config = join(tempDir('rt-otlp-values-'), 'otlp.yaml');
    writeFileSync(config, `otlp:\n  maxPointsPerMinute: 0\n`);
    service = await ServiceProcess.start({ database, env: { REMEDIATION_CONFIG: config } });
    ingestKey = await service.issueKey('collector', 'ingest');
  });
  afterAll(async () => {
    diag.disable();
    await service?.destroy();
  });

  it('refuses asInt and int attributes beyond 64 bits instead of storing them wrapped', async () => {
    const t = nowNs();
    const body = requestJson(
      resourceJson('', '', [
        gaugeJson('values.int', [
          pointJson('good', t, '"asInt":"42"'),
          pointJson('good-min', t, '"asInt":"-9223372036854775808"'),
          pointJson('over-unsigned', t, '"asInt":"18446744073709551617"'),
          pointJson('over-signed', t, '"asInt":"9223372036854775808"'),
          pointJson('long-number', t, '"asInt":100000000000000000000'),
          pointJson('exponent', t, '"asInt":1e20'),
          pointJson('fraction', t, '"asInt":12.5'),
          pointJson('not-a-number', t, '"asInt":"abc"'),
          `{"attributes":[${attr('case', 'int-attr')},{"key":"n","value":{"intValue":"18446744073709551617"}}],"timeUnixNano":"${t}","asDouble":1}`,
          pointJson('bad-time', -1n, '"asDouble":1'),
        ]),
      ]),
    );
    const res = await send(body);
    expect(res.status).toBe(200);
    expect(res.body.partialSuccess?.rejectedDataPoints).toBe('8');
    expect(res.body.partialSuccess?.errorMessage).toBe(
      '8 points carry an integer that is not a whole number within its 64-bit range',
    );
    expect(await storedAt('values.int', 'good', t)).toBe(true);
    expect(await storedAt('values.int', 'over-unsigned', t)).toBe(false);
    expect(await storedAt('values.int', 'fraction', t)).toBe(false);
  });

  itOnPostgres(database, 'stores only the good integer points, exactly', async () => {
    const rows = (await storedRows('values.int')).filter((r) => !r.endsWith('|0'));
    expect(rows).toEqual(['values.int|good-min|-9.223372036854776e+18', 'values.int|good|42'].sort());
    expect(await sql(`SELECT 1 FROM otlp_series WHERE metric = 'values.int' AND attributes ? 'n'`)).toEqual([]);
  });

  it('refuses negative and inconsistent histogram counts, in JSON and protobuf', async () => {
    const t = nowNs();
    const histogram = (cases: string, fields: string): string =>
      `{"attributes":[${attr('case', cases)}],"timeUnixNano":"${t}",${fields}}`;
    const body = requestJson(
      resourceJson('', '', [
        `{"name":"values.hist","histogram":{"aggregationTemporality":2,"dataPoints":[${[
          histogram('good', '"count":"3","bucketCounts":["1","2"],"explicitBounds":[1]'),
          histogram('no-buckets', '"count":"4"'),
          histogram('negative-count', '"count":"-1","bucketCounts":["-1","0"],"explicitBounds":[1]'),
          histogram('negative-bucket', '"count":"1","bucketCounts":["2","-1"],"explicitBounds":[1]'),
          histogram('wrapped-count', '"count":"18446744073709551619","bucketCounts":["1","2"],"explicitBounds":[1]'),
          histogram('sum-mismatch', '"count":"5","bucketCounts":["1","2"],"explicitBounds":[1]'),
          histogram('length-mismatch', '"count":"3","bucketCounts":["1","1","1"],"explicitBounds":[1]'),
        ].join(',')}]}}`,
      ]),
    );
    const res = await send(body);
    expect(res.status).toBe(200);
    expect(res.body.partialSuccess?.rejectedDataPoints).toBe('5');
    const message = res.body.partialSuccess?.errorMessage ?? '';
    expect(message).toMatch(/2 points have a negative histogram count/);
    expect(message).toMatch(/1 point carry an integer that is not a whole number within its 64-bit range/);
    expect(message).toMatch(/1 point have bucket counts that do not add up to count/);
    expect(message).toMatch(/1 point are malformed histograms/);

    // Protobuf cannot carry a negative fixed64, but it can carry counts that do not add up.
    const proto = ExportMetricsServiceRequest.encode(
      ExportMetricsServiceRequest.fromObject(
        JSON.parse(
          requestJson(
            resourceJson('', '', [
              `{"name":"values.hist","histogram":{"aggregationTemporality":2,"dataPoints":[${[
                histogram('proto-good', '"count":"3","bucketCounts":["1","2"],"explicitBounds":[1]'),
                histogram('proto-sum-mismatch', '"count":"7","bucketCounts":["1","2"],"explicitBounds":[1]'),
              ].join(',')}]}}`,
            ]),
          ),
        ),
      ),
    ).finish();
    const protoRes = await send(proto, 'application/x-protobuf');
    expect(protoRes.status).toBe(200);
    expect(protoRes.body.partialSuccess).toEqual({
      rejectedDataPoints: '1',
      errorMessage: '1 point have bucket counts that do not add up to count',
    });
  });

  itOnPostgres(database, 'stores only the consistent histograms', async () => {
    expect(await storedRows('values.hist')).toEqual([
      'values.hist|good|3:1,2',
      'values.hist|no-buckets|4:4',
      'values.hist|proto-good|3:1,2',
    ]);
  });

  it('refuses only the points a lone surrogate reaches: point, metric name, scope or resource attribute', async () => {
    const t = nowNs();
    const body = requestJson(
      resourceJson(attr('service.name', 'fine'), '', [
        gaugeJson('values.utf', [
          pointJson('good', t, '"asDouble":1'),
          pointJson('lone-\\ud800', t, '"asDouble":2'),
          pointJson('pair-\\ud83d\\ude00', t, '"asDouble":3'),
          `{"attributes":[${attr('case', 'nested')},{"key":"n","value":{"arrayValue":{"values":[{"stringValue":"\\udc00"}]}}}],"timeUnixNano":"${t}","asDouble":4}`,
          `{"attributes":[${attr('case', 'key')},${attr('k\\udfff', 'v')}],"timeUnixNano":"${t}","asDouble":5}`,
        ]),
        gaugeJson('values.utf\\ud800', [pointJson('name', t, '"asDouble":6')]),
      ]),
      resourceJson(attr('service.name', 'bad\\ud800'), '', [
        gaugeJson('values.utf', [
          pointJson('resource-1', t, '"asDouble":7'),
          pointJson('resource-2', t, '"asDouble":8'),
        ]),
      ]),
      resourceJson('', attr('scope.attr', '\\udbff'), [
        gaugeJson('values.utf', [pointJson('scope', t, '"asDouble":9')]),
      ]),
    );
    const res = await send(body);
    expect(res.status).toBe(200);
    expect(res.body.partialSuccess).toEqual({
      rejectedDataPoints: '7',
      errorMessage: '7 points have a metric name, unit or attribute that is not valid Unicode (a lone surrogate)',
    });
    const fine = attr('service.name', 'fine');
    expect(await storedAt('values.utf', 'good', t, fine)).toBe(true);
    expect(await storedAt('values.utf', 'pair-\u{1f600}', t, fine)).toBe(true);
    expect(await storedAt('values.utf', 'resource-1', t)).toBe(false);
    expect(await storedAt('values.utf', 'scope', t)).toBe(false);
  });

  itOnPostgres(database, 'stores nothing of the points a lone surrogate reaches', async () => {
    expect(await storedRows('values.utf%')).toEqual([
      'values.utf|good|1',
      'values.utf|pair-\u{1f600}|3',
      'values.utf|resource-1|0',
      'values.utf|scope|0',
    ]);
  });

  it('refuses NUL in a name or attribute instead of merging a\\0b with ab', async () => {
    const t = nowNs();
    const body = requestJson(
      resourceJson('', '', [
        gaugeJson('values.nul', [pointJson('a\\u0000b', t, '"asDouble":1'), pointJson('ab', t, '"asDouble":2')]),
        gaugeJson('values.n\\u0000ul', [pointJson('name', t, '"asDouble":3')]),
      ]),
    );
    const res = await send(body);
    expect(res.status).toBe(200);
    expect(res.body.partialSuccess).toEqual({
      rejectedDataPoints: '2',
      errorMessage: '2 points have a metric name, unit or attribute holding NUL (U+0000)',
    });
    expect(await storedAt('values.nul', 'ab', t)).toBe(true);

    // Protobuf carries NUL as a plain byte of a string.
    const proto = ExportMetricsServiceRequest.encode(
      ExportMetricsServiceRequest.fromObject(
        JSON.parse(
          requestJson(
            resourceJson('', '', [
              gaugeJson('values.nul', [pointJson('c\\u0000d', t, '"asDouble":4'), pointJson('cd', t, '"asDouble":5')]),
            ]),
          ),
        ),
      ),
    ).finish();
    const protoRes = await send(proto, 'application/x-protobuf');
    expect(protoRes.status).toBe(200);
    expect(protoRes.body.partialSuccess).toEqual({
      rejectedDataPoints: '1',
      errorMessage: '1 point have a metric name, unit or attribute holding NUL (U+0000)',
    });
  });

  itOnPostgres(database, 'stores the ab and cd points alone, with their own values', async () => {
    expect(await storedRows('values.n%ul')).toEqual(['values.nul|ab|2', 'values.nul|cd|5']);
  });

  it('refuses the one point the OpenTelemetry JSON exporter sends with a lone surrogate, keeps the rest', async () => {
    const warnings: string[] = [];
    collectSdkErrors([], (message, ...args) => {
      if (message.includes('Partial Success')) warnings.push(args.map(String).join(' '));
    });
    const exporter = new JsonExporter({
      url: `${service.baseUrl}/v1/metrics`,
      headers: { authorization: `Bearer ${ingestKey}` },
    });
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ 'service.name': 'sdk-values' }),
      readers: [reader],
    });
    const accepted = await pointCounter('outcome="accepted"');
    const refused = await pointCounter('outcome="rejected",reason="invalid_unicode"');
    const gauge = provider.getMeter('e2e').createGauge('values.sdk');
    gauge.record(1, { case: 'good' });
    gauge.record(2, { case: 'lone-\ud800' });
    // One export, made on shutdown.
    await provider.shutdown();
    expect(warnings.join('\n')).toMatch(/not valid Unicode/);
    expect(await pointCounter('outcome="accepted"')).toBe(accepted + 1);
    expect(await pointCounter('outcome="rejected",reason="invalid_unicode"')).toBe(refused + 1);
  });
});
