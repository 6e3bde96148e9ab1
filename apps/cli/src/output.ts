import Table from 'cli-table3';

export type Cell = string | number | boolean | null | undefined;

/** A value as a person reads it in a table: `–` for nothing, lists comma separated. */
export function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (Array.isArray(value)) return value.length ? value.map(cell).join(', ') : '–';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Rows under a header, as a terminal table (cli-table3). */
export function table(head: string[], rows: Cell[][]): string {
  const t = new Table({ head, style: { head: [], border: [], compact: true } });
  for (const row of rows) t.push(row.map(cell));
  return t.toString();
}

/** One record as "label  value" lines, the labels padded to one column. */
export function fields(pairs: [string, unknown][]): string {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return pairs.map(([label, value]) => `${label.padEnd(width)}  ${cell(value)}`).join('\n');
}

/**
 * Prints an answer: as JSON when `--json` was given (for scripts), else the human rendering.
 * Both go to stdout, ending with one newline.
 */
export class Output {
  constructor(private readonly wantsJson: () => boolean) {}

  get json(): boolean {
    return this.wantsJson();
  }

  print<T>(data: T, render: (data: T) => string): void {
    const text = this.json ? JSON.stringify(data, null, 2) : render(data);
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** A line of the answer on stdout. */
  line(text: string): void {
    process.stdout.write(`${text}\n`);
  }

  /** Progress for people on stderr, so stdout stays the answer. */
  note(text: string): void {
    process.stderr.write(`${text}\n`);
  }

  table = table;
  fields = fields;
}
