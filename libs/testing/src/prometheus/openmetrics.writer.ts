/**
 * A sample as the scoring library reads it (its `Sample`, structurally): declared here so this
 * writer and the Prometheus fixture compile without the libraries, as the benchmarks build them
 * (bench/tsconfig.json).
 */
export interface Sample {
  at: number;
  value: number;
}

export type MetricType = 'gauge' | 'counter';

/** One series of a test scenario. Times are epoch ms, as everywhere in the project. */
export interface ScenarioSeries {
  /** The metric family; a counter's samples are written as `<name>_total`. */
  name: string;
  type?: MetricType;
  labels?: Record<string, string>;
  /** Ordered by time. Values may be NaN or ±Inf. */
  samples: Sample[];
}

/** Sample times from `from` to `to` inclusive, every `stepMs` (epoch ms). */
export interface SampleGrid {
  from: number;
  to: number;
  stepMs: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * The grid covering [now − fromAgoMs, now − toAgoMs], its points on multiples of `stepMs` since
 * the epoch: a range query whose start and step are multiples too then evaluates exactly at
 * sample times, so a test can predict every value it gets back.
 */
export function relativeGrid(now: number, range: { fromAgoMs: number; toAgoMs?: number; stepMs: number }): SampleGrid {
  const align = (t: number) => Math.floor(t / range.stepMs) * range.stepMs;
  return { from: align(now - range.fromAgoMs), to: align(now - (range.toAgoMs ?? 0)), stepMs: range.stepMs };
}

/** `value(t)` at every point of the grid. */
export function generateSamples(grid: SampleGrid, value: (at: number) => number): Sample[] {
  if (grid.stepMs <= 0) throw new RangeError('stepMs must be positive');
  const samples: Sample[] = [];
  for (let at = grid.from; at <= grid.to; at += grid.stepMs) samples.push({ at, value: value(at) });
  return samples;
}

/**
 * The OpenMetrics text `promtool tsdb create-blocks-from openmetrics` reads: one `# TYPE` line per
 * family with all its series under it (families may not interleave), each series' samples together
 * and in time order, timestamps in SECONDS (not ms as in the Prometheus text format), and `# EOF`.
 */
export function toOpenMetrics(series: readonly ScenarioSeries[]): string {
  const families = new Map<string, { type: MetricType; series: ScenarioSeries[] }>();
  const seen = new Set<string>();
  for (const s of series) {
    const type = s.type ?? 'gauge';
    if (!NAME.test(s.name)) throw new Error(`invalid metric name "${s.name}"`);
    if (type === 'counter' && s.name.endsWith('_total'))
      throw new Error(`counter "${s.name}": give the family name, the writer adds _total`);
    const family = families.get(s.name) ?? { type, series: [] };
    if (family.type !== type) throw new Error(`metric "${s.name}" is both ${family.type} and ${type}`);
    const identity = `${s.name}${labelText(s.labels ?? {})}`;
    if (seen.has(identity)) throw new Error(`series ${identity} appears twice`);
    seen.add(identity);
    family.series.push(s);
    families.set(s.name, family);
  }
  const lines: string[] = [];
  for (const [name, family] of families) {
    lines.push(`# TYPE ${name} ${family.type}`);
    const sampleName = family.type === 'counter' ? `${name}_total` : name;
    for (const s of family.series) {
      const labels = labelText(s.labels ?? {});
      let previous = -Infinity;
      for (const sample of s.samples) {
        if (sample.at <= previous) throw new Error(`${sampleName}${labels}: samples out of order at ${sample.at}`);
        previous = sample.at;
        lines.push(`${sampleName}${labels} ${formatValue(sample.value)} ${sample.at / 1000}`);
      }
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

function labelText(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '';
  for (const key of keys) if (!LABEL.test(key) || key.startsWith('__')) throw new Error(`invalid label name "${key}"`);
  return `{${keys.map((k) => `${k}="${escapeLabelValue(labels[k])}"`).join(',')}}`;
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
