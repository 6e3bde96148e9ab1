// What every benchmark shares with the runner (bench/run.mjs): its arguments and the result it
// hands back. A benchmark is a script run as its own process, so one that crashes or leaks is
// seen as such and cannot skew the next one's memory figures.
//
//   node bench/<name>.bench.mjs [--quick] [--result <file.json>]
//
// --quick: the smallest sizes that still run every code path (CI runs it to catch a benchmark
// that no longer runs, never to judge a time). --result: where to write the figures as JSON.
import { writeFileSync } from 'node:fs';

export const QUICK = process.argv.includes('--quick');

/** The value given after `name` on the command line, else `fallback`. */
export function argument(name, fallback) {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
}

/**
 * One measured figure. `floor` is what the same work costs with the service taken out, measured
 * in the same run; `ratio` is value / floor.value (or floor.value / value for a rate, where more is
 * better: `higherIsBetter`). `target` says the goal in words; `met` whether this run reached it.
 *
 * @typedef {{ label: string, value: number, unit: string }} Measure
 * @typedef {Measure & { floor?: Measure, ratio?: number, higherIsBetter?: boolean, target?: string, met?: boolean }} Figure
 */

/** A figure with its ratio to the floor worked out (rounded to two decimals). */
export function figure({ label, value, unit, floor, higherIsBetter = false, target, met }) {
  const f = { label, value, unit };
  if (floor) {
    f.floor = floor;
    const ratio = higherIsBetter ? floor.value / value : value / floor.value;
    f.ratio = Math.round(ratio * 100) / 100;
    f.higherIsBetter = higherIsBetter;
  }
  if (target !== undefined) f.target = target;
  if (met !== undefined) f.met = met;
  return f;
}

/**
 * Hands the figures to the runner (when it asked with --result) and prints them as a table for a
 * benchmark run on its own. `notes` are lines worth keeping with the figures (sizes, the machine's
 * load, anything that explains a number).
 */
export function report(name, figures, notes = []) {
  const result = { name, quick: QUICK, at: new Date().toISOString(), figures, notes };
  const file = argument('--result', null);
  if (file) writeFileSync(file, JSON.stringify(result, null, 2));
  else console.log(formatTable([result]));
  return result;
}

const number = (n) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : String(Math.round(n * 100) / 100));

/** The results as one Markdown table (what `npm run bench` prints and BENCHMARKS.md keeps). */
export function formatTable(results) {
  const lines = [
    '| benchmark | figure | value | floor | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    for (const f of r.figures) {
      const floor = f.floor ? `${number(f.floor.value)} ${f.floor.unit} (${f.floor.label})` : '—';
      const ratio = f.ratio === undefined ? '—' : `${f.ratio}×`;
      const met = f.met === undefined ? '—' : f.met ? 'yes' : 'no';
      lines.push(
        `| ${r.name} | ${f.label} | ${number(f.value)} ${f.unit} | ${floor} | ${ratio} | ${f.target ?? '—'} | ${met} |`,
      );
    }
  }
  return lines.join('\n');
}
