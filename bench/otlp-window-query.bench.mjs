// Benchmark: the window query OtlpSelectorSource issues (OTLP_WINDOW_SQL) for one selector over a
// 7-day window, on N series x M points, against a floor measured in the same run. Prints ratios;
// asserts nothing. Run: npm run bench -- --only otlp-window-query (builds dist first); --quick for a tiny table.
//
// Env: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_SERIES (1000),
// BENCH_POINTS (5000), BENCH_RUNS (30); --quick: 50, 500, 3. Works in its own database (otlp_bench_<pid>), dropped at the end.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { BASE_URL, median, withDb } from './bench-support.mjs';
import { figure, QUICK, report } from './report.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const { OtlpStorage1764170000000 } = require('../dist/libs/persistence/src/migrations/1764170000000-OtlpStorage.js');
const { OTLP_WINDOW_SQL } = require('../dist/libs/persistence/src/repositories/otlp-window.repository.js');

const SERIES = Number(process.env.BENCH_SERIES ?? (QUICK ? 50 : 1000));
const POINTS = Number(process.env.BENCH_POINTS ?? (QUICK ? 500 : 5000));
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 3 : 30));
const FLOOR_POINTS = 1000;
const WINDOW_MS = 7 * 24 * 3600 * 1000;
// Points spread evenly over the 7-day window (plus one step before it, the lookback's "last point").
const STEP_S = Math.max(1, Math.floor(WINDOW_MS / 1000 / POINTS));
const DB = `otlp_bench_${process.pid}`;

async function timed(client, sql, params) {
  const times = [];
  let rows = 0;
  for (let i = 0; i < 3; i++) await client.query(sql, params); // warm-up
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const res = await client.query(sql, params);
    times.push(performance.now() - t0);
    rows = res.rowCount;
  }
  return { median: median(times), rows };
}

async function main() {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DB}`);
  const client = new pg.Client({ connectionString: withDb(DB) });
  try {
    await client.connect();
    await new OtlpStorage1764170000000().up({ query: (sql, params) => client.query(sql, params) });

    const end = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const start = new Date(end.getTime() - WINDOW_MS);
    const t0 = performance.now();
    // N series of one gauge metric, ten services, one pod each; plus one small series for the floor.
    await client.query(
      `INSERT INTO otlp_series (metric, kind, temporality, attributes, attributes_hash)
       SELECT 'bench.gauge', 'gauge', 'unspecified',
              jsonb_build_object('service.name', 'svc-' || (i % 10), 'pod', 'pod-' || i), md5('pod-' || i)
       FROM generate_series(0, $1::int - 1) i`,
      [SERIES],
    );
    await client.query(
      `INSERT INTO otlp_series (metric, kind, temporality, attributes, attributes_hash)
       VALUES ('floor.gauge', 'gauge', 'unspecified', '{"pod": "pod-floor"}', 'floor')`,
    );
    // Every series gets M points ending at `end`, STEP_S apart.
    await client.query(
      `INSERT INTO otlp_points (series_id, at, value)
       SELECT s.id, $2::timestamptz - make_interval(secs => k * $3::int), random()
       FROM otlp_series s CROSS JOIN generate_series(0, $1::int - 1) k
       WHERE s.metric = 'bench.gauge'`,
      [POINTS, end.toISOString(), STEP_S],
    );
    await client.query(
      `INSERT INTO otlp_points (series_id, at, value)
       SELECT s.id, $2::timestamptz - make_interval(secs => k * $3::int), random()
       FROM otlp_series s CROSS JOIN generate_series(0, $1::int - 1) k
       WHERE s.metric = 'floor.gauge'`,
      [FLOOR_POINTS, end.toISOString(), Math.max(1, Math.floor(WINDOW_MS / 1000 / FLOOR_POINTS))],
    );
    await client.query('ANALYZE otlp_series');
    await client.query('ANALYZE otlp_points');
    const loadS = (performance.now() - t0) / 1000;
    const [{ n }] = (await client.query('SELECT count(*)::int AS n FROM otlp_points')).rows;
    console.log(
      `loaded ${SERIES} series x ${POINTS} points (+${FLOOR_POINTS} floor points) = ${n} rows in ${loadS.toFixed(1)} s`,
    );

    const range = [start.toISOString(), end.toISOString()];
    const roundTrip = await timed(client, 'SELECT 1', []);
    const floor = await timed(client, OTLP_WINDOW_SQL, ['floor.gauge', JSON.stringify({ pod: 'pod-floor' }), ...range]);
    const oneSeries = await timed(client, OTLP_WINDOW_SQL, [
      'bench.gauge',
      JSON.stringify({ pod: `pod-${Math.floor(SERIES / 2)}` }),
      ...range,
    ]);
    const oneService = await timed(client, OTLP_WINDOW_SQL, [
      'bench.gauge',
      JSON.stringify({ 'service.name': 'svc-7' }),
      ...range,
    ]);

    const ms = (r) => Math.round(r.median * 100) / 100;
    const floorMeasure = { label: `1 series x ${FLOOR_POINTS} points`, value: ms(floor), unit: 'ms' };
    const figures = [
      figure({ label: 'SELECT 1 round trip', value: ms(roundTrip), unit: 'ms' }),
      figure({
        label: `selector {pod}: 1 series, ${oneSeries.rows} rows`,
        value: ms(oneSeries),
        unit: 'ms',
        floor: floorMeasure,
      }),
      figure({
        label: `selector {service.name}: ${Math.ceil(SERIES / 10)} series, ${oneService.rows} rows`,
        value: ms(oneService),
        unit: 'ms',
        floor: floorMeasure,
      }),
    ];
    report('otlp-window-query', figures, [
      `${n.toLocaleString('en-US')} points in the table; 7-day window; median of ${RUNS} runs after 3 warm-ups`,
    ]);
  } finally {
    await client.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
