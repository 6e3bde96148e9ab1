#!/usr/bin/env node
/**
 * `npm run demo`: the service on a fresh embedded database, filled with post-mortems, actions and
 * weeks of OpenTelemetry history that tell five stories (a fix that worked, one that did nothing,
 * one stalled, one that regressed, one whose telemetry never arrives), then the dashboard's address
 * and a key. See README, "Try it".
 *
 *   node scripts/demo.mjs [--exit] [--data-dir DIR] [--port N]
 *
 * --exit       seed, print, stop the service and exit (for tests); otherwise run until Ctrl+C
 * --data-dir   where the embedded database goes (default ./demo-data, wiped at every run)
 * --port       the port (default PORT, else a free one)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { outcomes, seed } from './demo/seed.mjs';
import { SCENARIOS } from './demo/scenarios.mjs';
import { apiClient, startService } from './demo/service.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const ENTRY = join(ROOT, 'dist/apps/api/src/main.js');
const DAY_MS = 86_400_000;
/** History starts inside the receiver's default retention (35 days), with a day to spare. */
const HISTORY_DAYS = 34;
/** Marks a folder as the demo's own, so a rerun may wipe it and nothing else. */
const MARKER = '.remediation-demo';

const { values: args } = parseArgs({
  options: {
    exit: { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: join(ROOT, 'demo-data') },
    port: { type: 'string', default: process.env.PORT },
  },
});

const started = Date.now();
const step = (text) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${text}`);

/** The newest modification time under `dir` (sources and config the build reads). */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds as `npm run dev` does, but only when dist is missing or older than the sources. */
function buildIfStale() {
  const sources = Math.max(...['apps', 'libs'].map((dir) => newestMtime(join(ROOT, dir))));
  if (existsSync(ENTRY) && statSync(ENTRY).mtimeMs >= sources) return;
  step('building (dist is missing or older than the sources)…');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
}

/** A fresh data folder: created, or wiped when it is an earlier demo's; anything else is refused. */
async function freshDataDir(dir) {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(join(dir, MARKER))) {
      throw new Error(`${dir} is not empty and not an earlier demo's folder: give another --data-dir`);
    }
    await rm(dir, { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, MARKER), 'Made by `npm run demo`; wiped at its next run.\n');
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** The OpenTelemetry SDK is a dev dependency (`npm ci` installs it; `--omit=dev` does not). */
async function loadTelemetry() {
  try {
    return await import('./demo/telemetry.mjs');
  } catch (error) {
    if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(
      `the demo sends telemetry with the OpenTelemetry SDK, a dev dependency: run \`npm ci\` (${error.message})`,
      { cause: error },
    );
  }
}

async function main() {
  buildIfStale();
  const { sendHistory } = await loadTelemetry();
  const dataDir = resolve(args['data-dir']);
  await freshDataDir(dataDir);
  const port = args.port ? Number(args.port) : await freePort();
  step(`starting the service on port ${port}, embedded database in ${dataDir}`);
  const service = await startService({ entry: ENTRY, dataDir, port });
  const stop = async () => {
    service.child.kill('SIGTERM');
    await service.exited;
  };
  try {
    const admin = apiClient(service.baseUrl, service.adminKey);
    const { key: ingestKey } = await admin.post('/api/v1/keys', { name: 'demo telemetry', role: 'ingest' });
    const nowMs = Date.now();
    step(`sending ${HISTORY_DAYS} days of OpenTelemetry history through the OTLP receiver…`);
    const sent = await sendHistory({
      url: `${service.baseUrl}/v1/metrics`,
      ingestKey,
      scenarios: SCENARIOS,
      startMs: nowMs - HISTORY_DAYS * DAY_MS,
      endMs: nowMs - 60_000,
    });
    if (sent.problems.length > 0) throw new Error(`the OTel SDK reported: ${sent.problems.join('; ')}`);
    step(`${sent.exports} OTLP exports accepted; creating post-mortems and actions, replaying their checks…`);
    const { actionIds, checks } = await seed(admin, nowMs);
    step(`${checks} checks replayed`);
    console.log('');
    console.table((await outcomes(admin, actionIds)).map((row) => ({ ...row, flags: row.flags.join(', ') || '—' })));
    console.log(`\nDashboard:  ${service.baseUrl}/`);
    console.log(`Admin key:  ${service.adminKey}`);
    console.log(`(also in ${join(dataDir, 'admin.key')}; the service's log is ${join(dataDir, 'service.log')})`);
  } catch (error) {
    await stop();
    throw error;
  }
  if (args.exit) {
    await stop();
    step('stopped the service (--exit)');
    return;
  }
  console.log('\nThe service keeps running and scoring; Ctrl+C stops it.');
  const shutdown = () => stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const code = await service.exited;
  console.error(`the service stopped (${code}): see ${join(dataDir, 'service.log')}`);
  process.exit(1);
}

main().catch((error) => {
  console.error(`demo: ${error.message}`);
  process.exit(1);
});
