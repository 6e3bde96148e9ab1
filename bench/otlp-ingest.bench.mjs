// OTLP ingest: the real service (one process, PostgreSQL and the embedded database) receiving
// OTLP/HTTP metric exports of 1,000 points each (cumulative sums and histograms), protobuf and JSON,
// from 1, 4 and 16 concurrent senders. Bodies are encoded up front, so the senders only send.
// Floor: a bare node HTTP server that reads the same bodies and decodes them with the service's own
// decoder (compiled dist) and stores nothing, at the same concurrency.
// Then overload: many more senders than the receiver admits at once, sampling the service's RSS:
// the receiver should answer 429 and keep its memory bounded.
//
// Run: npm run bench -- --only otlp-ingest [-- --quick]
// Needs PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figure, QUICK, report } from './report.mjs';

const require = createRequire(import.meta.url);
const { ServiceProcess } = require('../dist/bench/service-process.js');
const decoder = require('../dist/apps/api/src/otlp/decode/otlp-request.decoder.js');

const POINTS_PER_BODY = 1_000;
const SENDERS = QUICK ? [1, 4] : [1, 4, 16];
// Timed requests per case, shared among the senders (after one untimed request per sender that
// creates its series, as an exporter's first export does).
const REQUESTS = QUICK ? 8 : 64;
const DATABASES = process.env.BENCH_DATABASES?.split(',') ?? ['postgres', 'embedded'];
const ENCODINGS = ['protobuf', 'json'];
const OVERLOAD_SENDERS = QUICK ? 32 : 128;
const OVERLOAD_SECONDS = QUICK ? 3 : 15;
const TARGET = { postgres: 100_000, embedded: 50_000 };

const SUM_METRICS = 8;
const HISTOGRAM_METRICS = 2;
const SERIES_PER_METRIC = POINTS_PER_BODY / (SUM_METRICS + HISTOGRAM_METRICS);
const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const CONTENT_TYPE = { protobuf: 'application/x-protobuf', json: 'application/json' };

const kv = (attrs) => Object.entries(attrs).map(([key, value]) => ({ key, value: { stringValue: value } }));

/**
 * One export of `sender` at step `step` (one point per series, as an SDK's periodic reader sends):
 * SUM_METRICS cumulative sums and HISTOGRAM_METRICS cumulative histograms, SERIES_PER_METRIC series
 * each. `prefix` keeps every case's series apart.
 */
function exportRequest(prefix, sender, step, startNs) {
  const timeUnixNano = (startNs + BigInt(step) * 10_000_000_000n).toString();
  const startTimeUnixNano = startNs.toString();
  const attrs = (s) => kv({ sender: String(sender), pod: `pod-${s}`, route: `/r/${s % 7}` });
  const metrics = [];
  for (let m = 0; m < SUM_METRICS; m++) {
    const dataPoints = [];
    for (let s = 0; s < SERIES_PER_METRIC; s++) {
      dataPoints.push({ attributes: attrs(s), startTimeUnixNano, timeUnixNano, asDouble: (step + 1) * (s + m + 1) });
    }
    metrics.push({
      name: `${prefix}.requests.${m}`,
      unit: '1',
      sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints },
    });
  }
  for (let m = 0; m < HISTOGRAM_METRICS; m++) {
    const dataPoints = [];
    for (let s = 0; s < SERIES_PER_METRIC; s++) {
      const bucketCounts = [...BOUNDS, Infinity].map((_, b) => String((step + 1) * (b + 1)));
      const count = bucketCounts.reduce((a, c) => a + Number(c), 0);
      dataPoints.push({
        attributes: attrs(s),
        startTimeUnixNano,
        timeUnixNano,
        count: String(count),
        sum: count * 0.1,
        bucketCounts,
        explicitBounds: BOUNDS,
      });
    }
    metrics.push({ name: `${prefix}.duration.${m}`, unit: 's', histogram: { aggregationTemporality: 2, dataPoints } });
  }
  return {
    resourceMetrics: [
      { resource: { attributes: kv({ 'service.name': 'bench' }) }, scopeMetrics: [{ scope: { name: 'b' }, metrics }] },
    ],
  };
}

function encode(encoding, request) {
  if (encoding === 'json') return Buffer.from(JSON.stringify(request));
  const { ExportMetricsServiceRequest } = decoder;
  return Buffer.from(ExportMetricsServiceRequest.encode(ExportMetricsServiceRequest.fromObject(request)).finish());
}

/** Per sender: its warm-up body, then its timed bodies, all encoded now. */
function buildBodies(encoding, prefix, senders) {
  const startNs = BigInt(Date.now() - 3_600_000) * 1_000_000n;
  const perSender = Math.ceil(REQUESTS / senders);
  return Array.from({ length: senders }, (_, sender) =>
    Array.from({ length: perSender + 1 }, (_, step) => encode(encoding, exportRequest(prefix, sender, step, startNs))),
  );
}

async function post(url, key, encoding, body) {
  const headers = { 'content-type': CONTENT_TYPE[encoding] };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(url, { method: 'POST', headers, body });
  await res.arrayBuffer();
  return res.status;
}

/** Warm-up bodies in parallel (untimed), then each sender sends its bodies one after the other. */
async function drive(url, key, encoding, bodies) {
  const check = (status) => {
    if (status !== 200) throw new Error(`${url} answered ${status}`);
  };
  // A busy receiver's 429 is retried, as an exporter would (sooner than its Retry-After: the
  // figure is the receiver's throughput, not the wait).
  const send = async (body) => {
    for (;;) {
      const status = await post(url, key, encoding, body);
      if (status !== 429) return status;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await Promise.all(bodies.map(async (mine) => check(await send(mine[0]))));
  const started = performance.now();
  let requests = 0;
  await Promise.all(
    bodies.map(async (mine) => {
      for (const body of mine.slice(1)) {
        check(await send(body));
        requests += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { pointsPerSecond: (requests * POINTS_PER_BODY) / seconds, requests, seconds };
}

/** The floor: read the body, decode it with the service's decoder, answer an empty response. */
async function startFloorServer() {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.headers['content-type'] === CONTENT_TYPE.json) decoder.decodeJsonRequest(body.toString('utf8'));
      else decoder.decodeProtobufRequest(body);
      res.writeHead(200, { 'content-type': req.headers['content-type'] }).end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/v1/metrics`, close: () => server.close() };
}

function rssMb(pid) {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

/** OVERLOAD_SENDERS senders posting without pause for OVERLOAD_SECONDS; the service's RSS sampled. */
async function overload(service, url, key, prefix) {
  const bodies = buildBodies('protobuf', prefix, OVERLOAD_SENDERS).map((mine) => mine[0]);
  const before = rssMb(service.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(service.pid))), 100);
  const statuses = new Map();
  const deadline = performance.now() + OVERLOAD_SECONDS * 1000;
  await Promise.all(
    bodies.map(async (body) => {
      while (performance.now() < deadline) {
        const status = await post(url, key, 'protobuf', body).catch(() => 'error');
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  clearInterval(sampler);
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  return { before, peak, total, statuses, share429: (statuses.get(429) ?? 0) / total };
}

const dir = mkdtempSync(join(tmpdir(), 'rt-otlp-bench-'));
const config = join(dir, 'otlp.yaml');
// No per-minute point budget and room for every case's series: the figures are the receiver's own.
writeFileSync(config, 'server:\n  rateLimitPerMinute: 0\notlp:\n  maxPointsPerMinute: 0\n  maxSeries: 1000000\n');

const figures = [];
const notes = [
  `${POINTS_PER_BODY} points a body (${SUM_METRICS} cumulative sums and ${HISTOGRAM_METRICS} histograms of ${BOUNDS.length + 1} buckets, ${SERIES_PER_METRIC} series each, one point per series); ${REQUESTS} timed requests per case after one untimed request per sender that creates its series`,
];
const floor = await startFloorServer();
try {
  const floors = new Map();
  for (const encoding of ENCODINGS) {
    for (const senders of SENDERS) {
      const r = await drive(floor.url, null, encoding, buildBodies(encoding, 'floor', senders));
      floors.set(`${encoding}/${senders}`, r.pointsPerSecond);
    }
  }
  for (const database of DATABASES) {
    // BENCH_NODE_OPTIONS (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof) reaches the service: how it was profiled.
    const env = { REMEDIATION_CONFIG: config, NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS };
    const service = await ServiceProcess.start({ database, env });
    try {
      const key = await service.issueKey('otlp bench', 'ingest');
      const url = `${service.baseUrl}/v1/metrics`;
      for (const encoding of ENCODINGS) {
        for (const senders of SENDERS) {
          const prefix = `b.${encoding}.s${senders}`;
          const r = await drive(url, key, encoding, buildBodies(encoding, prefix, senders));
          const target = encoding === 'protobuf' ? TARGET[database] : undefined;
          figures.push(
            figure({
              label: `${database} ${encoding}, ${senders} sender${senders > 1 ? 's' : ''}`,
              value: r.pointsPerSecond,
              unit: 'points/s',
              floor: { label: 'decode only', value: floors.get(`${encoding}/${senders}`), unit: 'points/s' },
              higherIsBetter: true,
              ...(target
                ? { target: `≥ ${target.toLocaleString('en-US')} points/s`, met: r.pointsPerSecond >= target }
                : {}),
            }),
          );
        }
      }
      const o = await overload(service, url, key, 'b.overload');
      figures.push(
        figure({
          label: `${database} overload: peak RSS, ${OVERLOAD_SENDERS} senders`,
          value: o.peak,
          unit: 'MB',
          floor: { label: 'RSS before', value: o.before, unit: 'MB' },
          target: 'bounded (429, not growth)',
        }),
        figure({ label: `${database} overload: share of 429`, value: o.share429 * 100, unit: '%' }),
      );
      notes.push(
        `${database} overload: ${o.total} requests in ${OVERLOAD_SECONDS} s, statuses ${JSON.stringify(Object.fromEntries(o.statuses))}`,
      );
    } finally {
      await service.destroy();
    }
  }
} finally {
  floor.close();
  rmSync(dir, { recursive: true, force: true });
}
report('otlp-ingest', figures, notes);
