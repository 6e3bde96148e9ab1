import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { expectStatus, freePort, HttpClient, ServiceProcess } from '@app/testing';
import { closedPortUrl } from '@app/testing/faulty-proxy';
import { generateSamples, PrometheusFixture, relativeGrid } from '@app/testing/prometheus';

/*
 * Spans as a tracing backend receives them: the service exports OTLP/HTTP JSON to a receiver in
 * this test (the standard OTEL_EXPORTER_OTLP_ENDPOINT), and a scoring pass shows up as a tree —
 * pass → one evaluation per metric → the datasource calls each made — with the attributes an SRE
 * filters on and the failure of an unreachable datasource recorded. OTEL_SDK_DISABLED=true exports
 * nothing, and scoring is unaffected.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MIDNIGHT = Math.floor(Date.now() / DAY) * DAY;
const OPENED = MIDNIGHT - 40 * DAY;
const iso = (ms: number) => new Date(ms).toISOString();
const QUERY = 'trace_latency_ms{service="checkout"}';

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
  status: { code?: number; message?: string };
  events: Array<{ name: string }>;
  resource: Record<string, unknown>;
}

type OtlpAttribute = { key: string; value: Record<string, unknown> };
const attributes = (list: OtlpAttribute[] = []) =>
  Object.fromEntries(list.map(({ key, value }) => [key, Object.values(value)[0]]));

/** A minimal OTLP/HTTP traces receiver: keeps every span of every JSON export. */
class TraceReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly contentTypes: string[] = [];
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<TraceReceiver> {
    const port = await freePort();
    // The handler reads `receiver` only for requests, which cannot arrive before listen() below.
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/v1/traces')
          receiver.accept(req.headers['content-type'] ?? '', Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    const receiver = new TraceReceiver(server, port);
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private accept(contentType: string, body: string): void {
    this.contentTypes.push(contentType);
    const request = JSON.parse(body);
    for (const rs of request.resourceSpans ?? []) {
      const resource = attributes(rs.resource?.attributes);
      for (const ss of rs.scopeSpans ?? []) {
        for (const s of ss.spans ?? []) {
          this.spans.push({
            traceId: s.traceId,
            spanId: s.spanId,
            parentSpanId: s.parentSpanId || undefined,
            name: s.name,
            attributes: attributes(s.attributes),
            status: s.status ?? {},
            events: s.events ?? [],
            resource,
          });
        }
      }
    }
  }

  async waitFor(predicate: (spans: ReceivedSpan[]) => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.spans)) {
      if (Date.now() > deadline)
        throw new Error(`spans not received within ${timeoutMs} ms: ${JSON.stringify(this.spans.map((s) => s.name))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

describe('trace spans of scoring', () => {
  let prometheus: PrometheusFixture;
  let receiver: TraceReceiver;
  let downUrl: string;

  beforeAll(async () => {
    const grid = relativeGrid(MIDNIGHT, { fromAgoMs: 50 * DAY, stepMs: 5 * MINUTE });
    prometheus = await PrometheusFixture.start({
      series: [
        {
          name: 'trace_latency_ms',
          labels: { service: 'checkout' },
          samples: generateSamples(grid, (t) => (t < MIDNIGHT - 20 * DAY ? 400 : 250)),
        },
      ],
      now: MIDNIGHT,
    });
    receiver = await TraceReceiver.start();
    downUrl = await closedPortUrl();
  }, 60_000);
  afterAll(async () => {
    await prometheus?.stop();
    await receiver?.close();
  });

  async function startService(
    env: Record<string, string>,
  ): Promise<{ service: ServiceProcess; editor: HttpClient; scorer: HttpClient }> {
    const datasources = [
      { name: 'prometheus', type: 'prometheus', url: prometheus.url },
      { name: 'down', type: 'prometheus', url: downUrl, timeoutMs: 500 },
    ];
    const service = await ServiceProcess.start({
      database: 'embedded',
      env: { REMEDIATION_DATASOURCES: JSON.stringify(datasources), ...env },
    });
    const issue = (name: string, role: string) => service.clientFor(name, role);
    return { service, editor: await issue('sre', 'editor'), scorer: await issue('cron', 'scorer') };
  }

  /** An action with one metric on each datasource; returns the ids. */
  async function seed(editor: HttpClient): Promise<{ actionId: string; good: string; failing: string }> {
    const action = await editor.post('/api/v1/actions', {
      title: 'Cut checkout latency',
      ownerTeam: 'checkout',
      openedAt: iso(OPENED),
      assignee: 'Jane Roe',
    });
    expectStatus(action, 201);
    const metric = async (datasource: string) => {
      const res = await editor.post(`/api/v1/actions/${action.body.id}/metrics`, {
        name: `latency via ${datasource}`,
        datasource,
        query: QUERY,
        direction: 'decrease',
        target: { relativePercent: 25 },
        baselineWindow: '7d',
        evaluationWindow: '1d',
        checkEvery: '1h',
      });
      expectStatus(res, 201);
      return res.body.id as string;
    };
    return { actionId: action.body.id, good: await metric('prometheus'), failing: await metric('down') };
  }

  it('exports pass → evaluation → datasource spans with their attributes and the datasource failure', async () => {
    const { service, editor, scorer } = await startService({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'rt-tracing-test',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    try {
      const { actionId, good, failing } = await seed(editor);
      const at = Date.now();
      const run = await scorer.post('/api/v1/scoring/run', { actionIds: [actionId], at: iso(at) });
      expectStatus(run, 200);
      expect(run.body).toEqual({ scored: 2, skipped: 0, errors: 1 });
      const checks = (await editor.get(`/api/v1/actions/${actionId}/evaluations?limit=10`)).body.items as any[];
      const verdictOf = (metricId: string) => checks.find((c) => c.metricId === metricId).verdict;

      const isOurPass = (s: ReceivedSpan) => s.name === 'scoring.pass' && s.attributes['scoring.at'] === iso(at);
      await receiver.waitFor(
        (spans) => spans.some(isOurPass) && spans.filter((s) => s.name === 'scoring.evaluation').length >= 2,
      );
      const pass = receiver.spans.find(isOurPass)!;
      expect(pass.parentSpanId).toBeUndefined();
      expect(pass.resource['service.name']).toBe('rt-tracing-test');
      expect(pass.attributes).toMatchObject({ 'scoring.scored': 2, 'scoring.errors': 1, 'scoring.due_only': false });
      const inTrace = receiver.spans.filter((s) => s.traceId === pass.traceId);

      const evaluations = inTrace.filter((s) => s.name === 'scoring.evaluation');
      expect(evaluations.map((s) => s.parentSpanId)).toEqual([pass.spanId, pass.spanId]);
      const slot = iso(Math.floor(at / HOUR) * HOUR);
      const evaluationOf = (metricId: string) =>
        evaluations.find((s) => s.attributes['remediation.metric_id'] === metricId)!;
      expect(evaluationOf(good).attributes).toMatchObject({
        'remediation.action_id': actionId,
        'remediation.datasource': 'prometheus',
        'scoring.verdict': verdictOf(good),
        'scoring.slot': slot,
      });
      expect(evaluationOf(failing).attributes).toMatchObject({
        'remediation.datasource': 'down',
        'scoring.verdict': 'error',
        'scoring.slot': slot,
      });
      expect(verdictOf(failing)).toBe('error');

      // Each evaluation's datasource calls are its children: the window (and the baseline, measured once).
      const callsOf = (parent: ReceivedSpan) => inTrace.filter((s) => s.parentSpanId === parent.spanId);
      const goodCalls = callsOf(evaluationOf(good));
      expect(goodCalls.length).toBeGreaterThanOrEqual(1);
      for (const call of goodCalls) {
        expect(call.name).toBe('prometheus /api/v1/query_range');
        expect(call.attributes).toMatchObject({
          'remediation.datasource': 'prometheus',
          'db.query.text': QUERY,
          'datasource.attempts': 1,
        });
        expect(call.status.code ?? 0).not.toBe(2);
      }
      const failedCalls = callsOf(evaluationOf(failing));
      expect(failedCalls.length).toBeGreaterThanOrEqual(1);
      for (const call of failedCalls) {
        expect(call.attributes).toMatchObject({
          'remediation.datasource': 'down',
          'datasource.error_kind': 'unreachable',
        });
        expect(call.status.code).toBe(2);
        expect(call.events.map((e) => e.name)).toContain('exception');
      }
      // No person's name in any span.
      expect(JSON.stringify(receiver.spans)).not.toContain('Jane');
    } finally {
      await service.destroy();
    }
  }, 90_000);

  it('exports nothing with OTEL_SDK_DISABLED=true, and scores all the same', async () => {
    const before = receiver.spans.length;
    const { service, editor, scorer } = await startService({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SDK_DISABLED: 'true',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    try {
      const { actionId } = await seed(editor);
      const run = await scorer.post('/api/v1/scoring/run', { actionIds: [actionId], at: iso(Date.now()) });
      expectStatus(run, 200);
      expect(run.body).toEqual({ scored: 2, skipped: 0, errors: 1 });
    } finally {
      // Stopping flushes whatever a provider would have buffered.
      await service.destroy();
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.spans.length).toBe(before);
  }, 90_000);
});
