// API at scale: the service on PostgreSQL with 100,000 actions, 300,000 success metrics and
// 5,000,000 evaluations (quick: 2,000 / 6,000 / 50,000), generated with one INSERT … SELECT
// generate_series per table into the database the service migrated. Under a steady autocannon load
// (CONNECTIONS connections for SECONDS per route) it measures p50/p99 and req/s of the read routes
// below. Floor, in the same run: the very statements the service sent for one request of that route
// (recorded by bench/record-queries.mjs, preloaded into the service), replayed in the same order
// with their parameters from a bare `pg` pool at the same concurrency.
//
// BENCH_EXPLAIN=1 prints each recorded statement with its EXPLAIN (ANALYZE, BUFFERS).
// BENCH_ROUTES=stalled,actions/:id measures only the routes whose label contains one of the words;
// BENCH_PROFILE=DIR writes the service's CPU profile (node --cpu-prof) into DIR when it stops.
//
// Run: npm run bench -- --only api-at-scale [--quick]. Needs the build and PostgreSQL
// (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test).
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { figure, QUICK, report } from './report.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const autocannon = require('autocannon');
const { ServiceProcess } = require('../dist/bench/service-process.js');
const { POSTGRES_SESSION_OPTIONS } = require('../dist/libs/persistence/src/data-source.factory.js');

// BENCH_ACTIONS scales the whole data set (the evaluations with it: 50 per action, or BENCH_EVALUATIONS).
const ACTIONS = Number(process.env.BENCH_ACTIONS ?? (QUICK ? 2_000 : 100_000));
const METRICS_PER_ACTION = 3;
const EVALUATIONS = Number(process.env.BENCH_EVALUATIONS ?? ACTIONS * 50);
const POSTMORTEMS = ACTIONS / 20;
const TEAMS = 20;
const CONNECTIONS = 8;
const SECONDS = QUICK ? 2 : 10;
const DAY_MS = 86_400_000;

const dir = mkdtempSync(join(tmpdir(), 'rt-apiscale-'));
const recordFile = join(dir, 'queries.jsonl');
const config = join(dir, 'bench.yaml');
writeFileSync(config, 'server:\n  rateLimitPerMinute: 0\n');

/** Fills the migrated database: a year of post-mortems, actions, their metrics and checks, and flags. */
async function fill(db, now) {
  const t0 = performance.now();
  await db.query(
    `INSERT INTO postmortems (kind, title, severity, occurred_at, services)
     SELECT 'incident', 'bench incident ' || i, 'SEV' || (1 + i % 4), $2::timestamptz - make_interval(days => i % 400),
            ARRAY['svc-' || (i % 50)]
     FROM generate_series(1, $1::int) i`,
    [POSTMORTEMS, now],
  );
  // Opened over 400 days; a third still open or in progress, one in ten implemented, the rest
  // closed (one in six of those wont_fix) some days after opening; a due date on most.
  await db.query(
    `INSERT INTO actions (postmortem_id, title, owner_team, priority, services, opened_at, due_at, status,
                          implemented_at, closed_at, status_changed_at, verification)
     SELECT p.id, 'bench action ' || i, 'team-' || (i % ${TEAMS}), 'P' || (i % 4), ARRAY['svc-' || (i % 50)],
            o, CASE WHEN i % 7 = 0 THEN NULL ELSE o + make_interval(days => 28 + (i % 90)) END, s,
            CASE WHEN s = 'implemented' THEN c END,
            CASE WHEN s IN ('verified', 'wont_fix') THEN c END,
            CASE WHEN s IN ('open') THEN o ELSE c END,
            CASE WHEN s = 'verified' THEN 'telemetry' END
     FROM generate_series(1, $1::int) i
     JOIN postmortems p ON p.seq = 1 + i % $3::int,
     LATERAL (SELECT $2::timestamptz - make_interval(days => i % 400, mins => i % 1440) AS o) t,
     LATERAL (SELECT LEAST($2::timestamptz, o + make_interval(days => 1 + (i % 120))) AS c) tc,
     LATERAL (SELECT CASE WHEN i % 3 = 0 THEN 'open' WHEN i % 3 = 1 AND i % 9 = 1 THEN 'in_progress'
                          WHEN i % 10 = 2 THEN 'implemented' WHEN i % 6 = 5 THEN 'wont_fix'
                          ELSE 'verified' END AS s) u`,
    [ACTIONS, now, POSTMORTEMS],
  );
  await db.query(
    `INSERT INTO success_metrics (action_id, name, datasource, query, direction, target, aggregation,
                                  baseline_window, evaluation_window, sustain_for, verify_within, check_every,
                                  baseline, next_check_at)
     SELECT a.id, 'bench metric ' || k, 'prometheus',
            'histogram_quantile(0.99, sum by (le) (rate(http_request_seconds_bucket{service="svc-' || (a.seq % 50) || '"}[5m])))',
            'decrease', '{"relativePercent": 20}', 'avg', '14d', '7d', '7d', '30d', '6h', 0.5,
            $1::timestamptz + make_interval(mins => (a.seq * 3 + k)::int % 360)
     FROM actions a CROSS JOIN generate_series(1, ${METRICS_PER_ACTION}) k`,
    [now],
  );
  // Sixteen or seventeen checks per metric, six hours apart, ending where each action's checks end.
  const metrics = ACTIONS * METRICS_PER_ACTION;
  const base = Math.floor(EVALUATIONS / metrics);
  const extra = EVALUATIONS - base * metrics;
  await db.query(
    `INSERT INTO evaluations (metric_id, action_id, slot, at, window_start, window_end, value, baseline, goal,
                              progress, verdict, samples, reason)
     SELECT m.id, m.action_id, s, s + interval '30 seconds', s - interval '7 days', s,
            0.4 + (m.n % 10) * 0.01 - k * 0.001, 0.5, 0.4, LEAST(1, k / 17.0),
            (ARRAY['met', 'improving', 'not_met', 'pending', 'met'])[1 + (m.n + k) % 5], 288, 'bench'
     FROM (SELECT id, action_id, row_number() OVER (ORDER BY id) AS n FROM success_metrics) m
     CROSS JOIN generate_series(1, $2::int + 1) k,
     LATERAL (SELECT $1::timestamptz - make_interval(hours => 6 * k + (m.n % 6)::int, days => (m.n % 300)::int) AS s) t
     WHERE k <= $2::int OR m.n <= $3::int`,
    [now, base, extra],
  );
  // One action in ten stalled, half of those cleared since; one in twenty overdue.
  await db.query(
    `INSERT INTO flags (action_id, kind, raised_at, cleared_at, reason)
     SELECT id, 'stalled', opened_at + interval '15 days',
            CASE WHEN seq % 20 = 0 THEN opened_at + interval '30 days' END, 'bench'
     FROM actions WHERE seq % 10 = 0
     UNION ALL
     SELECT id, 'overdue', due_at, NULL, 'bench' FROM actions
     WHERE seq % 20 = 3 AND due_at IS NOT NULL AND status NOT IN ('verified', 'wont_fix')`,
  );
  for (const table of ['postmortems', 'actions', 'success_metrics', 'evaluations', 'flags'])
    await db.query(`VACUUM ANALYZE ${table}`);
  const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM evaluations')).rows;
  return { seconds: (performance.now() - t0) / 1000, evaluations: n };
}

/** Records the statements one request of `path` sends (after one warm-up request). */
async function recordQueries(service, key, path) {
  const get = () => fetch(`${service.baseUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
  const warm = await get();
  if (warm.status !== 200) throw new Error(`${path} answered ${warm.status}: ${await warm.text()}`);
  writeFileSync(recordFile, '');
  process.kill(service.pid, 'SIGWINCH');
  await sleep(100);
  await (await get()).arrayBuffer();
  await sleep(100);
  process.kill(service.pid, 'SIGWINCH');
  await sleep(100);
  return readFileSync(recordFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** With BENCH_EXPLAIN set: each statement of the route and its plan, as it ran (ANALYZE, BUFFERS). */
async function explain(pool, label, queries) {
  for (const q of queries) {
    if (!/^\s*(SELECT|WITH)/i.test(q.text)) continue;
    const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values);
    console.log(`\n-- ${label}\n${q.text.trim()}\n-- ${JSON.stringify(q.values)}`);
    console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
}

function load(url, key) {
  return new Promise((resolve, reject) =>
    autocannon(
      { url, connections: CONNECTIONS, duration: SECONDS, headers: { authorization: `Bearer ${key}` } },
      (err, r) => (err ? reject(err) : resolve(r)),
    ),
  );
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The recorded statements, one request after another, on CONNECTIONS pooled clients for SECONDS. */
async function floorLoad(pool, queries) {
  const latencies = [];
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const client = await pool.connect();
        try {
          for (const q of queries) await client.query(q.text, q.values);
        } finally {
          client.release();
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), rps: latencies.length / SECONDS };
}

const service = await ServiceProcess.start({
  database: 'postgres',
  env: {
    REMEDIATION_CONFIG: config,
    REMEDIATION_NOTIFICATIONS: 'off',
    LOG_LEVEL: 'warn',
    NODE_OPTIONS:
      `--import ${join(import.meta.dirname, 'record-queries.mjs')}` +
      (process.env.BENCH_PROFILE ? ` --cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE}` : ''),
    RECORD_QUERIES_FILE: recordFile,
  },
});
// The floor's sessions are set up as the service's are (no JIT), so both run the same plans.
const db = new pg.Pool({ connectionString: service.database.url, max: CONNECTIONS, options: POSTGRES_SESSION_OPTIONS });
const figures = [];
const notes = [];
try {
  const now = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
  const filled = await fill(db, now.toISOString());
  notes.push(
    `${ACTIONS.toLocaleString('en-US')} actions, ${(ACTIONS * METRICS_PER_ACTION).toLocaleString('en-US')} metrics, ` +
      `${filled.evaluations.toLocaleString('en-US')} evaluations filled in ${filled.seconds.toFixed(1)} s; ` +
      `${CONNECTIONS} connections, ${SECONDS} s per route`,
  );
  console.log(notes[0]);
  const key = await service.issueKey('api at scale', 'viewer');
  const { rows } = await db.query(
    `SELECT a.id FROM actions a JOIN flags f ON f.action_id = a.id AND f.cleared_at IS NULL
     WHERE a.status = 'open' ORDER BY a.seq LIMIT 1`,
  );
  const from = new Date(now.getTime() - 364 * DAY_MS).toISOString();
  const to = now.toISOString();
  const routes = [
    ['burndown, a year by week, all', `/api/v1/burndown?from=${from}&to=${to}&interval=week`],
    ['burndown, a year by week, one team', `/api/v1/burndown?from=${from}&to=${to}&interval=week&team=team-7`],
    // The dashboard's default: a range reaching now is computed on every request.
    ['burndown, 12 weeks until now, all', '/api/v1/burndown'],
    ['actions?flag=stalled', '/api/v1/actions?flag=stalled'],
    ['actions/:id', `/api/v1/actions/${rows[0].id}`],
    ['reports/summary', '/api/v1/reports/summary'],
    ['metrics', '/metrics'],
  ];
  const only = process.env.BENCH_ROUTES?.split(',');
  for (const [label, path] of routes.filter(([label]) => !only || only.some((word) => label.includes(word)))) {
    const queries = await recordQueries(service, key, path);
    if (process.env.BENCH_EXPLAIN) await explain(db, label, queries);
    const r = await load(`${service.baseUrl}${path}`, key);
    const bad = r.non2xx + r.errors + r.timeouts;
    const floor = queries.length ? await floorLoad(db, queries) : null;
    const line =
      `${label}: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${Math.round(r.requests.average)} req/s` +
      (bad ? `, ${bad} failed` : '') +
      (floor
        ? `; floor (${queries.length} statements) p50 ${floor.p50.toFixed(1)} ms, p99 ${floor.p99.toFixed(1)} ms, ${Math.round(floor.rps)} req/s`
        : '; no SQL');
    console.log(line);
    notes.push(line);
    const floorOf = (value, unit) =>
      floor ? { label: `the route's ${queries.length} statements from bare pg`, value, unit } : undefined;
    figures.push(
      figure({
        label: `${label}: p99`,
        value: r.latency.p99,
        unit: 'ms',
        floor: floorOf(Math.round(floor?.p99 * 10) / 10, 'ms'),
        target: '< 100 ms and ≤ 2× floor',
        met: r.latency.p99 < 100 && (!floor || r.latency.p99 <= 2 * floor.p99) && bad === 0,
      }),
      figure({
        label: `${label}: p50`,
        value: r.latency.p50,
        unit: 'ms',
        floor: floorOf(Math.round(floor?.p50 * 10) / 10, 'ms'),
      }),
      figure({
        label: `${label}: throughput`,
        value: Math.round(r.requests.average),
        unit: 'req/s',
        floor: floorOf(Math.round(floor?.rps), 'req/s'),
        higherIsBetter: true,
      }),
    );
  }
} catch (err) {
  console.error(`service output:\n${service.logs.slice(-4000)}`);
  throw err;
} finally {
  await db.end();
  await service.destroy();
  rmSync(dir, { recursive: true, force: true });
}
report('api-at-scale', figures, notes);
