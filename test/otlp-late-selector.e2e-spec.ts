import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { diag } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import {
  describeEachDatabase,
  expectStatus,
  HttpClient,
  ScoringApi,
  ServiceProcess,
  type DatabaseChoice,
} from '@app/testing';
import { collectSdkErrors, recordingExporter } from '@app/testing/otel-sdk';

/**
 * An OpenTelemetry metric nobody has attached yet is received for weeks; the incident happens; only
 * then is the action written and a selector on that metric attached. Its baseline (the default
 * 14 days before the incident) is measured from what the receiver kept.
 *
 * History comes two ways, both through the real receiver: OTLP JSON with explicit past timestamps
 * (the SDK stamps points with the clock, so it cannot send last week), and the real OpenTelemetry
 * SDK exporter pushing a value now, just before the incident.
 */

const METRIC = 'checkout.queue.depth';
const DAY_MS = 86_400_000;
// Older than the 14-day baseline window: must not count.
const BEFORE_WINDOW = { daysAgo: 20, value: 99 };
const IN_WINDOW = [
  { daysAgo: 13, value: 35 },
  { daysAgo: 10, value: 50 },
  { daysAgo: 6, value: 42 },
  { daysAgo: 2, value: 38 },
];
const SDK_VALUE = 12;

const iso = (ms: number) => new Date(ms).toISOString();
const nanos = (ms: number) => (BigInt(ms) * 1_000_000n).toString();

function historyRequest(now: number): object {
  const points = [BEFORE_WINDOW, ...IN_WINDOW].map(({ daysAgo, value }) => ({
    attributes: [{ key: 'queue', value: { stringValue: 'payments' } }],
    timeUnixNano: nanos(now - daysAgo * DAY_MS),
    asDouble: value,
  }));
  return {
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
        scopeMetrics: [
          {
            scope: { name: 'backfilled-history' },
            metrics: [{ name: METRIC, unit: '{item}', gauge: { dataPoints: points } }],
          },
        ],
      },
    ],
  };
}

/** The real SDK: a gauge recorded once, exported by the protobuf exporter (a flush, then shutdown). */
async function pushWithSdk(url: string, ingestKey: string): Promise<number[]> {
  const results: number[] = [];
  const exporter = recordingExporter(
    new OTLPMetricExporter({ url, headers: { Authorization: `Bearer ${ingestKey}` } }),
    results,
  );
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'checkout' }),
    readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })],
  });
  provider
    .getMeter('checkout-service')
    .createGauge(METRIC, { unit: '{item}' })
    .record(SDK_VALUE, { queue: 'payments' });
  await provider.forceFlush();
  await provider.shutdown();
  return results;
}

describeEachDatabase(
  'a selector attached after the incident, baseline from received history',
  (database: DatabaseChoice) => {
    let service: ServiceProcess;
    let editor: HttpClient;
    let scoring: ScoringApi;
    let ingestKey: string;
    const sdkErrors: string[] = [];

    beforeAll(async () => {
      service = await ServiceProcess.start({ database, env: { REMEDIATION_SCHEDULER: 'off' } });
      ingestKey = await service.issueKey('collector', 'ingest');
      const clients = await service.clientsFor({ editor: 'sre', viewer: 'dashboard', scorer: 'cron' });
      editor = clients.editor;
      scoring = new ScoringApi(clients.viewer, clients.scorer);
      collectSdkErrors(sdkErrors);
    });
    afterAll(async () => {
      diag.disable();
      await service?.destroy();
    });

    it('measures the baseline from points received before any success metric existed', async () => {
      const metricsBefore = await editor.get('/api/v1/actions');
      expectStatus(metricsBefore, 200);
      expect(metricsBefore.body.items).toEqual([]);

      const history = await fetch(`${service.baseUrl}/v1/metrics`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ingestKey}` },
        body: JSON.stringify(historyRequest(Date.now())),
      });
      expect(history.status).toBe(200);
      // Every point kept, none refused.
      expect(await history.json()).toEqual({});
      // A flush and the export at shutdown, each a success.
      expect(await pushWithSdk(`${service.baseUrl}/v1/metrics`, ingestKey)).toEqual([0, 0]);
      expect(sdkErrors).toEqual([]);

      // The incident: just after the last point. The action and its selector come later.
      const incidentAt = Date.now();
      await new Promise((r) => setTimeout(r, 20));
      const pm = await editor.post('/api/v1/postmortems', {
        kind: 'incident',
        title: 'Payments queue backed up',
        severity: 'SEV2',
        occurredAt: iso(incidentAt),
      });
      expectStatus(pm, 201);
      const action = await editor.post('/api/v1/actions', {
        title: 'Drain the payments queue faster',
        ownerTeam: 'payments',
        postmortemId: pm.body.id,
      });
      expectStatus(action, 201);
      const selector = { metric: METRIC, attributes: { queue: 'payments' }, statistic: 'value' };
      // No baselineWindow nor baselineEnd: the 14 days before the post-mortem's occurredAt.
      for (const [name, aggregation] of [
        ['peak queue depth', 'max'],
        ['lowest queue depth', 'min'],
      ]) {
        const res = await editor.post(`/api/v1/actions/${action.body.id}/metrics`, {
          name,
          datasource: 'otlp',
          selector,
          aggregation,
          direction: 'decrease',
          target: { relativePercent: 50 },
          evaluationWindow: '1h',
        });
        expectStatus(res, 201);
      }

      const pass = await scoring.run(action.body.id, Date.now());
      expect(pass.errors).toBe(0);
      const metrics = new Map<string, any>((await scoring.action(action.body.id)).metrics.map((m: any) => [m.name, m]));

      // The peak of the JSON history inside the window (50, not the 99 of 20 days ago): last week's
      // points, received when no selector named the metric.
      const peak = metrics.get('peak queue depth');
      expect(peak.baselineValue).toBe(50);
      expect(peak.latest).toMatchObject({ verdict: 'met', baseline: 50, value: SDK_VALUE, goal: 25, error: null });
      // The lowest is the SDK's point, received minutes before the incident.
      const lowest = metrics.get('lowest queue depth');
      expect(lowest.baselineValue).toBe(SDK_VALUE);
      expect(lowest.latest).toMatchObject({ verdict: 'not_met', baseline: SDK_VALUE, value: SDK_VALUE, error: null });
    });
  },
);
