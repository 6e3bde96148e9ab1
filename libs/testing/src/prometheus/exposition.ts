/** One sample line of the Prometheus text exposition format. */
export interface ExposedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The samples of a /metrics body (comments skipped). */
export function parseExposition(body: string): ExposedSample[] {
  const samples: ExposedSample[] = [];
  for (const line of body.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL))
      labels[key] = value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The families a body declares (`# TYPE name type`), with the series names each one exposes. */
export function exposedNames(body: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of body.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(name + suffix);
  }
  return names;
}

/** The value of the series with exactly these labels, or undefined when it is not exposed. */
export function valueOf(
  samples: ExposedSample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const wanted = Object.entries(labels).sort().join('\n');
  return samples.find((s) => s.name === name && Object.entries(s.labels).sort().join('\n') === wanted)?.value;
}

/** The series of a family, as `labels → value` (label sets written k=v joined by commas, sorted). */
export function seriesOf(samples: ExposedSample[], name: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) {
    if (s.name !== name) continue;
    out[
      Object.entries(s.labels)
        .sort()
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
    ] = s.value;
  }
  return out;
}
