// Benchmark: the burndown's one SQL statement (BurndownRepository.burndown) on N actions spread
// over two years, against floors measured in the same run. Prints ratios; asserts nothing.
// Run: npm run bench -- --only burndown-query (builds dist first); --quick for a tiny table.
//
// Env: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_ACTIONS (100000;
// 2000 quick), BENCH_RUNS (20; 3 quick). Works in its own database (burndown_bench_<pid>), dropped
// at the end.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { BASE_URL, median, withDb } from './bench-support.mjs';
import { figure, QUICK, report } from './report.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const { DataSource } = require('typeorm');
const { dataSourceOptions, migrate } = require('../dist/libs/persistence/src/data-source.factory.js');
const { BurndownRepository } = require('../dist/libs/persistence/src/repositories/burndown.repository.js');

const ACTIONS = Number(process.env.BENCH_ACTIONS ?? (QUICK ? 2_000 : 100_000));
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 3 : 20));
const DAY_MS = 86_400_000;
const DB = `burndown_bench_${process.pid}`;

const round = (ms) => Math.round(ms * 100) / 100;

async function timed(run) {
  for (let i = 0; i < 2; i++) await run(); // warm-up
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Bucket starts every `stepDays` UTC days, `count` of them, ending before `to`. */
function starts(to, stepDays, count) {
  return Array.from({ length: count }, (_, i) => new Date(to.getTime() - (count - i) * stepDays * DAY_MS));
}

async function main() {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DB}`);
  const dataSource = new DataSource(await dataSourceOptions({ url: withDb(DB), dataDir: '.' }));
  try {
    await dataSource.initialize();
    await migrate(dataSource, 'postgres');
    const to = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
    const t0 = performance.now();
    // Opened over two years; two in three closed (one in five of those wont_fix) some days later;
    // 20 teams, four priorities, a due date on most; one in ten with a stalled flag, half cleared.
    await dataSource.query(
      `INSERT INTO actions (title, owner_team, priority, services, opened_at, due_at, status, closed_at,
                            status_changed_at, verification)
       SELECT 'bench ' || i, 'team-' || (i % 20), 'P' || (i % 4), ARRAY['svc-' || (i % 50)],
              o, CASE WHEN i % 7 = 0 THEN NULL ELSE o + make_interval(days => 28 + (i % 90)) END,
              s, CASE WHEN s = 'open' THEN NULL ELSE LEAST($2::timestamptz, o + make_interval(days => 1 + (i % 120))) END,
              o, CASE WHEN s = 'verified' THEN 'telemetry' END
       FROM generate_series(1, $1::int) i,
            LATERAL (SELECT $2::timestamptz - make_interval(days => i % 730, mins => i % 1440) AS o) t,
            LATERAL (SELECT CASE WHEN i % 3 = 0 THEN 'open' WHEN i % 15 = 1 THEN 'wont_fix' ELSE 'verified' END AS s) u`,
      [ACTIONS, to.toISOString()],
    );
    await dataSource.query(
      `INSERT INTO flags (action_id, kind, raised_at, cleared_at, reason)
       SELECT id, 'stalled', opened_at + interval '15 days',
              CASE WHEN seq % 20 = 0 THEN opened_at + interval '30 days' END, 'bench'
       FROM actions WHERE seq % 10 = 0`,
    );
    await dataSource.query('ANALYZE actions');
    await dataSource.query('ANALYZE flags');
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM actions');
    console.log(`loaded ${n} actions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const repo = new BurndownRepository(dataSource);
    const burndown = (bucketStarts, filter = {}) =>
      repo.burndown({
        starts: bucketStarts,
        from: bucketStarts[0],
        to,
        asOf: to,
        rateWindowStart: new Date(to.getTime() - 28 * DAY_MS),
        filter,
      });
    const cases = [
      ['12 weeks by day (84 buckets)', () => burndown(starts(to, 1, 84))],
      ['1,000 days (1,000 buckets)', () => burndown(starts(to, 1, 1000))],
      ['two years by week (105 buckets)', () => burndown(starts(to, 7, 105))],
      ['12 weeks by day, team filter', () => burndown(starts(to, 1, 84), { team: 'team-7' })],
      ['12 weeks by day, priority P0,P1', () => burndown(starts(to, 1, 84), { priorities: ['P0', 'P1'] })],
    ];

    const roundTrip = await timed(() => dataSource.query('SELECT 1'));
    // The least any burndown must do: read every action's dates once.
    const scan = await timed(() =>
      dataSource.query('SELECT count(*) FILTER (WHERE closed_at IS NULL), max(due_at), min(opened_at) FROM actions'),
    );
    const floor = { label: 'one scan of the actions table', value: round(scan), unit: 'ms' };
    const figures = [figure({ label: 'SELECT 1 round trip', value: round(roundTrip), unit: 'ms' })];
    for (const [label, run] of cases)
      figures.push(figure({ label, value: round(await timed(run)), unit: 'ms', floor }));
    report('burndown-query', figures, [
      `${n.toLocaleString('en-US')} actions; median of ${RUNS} runs after 2 warm-ups`,
    ]);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
