// Scoring pass: one pass of the scorer (`dist/apps/scorer/src/main.js --once`, on PostgreSQL) over
// N success metrics on implemented actions, against a real Prometheus backfilled with 2,000 series
// over 30 days (100 services × 12 latency buckets and 8 request counters by route and code). The
// metrics are a realistic mix: half a latency quantile (histogram_quantile over the rate of the
// buckets), half an error ratio (a ratio of rates). Two variants per size: every query distinct,
// and 10 actions per query (teams sharing a dashboard query).
//
// Floor: the range queries the pass needed (read back from Prometheus' own query log, so the same
// query, start, end and step), sent again straight to Prometheus by a bare fetch client at the
// scorer's concurrency (scoring.concurrency, 8): each metric's own, so in the shared variant a
// query is sent once per action that uses it, as a client without a dedupe would (the time of the
// distinct ones alone is in the notes). The pass time is the scorer's own figure (its "pass at …"
// log line: claim to last write, without the process start).
//
//   node bench/scoring-pass.bench.mjs [--quick] [--result F] [--sizes 1000,10000] [--variants distinct,shared]
//                                     [--profile DIR]
//
// --profile DIR: the scorer runs under `node --cpu-prof` and writes its profile to DIR.
// SCORER_NODE_OPTIONS: NODE_OPTIONS for the scorer alone (a --require that counts SQL statements).
// Needs PostgreSQL (TEST_DATABASE_URL) and prometheus/promtool on PATH.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { argument, figure, QUICK, report } from './report.mjs';

const require = createRequire(import.meta.url);
const { ServiceProcess, SCORER_ENTRY } = require('../dist/bench/service-process.js');
const { withClient } = require('../dist/bench/test-database.js');
const { PrometheusFixture } = require('../dist/bench/prometheus/prometheus.fixture.js');

const DAY = 86_400_000;
const SERVICES = QUICK ? 5 : 100;
const DAYS = QUICK ? 3 : 30;
const SCRAPE_MS = QUICK ? 5 * 60_000 : 30 * 60_000;
const SIZES = (argument('--sizes', null) ?? (QUICK ? '50' : '1000,10000,50000')).split(',').map(Number);
const CONCURRENCY = 8;
/** Actions per query in the shared variant. */
const SHARING = 10;
const PROFILE = argument('--profile', null);
const VARIANTS = argument('--variants', 'distinct,shared').split(',');
/** The incident, the fix and the windows: the baseline ends at the incident, the fix shipped since. */
const TIMELINE = QUICK
  ? { occurredAgo: 2 * DAY, implementedAgo: 1.5 * DAY, baselineWindow: '12h', evaluationWindow: '6h' }
  : { occurredAgo: 12 * DAY, implementedAgo: 10 * DAY, baselineWindow: '7d', evaluationWindow: '1d' };
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, '+Inf'];
const ROUTES = ['/checkout', '/cart', '/search', '/login'];

/** Streams the scenario as OpenMetrics: counters as gauges, so the names stay as PromQL users write them. */
async function writeScenario(file, now) {
  const out = createWriteStream(file);
  const write = (line) => (out.write(line) ? undefined : new Promise((r) => out.once('drain', r)));
  const from = Math.floor((now - DAYS * DAY) / SCRAPE_MS) * SCRAPE_MS;
  const times = [];
  for (let t = from; t <= now - SCRAPE_MS; t += SCRAPE_MS) times.push(t);
  // Requests per scrape interval, slowly varying, so rates and quantiles move over the month.
  const load = (s, t) => 1000 + 300 * Math.sin(t / (3 * DAY) + s) + 50 * Math.sin(t / 3_600_000 + 2 * s);
  await write('# TYPE http_request_duration_bucket gauge\n');
  for (let s = 0; s < SERVICES; s++) {
    const mean = 0.05 + 0.01 * (s % 10);
    for (const le of BUCKETS) {
      const share = le === '+Inf' ? 1 : 1 - Math.exp(-le / mean);
      let total = 0;
      for (const t of times) {
        total += Math.round(load(s, t) * share);
        await write(`http_request_duration_bucket{service="svc-${s}",le="${le}"} ${total} ${t / 1000}\n`);
      }
    }
  }
  await write('# TYPE http_requests gauge\n');
  for (let s = 0; s < SERVICES; s++) {
    for (const route of ROUTES) {
      for (const code of ['200', '500']) {
        let total = 0;
        for (const t of times) {
          const errorShare = 0.01 + 0.005 * Math.sin(t / DAY + s);
          total += Math.round((load(s, t) / ROUTES.length) * (code === '500' ? errorShare : 1 - errorShare));
          await write(`http_requests{service="svc-${s}",route="${route}",code="${code}"} ${total} ${t / 1000}\n`);
        }
      }
    }
  }
  await write('# EOF\n');
  await new Promise((r) => out.end(r));
}

/** The i-th query of a pass of `count` distinct ones: latency quantiles and error ratios, alternating. */
function queryNumber(i, count) {
  const service = `svc-${Math.floor(i / 2) % SERVICES}`;
  // Past the 2 × SERVICES natural queries, a quantile or a scale of its own keeps each one distinct
  // to Prometheus at the same cost.
  const variant = Math.floor(i / (2 * SERVICES));
  if (i % 2 === 0) {
    const q = (0.9 + (0.09 * variant) / Math.max(1, count)).toFixed(9);
    return `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_bucket{service="${service}"}[1h])))`;
  }
  const scale = 100 + variant / 1000;
  return (
    `${scale} * sum(rate(http_requests{service="${service}",code="500"}[1h]))` +
    ` / sum(rate(http_requests{service="${service}"}[1h]))`
  );
}

/** One action implemented (TIMELINE) with one metric, through the API: the row every other one copies. */
async function seedTemplate(service, now) {
  const http = service.http;
  const ok = (res, status) => {
    if (res.status !== status) throw new Error(`${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const iso = (t) => new Date(t).toISOString();
  const pm = ok(
    await http.post('/api/v1/postmortems', {
      kind: 'incident',
      title: 'Checkout slow',
      severity: 'SEV2',
      occurredAt: iso(now - TIMELINE.occurredAgo),
    }),
    201,
  );
  const action = ok(
    await http.post('/api/v1/actions', {
      title: 'Cap retries',
      ownerTeam: 'payments',
      openedAt: iso(now - TIMELINE.occurredAgo),
      postmortemId: pm.id,
    }),
    201,
  );
  ok(await http.patch(`/api/v1/actions/${action.id}`, { status: 'in_progress' }), 200);
  ok(
    await http.patch(`/api/v1/actions/${action.id}`, {
      status: 'implemented',
      implementedAt: iso(now - TIMELINE.implementedAgo),
    }),
    200,
  );
  const metric = ok(
    await http.post(`/api/v1/actions/${action.id}/metrics`, {
      name: 'checkout health',
      datasource: 'prom',
      query: queryNumber(0, 1),
      direction: 'decrease',
      target: { relativePercent: 20 },
      baselineWindow: TIMELINE.baselineWindow,
      evaluationWindow: TIMELINE.evaluationWindow,
      sustainFor: '2d',
      verifyWithin: '5d',
      checkEvery: '1h',
    }),
    201,
  );
  return { actionId: action.id, metricId: metric.id };
}

/** The template's action and metric copied to `queries.length` in all (SQL: 50k through the API take minutes). */
async function cloneTemplate(url, template, queries) {
  await withClient(url, async (client) => {
    const columns = async (table) =>
      (
        await client.query(
          `SELECT column_name FROM information_schema.columns
           WHERE table_schema = 'public' AND table_name = $1 AND is_identity = 'NO' AND is_generated = 'NEVER'`,
          [table],
        )
      ).rows.map((r) => r.column_name);
    const quoted = (cs) => cs.map((c) => `"${c}"`).join(', ');
    const actionColumns = (await columns('actions')).filter((c) => c !== 'id');
    const metricColumns = (await columns('success_metrics')).filter((c) => !['id', 'action_id', 'query'].includes(c));
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO actions (id, ${quoted(actionColumns)})
       SELECT md5('action' || g)::uuid, ${quoted(actionColumns.map((c) => `a.${c}`)).replaceAll('"a.', 'a."')}
       FROM actions a, generate_series(1, $2::int) g WHERE a.id = $1`,
      [template.actionId, queries.length - 1],
    );
    await client.query(
      `INSERT INTO success_metrics (id, action_id, query, ${quoted(metricColumns)})
       SELECT md5('metric' || q.n)::uuid, md5('action' || q.n)::uuid, q.query,
              ${quoted(metricColumns.map((c) => `m.${c}`)).replaceAll('"m.', 'm."')}
       FROM success_metrics m, unnest($2::text[]) WITH ORDINALITY AS q(query, n) WHERE m.id = $1`,
      [template.metricId, queries.slice(1)],
    );
    await client.query('UPDATE success_metrics SET query = $2 WHERE id = $1', [template.metricId, queries[0]]);
    await client.query('COMMIT');
    await client.query('ANALYZE');
  });
}

/** Runs `scorer --once`; its pass line's figures, wall time and peak RSS. */
async function runScorer(service, label) {
  const env = { ...service.environment(), LOG_LEVEL: 'info', NODE_OPTIONS: process.env.SCORER_NODE_OPTIONS };
  if (PROFILE)
    env.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${resolve(PROFILE)} --cpu-prof-name=scorer-${label}.cpuprofile`;
  const started = performance.now();
  const child = spawn(process.execPath, [SCORER_ENTRY, '--once'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
      if (hwm) peakKb = Math.max(peakKb, Number(hwm));
    } catch {
      // exited between two polls
    }
  }, 100);
  const code = await new Promise((r) => child.on('close', (c) => r(c ?? -1)));
  clearInterval(poll);
  const wallMs = performance.now() - started;
  const line = /pass at \S+: (\d+) scored, (\d+) skipped, (\d+) errors \((\d+) fetches, (\d+) ms\)/.exec(output);
  if (code !== 0 || !line) throw new Error(`scorer exited with ${code}:\n${output.slice(-4000)}`);
  const [, scored, skipped, errors, fetches, passMs] = line.map(Number);
  return { scored, skipped, errors, fetches, passMs, wallMs, rssMb: Math.round(peakKb / 1024) };
}

/** The distinct range queries Prometheus answered since byte `from` of its query log. */
function loggedRangeQueries(file, from) {
  const text = readFileSync(file, 'utf8').slice(from);
  const seen = new Map();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const { params } = JSON.parse(line);
    if (!params || params.step === undefined || params.step === 0) continue;
    const q = { query: params.query, start: params.start, end: params.end, step: params.step };
    seen.set(JSON.stringify(q), q);
  }
  return [...seen.values()];
}

/**
 * What a client without a dedupe sends: each metric's own range queries (window, baseline, pre-fix),
 * so a query shared by 10 actions is sent 10 times. With every query distinct, the distinct ones.
 */
function everyMetricsFetches(distinct, queries) {
  const byQuery = Map.groupBy(distinct, (q) => q.query);
  return queries.flatMap((query) => byQuery.get(query) ?? []);
}

/** The floor: those queries straight to Prometheus, `CONCURRENCY` at a time, bodies read and parsed. */
async function floorTime(baseUrl, queries) {
  let next = 0;
  const worker = async () => {
    while (next < queries.length) {
      const q = queries[next++];
      const body = new URLSearchParams({ query: q.query, start: q.start, end: q.end, step: String(q.step) });
      const res = await fetch(`${baseUrl}/api/v1/query_range`, { method: 'POST', body });
      const json = await res.json();
      if (json.status !== 'success') throw new Error(`floor query failed: ${JSON.stringify(json).slice(0, 300)}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return performance.now() - started;
}

function fileSize(file) {
  return existsSync(file) ? statSync(file).size : 0;
}

const now = Date.now();
const prometheusStarted = performance.now();
const prometheus = await PrometheusFixture.start({
  writeInput: writeScenario,
  now,
  queryLog: true,
  readyTimeoutMs: 120_000,
});
const notes = [
  `Prometheus: ${SERVICES * (BUCKETS.length + 2 * ROUTES.length)} series over ${DAYS} days every ${SCRAPE_MS / 60_000} min, ` +
    `backfilled and ready in ${Math.round((performance.now() - prometheusStarted) / 1000)} s`,
];
const figures = [];
const runs = [];
try {
  // Every block read once, so neither the pass nor the floor pays for a cold page cache.
  await fetch(
    `${prometheus.url}/api/v1/query?query=${encodeURIComponent(`count(count_over_time({__name__=~"http_.+"}[${DAYS}d]))`)}`,
  );
  for (const size of SIZES) {
    for (const variant of VARIANTS) {
      const count = variant === 'distinct' ? size : Math.max(1, Math.ceil(size / SHARING));
      const queries = Array.from({ length: size }, (_, i) => queryNumber(i % count, count));
      const service = await ServiceProcess.start({
        database: 'postgres',
        datasources: [{ name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 30_000 }],
        env: { REMEDIATION_CONFIG: undefined },
      });
      try {
        const template = await seedTemplate(service, now);
        await cloneTemplate(service.database.url, template, queries);
        const logFrom = fileSize(prometheus.queryLogFile);
        const pass = await runScorer(service, `${variant}-${size}`);
        const distinct = loggedRangeQueries(prometheus.queryLogFile, logFrom);
        const perMetric = everyMetricsFetches(distinct, queries);
        const floorMs = await floorTime(prometheus.url, perMetric);
        const distinctFloorMs = variant === 'distinct' ? floorMs : await floorTime(prometheus.url, distinct);
        runs.push({
          size,
          variant,
          ...pass,
          floorMs,
          floorQueries: perMetric.length,
          distinctFloorMs,
          distinct: distinct.length,
        });
        console.log(
          `${variant} ${size}: pass ${pass.passMs} ms (${pass.scored} scored, ${pass.errors} errors, ${pass.fetches} fetches), ` +
            `floor ${Math.round(floorMs)} ms for ${perMetric.length} queries (${Math.round(distinctFloorMs)} ms for the ${distinct.length} distinct), peak RSS ${pass.rssMb} MB, process ${Math.round(pass.wallMs)} ms`,
        );
        if (pass.scored !== size) notes.push(`${variant} ${size}: only ${pass.scored} of ${size} metrics scored`);
      } finally {
        await service.destroy();
      }
    }
  }
} finally {
  await prometheus.stop();
}

for (const r of runs) {
  const name = `${r.size.toLocaleString('en-US')} metrics, ${r.variant === 'distinct' ? 'every query distinct' : `${SHARING} actions per query`}`;
  const floor = {
    label: `${r.floorQueries} range queries straight to Prometheus ×${CONCURRENCY}`,
    value: r.floorMs,
    unit: 'ms',
  };
  const limit = r.variant === 'distinct' ? 1.2 : 1.0;
  figures.push(
    figure({
      label: `pass time, ${name}`,
      value: r.passMs,
      unit: 'ms',
      floor,
      target: r.variant === 'distinct' ? '≤ 1.2× the floor' : '< 1.0× the floor (fetch dedupe)',
      met: r.variant === 'distinct' ? r.passMs <= limit * r.floorMs : r.passMs < r.floorMs,
    }),
    figure({
      label: `metrics/s, ${name}`,
      value: (r.size / r.passMs) * 1000,
      unit: 'metrics/s',
      floor: { ...floor, value: (r.size / r.floorMs) * 1000, unit: 'metrics/s' },
      higherIsBetter: true,
    }),
    figure({
      label: `scorer peak RSS, ${name}`,
      value: r.rssMb,
      unit: 'MB',
      ...(r.size >= 50_000 ? { target: '< 300 MB at 50k', met: r.rssMb < 300 } : {}),
    }),
  );
}
for (const variant of ['distinct', 'shared']) {
  const mine = runs.filter((r) => r.variant === variant).sort((a, b) => a.size - b.size);
  if (mine.length < 2) continue;
  const [first, last] = [mine[0], mine.at(-1)];
  const growth = last.passMs / first.passMs / (last.size / first.size);
  figures.push(
    figure({
      label: `growth ${first.size.toLocaleString('en-US')}→${last.size.toLocaleString('en-US')}, ${variant}: time per metric, last ÷ first`,
      value: growth,
      unit: '×',
      target: 'linear (≈ 1×, ≤ 1.2×)',
      met: growth <= 1.2,
    }),
  );
}
notes.push(
  ...runs.map(
    (r) =>
      `${r.variant} ${r.size}: ${r.scored} scored, ${r.errors} errors, ${r.fetches} fetches by the scorer, ` +
      `${r.floorQueries} in the floor (${r.distinct} distinct, sent alone in ${Math.round(r.distinctFloorMs)} ms); scorer process ${Math.round(r.wallMs)} ms with its start`,
  ),
);
report('scoring-pass', figures, notes);
