// Footprint: one API process, as `npm start` runs it (scheduler and notifications on), on a fresh
// embedded data folder and on a fresh PostgreSQL database. Per process: the time from spawn to
// /health/ready answering 200, its RSS 15 s after the spawn, and its idle RSS a minute after it
// (quick: 5 s and 10 s). Floors, measured the same way in the same run: a bare `node` HTTP server
// (spawn to listening), and for the embedded database that server opening the embedded engine on a
// fresh folder exactly as the service does (openEmbedded from the compiled dist) before listening.
// The process's own heap/external split at the idle point comes from its /metrics.
//
// Run: npm run bench -- --only footprint [--quick]. Needs the build (dist) and PostgreSQL
// (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BASE_URL, withDb } from './bench-support.mjs';
import { figure, QUICK, report } from './report.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');

const ROOT = resolve(import.meta.dirname, '..');
const API_ENTRY = join(ROOT, 'dist/apps/api/src/main.js');
const OPEN_EMBEDDED = join(ROOT, 'dist/libs/persistence/src/embedded/open-embedded.js');
const EARLY_MS = QUICK ? 5_000 : 15_000;
const IDLE_MS = QUICK ? 10_000 : 60_000;

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer().on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

function rssMb(pid) {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

/** A bare HTTP server answering 200 to anything; with `openDir`, after opening the embedded engine there. */
const BARE_SERVER = `
const [port, openDir, openEmbedded] = process.argv.slice(1);
(async () => {
  if (openDir) await require(openEmbedded).openEmbedded(openDir);
  require('node:http').createServer((q, s) => s.end('ok')).listen(Number(port), '127.0.0.1');
})();`;

/**
 * Spawns `args` and polls `path` every 20 ms until it answers 200; then samples the RSS at
 * EARLY_MS and IDLE_MS after the spawn (and, for the service, /metrics at the idle point).
 */
async function measure(label, args, env, port, path) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let exited = null;
  child.on('exit', (code) => (exited = code));
  try {
    let readyMs;
    while (readyMs === undefined) {
      if (exited !== null) throw new Error(`${label} exited with ${exited}: ${stderr}`);
      if (performance.now() - started > 120_000) throw new Error(`${label} not ready in 120 s: ${stderr}`);
      const res = await fetch(`http://127.0.0.1:${port}${path}`).catch(() => null);
      if (res?.status === 200) readyMs = performance.now() - started;
      else await sleep(20);
    }
    await sleep(Math.max(0, EARLY_MS - (performance.now() - started)));
    const earlyRss = rssMb(child.pid);
    await sleep(Math.max(0, IDLE_MS - (performance.now() - started)));
    const idleRss = rssMb(child.pid);
    let memory;
    if (path === '/health/ready') memory = await ownMemory(port);
    console.log(
      `${label}: ready ${Math.round(readyMs)} ms, RSS ${earlyRss} MB at ${EARLY_MS / 1000} s, ${idleRss} MB at ${IDLE_MS / 1000} s`,
    );
    return { readyMs, earlyRss, idleRss, memory };
  } finally {
    child.kill('SIGTERM');
    if (exited === null) await new Promise((r) => child.once('exit', r));
  }
}

/** The heap and external memory the process reports about itself on /metrics, in MB. */
async function ownMemory(port) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const read = (name) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(text)?.[1]);
  const mb = (bytes) => (Number.isFinite(bytes) ? Math.round(bytes / 2 ** 20) : undefined);
  return {
    heapUsed: mb(read('nodejs_heap_size_used_bytes')),
    heapTotal: mb(read('nodejs_heap_size_total_bytes')),
    external: mb(read('nodejs_external_memory_bytes')),
  };
}

function serviceEnv(port, dataDir, databaseUrl) {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    HOST: '127.0.0.1',
    REMEDIATION_DATA_DIR: dataDir,
    REMEDIATION_ADMIN_KEY: 'rt_bench_footprint_admin_key_0123456789',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
}

const scratch = mkdtempSync(join(tmpdir(), 'rt-footprint-'));
const DB = `footprint_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: BASE_URL });
await admin.connect();
const figures = [];
const notes = [];
try {
  const bareEnv = { PATH: process.env.PATH };
  let port = await freePort();
  const bare = await measure('bare node http server', ['-e', BARE_SERVER, String(port)], bareEnv, port, '/');
  port = await freePort();
  const engine = await measure(
    'bare server + embedded engine on a fresh folder',
    ['-e', BARE_SERVER, String(port), join(scratch, 'engine'), OPEN_EMBEDDED],
    bareEnv,
    port,
    '/',
  );
  port = await freePort();
  const embedded = await measure(
    'service, embedded, fresh folder',
    [API_ENTRY],
    serviceEnv(port, join(scratch, 'embedded')),
    port,
    '/health/ready',
  );
  await admin.query(`CREATE DATABASE ${DB}`);
  port = await freePort();
  const postgres = await measure(
    'service, PostgreSQL, fresh database',
    [API_ENTRY],
    serviceEnv(port, join(scratch, 'postgres'), withDb(DB)),
    port,
    '/health/ready',
  );

  /** Ready time, early RSS and idle RSS of one start, each against the same start of its floor. */
  const startFigures = (name, run, floorLabel, floorRun, readyTargetMs, idleTargetMb) => [
    figure({
      label: `${name}: spawn to ready (fresh ${name === 'embedded' ? 'folder' : 'database'})`,
      value: Math.round(run.readyMs),
      unit: 'ms',
      floor: { label: floorLabel, value: Math.round(floorRun.readyMs), unit: 'ms' },
      target: `< ${readyTargetMs / 1000} s`,
      met: run.readyMs < readyTargetMs,
    }),
    figure({
      label: `${name}: RSS ${EARLY_MS / 1000} s after start`,
      value: run.earlyRss,
      unit: 'MB',
      floor: { label: floorLabel, value: floorRun.earlyRss, unit: 'MB' },
    }),
    figure({
      label: `${name}: idle RSS (${IDLE_MS / 1000} s)`,
      value: run.idleRss,
      unit: 'MB',
      floor: { label: floorLabel, value: floorRun.idleRss, unit: 'MB' },
      target: `< ${idleTargetMb} MB`,
      met: run.idleRss < idleTargetMb,
    }),
  ];
  figures.push(
    ...startFigures('embedded', embedded, 'bare node server opening the embedded engine', engine, 3000, 200),
    ...startFigures('PostgreSQL', postgres, 'bare node http server', bare, 2000, 150),
  );
  const split = (m) => `JS heap ${m.heapUsed}/${m.heapTotal} MB used/total, external ${m.external} MB`;
  notes.push(`embedded at idle: ${split(embedded.memory)}; PostgreSQL at idle: ${split(postgres.memory)}`);
  notes.push(`bare node server: ready ${Math.round(bare.readyMs)} ms, ${bare.idleRss} MB idle`);
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).catch(() => undefined);
  await admin.end();
  rmSync(scratch, { recursive: true, force: true });
}
report('footprint', figures, notes);
