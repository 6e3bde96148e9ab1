// Load: the mix of reads and writes of libs/testing/src/load-mix.ts (post-mortems and actions opened,
// read, renamed; lists, burndown, flags) from several connections for several minutes, against the
// one-process service on PostgreSQL with its scheduler scoring 200 metrics every minute. Prints, per
// round: requests, rate, p99 latency, 5xx, acknowledged writes not read back, and the service's RSS
// after the round and after a pause (memory that keeps growing round after round is a leak).
// Asserts nothing; the short version is test/load.e2e-spec.ts. The two test helpers it drives are compiled
// into dist/bench by bench/tsconfig.json.
//
// Run: npm run bench:load [-- --rounds N] [-- --seconds S] [-- --connections C]   (defaults 4, 60, 16)
// Needs PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const require = createRequire(import.meta.url);
const { ServiceProcess } = require('../dist/bench/service-process.js');
const { runLoadMix, seedScoredMetrics } = require('../dist/bench/load-mix.js');

const args = process.argv.slice(2);
const ROUNDS = numberArgument('--rounds', 4);
const SECONDS = numberArgument('--seconds', 60);
const CONNECTIONS = numberArgument('--connections', 16);
const SCORED_METRICS = 200;
const PAUSE_MS = 15_000;

function numberArgument(name, fallback) {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const n = Number(args[at + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a positive whole number, got ${args[at + 1]}`);
  return n;
}

function rssMb(pid) {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

const dir = mkdtempSync(join(tmpdir(), 'rt-load-bench-'));
const config = join(dir, 'load.yaml');
writeFileSync(config, 'server:\n  rateLimitPerMinute: 0\nscoring:\n  tickEvery: 10s\n');
const service = await ServiceProcess.start({
  database: 'postgres',
  env: { REMEDIATION_CONFIG: config, REMEDIATION_SCHEDULER: 'on' },
});
try {
  const tag = `load-bench-${process.pid}`;
  const key = await service.issueKey('load bench', 'editor');
  await seedScoredMetrics(service.http.withKey(key), tag, SCORED_METRICS);
  console.log(`service ready, ${SCORED_METRICS} metrics scored every minute, RSS ${rssMb(service.pid)} MB`);
  console.log(
    '| round | requests | req/s | p99 ms | 5xx | no answer | acknowledged writes | lost | RSS after | RSS after pause |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (let round = 1; round <= ROUNDS; round++) {
    const r = await runLoadMix({ baseUrl: service.baseUrl, key, seconds: SECONDS, connections: CONNECTIONS, tag });
    const after = rssMb(service.pid);
    await sleep(PAUSE_MS);
    const rested = rssMb(service.pid);
    const row = [round, r.requests, Math.round(r.requestsPerSecond), r.p99Ms, r.serverErrors, r.connectionErrors];
    console.log(`| ${[...row, r.acknowledgedWrites, r.lost.length, `${after} MB`, `${rested} MB`].join(' | ')} |`);
    for (const line of r.lost.slice(0, 5)) console.log(`  lost: ${line}`);
  }
} finally {
  await service.destroy();
  rmSync(dir, { recursive: true, force: true });
}
