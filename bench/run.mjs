// `npm run bench [-- --quick] [-- --only a,b]`: every benchmark in turn, each in its own process,
// then one table of figures, floors and ratios, written to bench/results/latest.json (a --quick
// run writes quick.json, so it never replaces a full run's figures). Exits non-zero only when a
// benchmark crashed: a slow figure is a finding to read, not a failure.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { argument, formatTable, QUICK } from './report.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** In the order they run: the cheap, self-contained ones first. */
const BENCHMARKS = ['footprint', 'scoring-pass', 'otlp-ingest', 'api-at-scale', 'burndown-query', 'otlp-window-query'];

const only = argument('--only', null)?.split(',');
const unknown = only?.filter((name) => !BENCHMARKS.includes(name)) ?? [];
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.join(', ')}`);
  process.exit(2);
}

function runOne(name, resultFile) {
  const args = [join(here, `${name}.bench.mjs`), '--result', resultFile, ...(QUICK ? ['--quick'] : [])];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code === 0 ? null : `exited with ${signal ?? code}`));
  });
}

const scratch = join(tmpdir(), `rt-bench-${process.pid}`);
mkdirSync(scratch, { recursive: true });
const results = [];
const crashed = [];
try {
  for (const name of only ?? BENCHMARKS) {
    console.log(`\n== ${name}${QUICK ? ' (quick)' : ''}`);
    const started = Date.now();
    const file = join(scratch, `${name}.json`);
    const failure = await runOne(name, file);
    if (failure) {
      crashed.push(`${name}: ${failure}`);
      continue;
    }
    results.push({ ...JSON.parse(readFileSync(file, 'utf8')), seconds: Math.round((Date.now() - started) / 1000) });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
  node: process.version,
};
console.log(`\n${formatTable(results)}`);
for (const r of results) for (const note of r.notes) console.log(`- ${r.name}: ${note}`);
console.log(
  `\nmachine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, load ${machine.loadAverage.join(' ')}`,
);

const out = join(here, 'results', QUICK ? 'quick.json' : 'latest.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), quick: QUICK, machine, results }, null, 2)}\n`);
console.log(`written to ${out}`);
if (crashed.length) {
  console.error(`crashed: ${crashed.join('; ')}`);
  process.exit(1);
}
