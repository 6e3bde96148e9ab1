import { CsvError, parse } from 'csv-parse/sync';

/**
 * Reading existing action items from a spreadsheet's CSV export (docs/import.md). This is the
 * file's structure only: the header, the cells, the row numbers. What each value may be is the
 * API's rule for a new action, checked by whoever opens the actions.
 */

/** The columns an import understands: the action's own fields, plus `postmortem`. */
export const ACTION_CSV_COLUMNS = [
  'sourceId',
  'postmortem',
  'title',
  'description',
  'ownerTeam',
  'assignee',
  'priority',
  'services',
  'externalRef',
  'openedAt',
  'dueAt',
  'status',
  'implementedAt',
  'closedAt',
  'verificationNote',
] as const;

export type ActionCsvColumn = (typeof ACTION_CSV_COLUMNS)[number];

/** Without these two columns no row could open an action. */
export const REQUIRED_ACTION_CSV_COLUMNS: readonly ActionCsvColumn[] = ['title', 'ownerTeam'];

/** More rows than a team's backlog plausibly holds; a bigger file is split. */
export const MAX_ACTION_CSV_ROWS = 5_000;

/** A `dueAt` cell saying the action has no due date (an empty cell takes the priority's default). */
export const NO_DUE_DATE = 'none';

/** One row's cells by column; an empty cell is absent. */
export interface ActionCsvFields {
  sourceId?: string;
  /** A post-mortem's id or its sourceId. */
  postmortem?: string;
  title?: string;
  description?: string;
  ownerTeam?: string;
  assignee?: string;
  priority?: string;
  services?: string[];
  externalRef?: string;
  openedAt?: string;
  dueAt?: string | null;
  status?: string;
  implementedAt?: string;
  closedAt?: string;
  verificationNote?: string;
}

export interface ActionCsvRow {
  /** As a spreadsheet numbers it: the header is row 1, a cell's line breaks do not add rows. */
  row: number;
  fields: ActionCsvFields;
}

export interface CsvRowError {
  row: number;
  /** The column at fault, when one is. */
  column: string | null;
  message: string;
}

/** The file cannot be read as action items; every problem found, by row. */
export class ActionCsvError extends Error {
  constructor(readonly errors: CsvRowError[]) {
    super(errors.map(describeRowError).join('; '));
    this.name = 'ActionCsvError';
  }
}

export function describeRowError(error: CsvRowError): string {
  return `row ${error.row}${error.column ? `, ${error.column}` : ''}: ${error.message}`;
}

const HEADER_ROW = 1;
const LIST_SEPARATORS = /[\s,;]+/;

export interface ActionCsv {
  rows: ActionCsvRow[];
  /** The rows that could not be read, by row; the caller adds its own and reports all at once. */
  errors: CsvRowError[];
}

/**
 * The rows of a CSV file with a header row. Blank rows are skipped (they keep their numbers). A
 * file that cannot be read at all (no header, a broken quote, too many rows) throws ActionCsvError;
 * a row of the wrong width is in `errors`, so a file is fixed in one pass.
 */
export function readActionCsv(text: string): ActionCsv {
  const records = parseRecords(text);
  if (records.length === 0 || isBlank(records[0])) {
    throw new ActionCsvError([{ row: HEADER_ROW, column: null, message: 'the header row is missing' }]);
  }
  const columns = readHeader(records[0]);
  const errors: CsvRowError[] = [];
  const rows: ActionCsvRow[] = [];
  records.slice(1).forEach((record, index) => {
    const row = index + HEADER_ROW + 1;
    if (isBlank(record)) return;
    if (record.length !== columns.length) {
      errors.push({ row, column: null, message: `has ${record.length} cells; the header has ${columns.length}` });
      return;
    }
    rows.push({ row, fields: fieldsOf(columns, record) });
  });
  if (rows.length === 0 && errors.length === 0) {
    throw new ActionCsvError([{ row: HEADER_ROW, column: null, message: 'no action items under the header' }]);
  }
  if (rows.length > MAX_ACTION_CSV_ROWS) {
    const row = rows[MAX_ACTION_CSV_ROWS].row;
    throw new ActionCsvError([{ row, column: null, message: `more than ${MAX_ACTION_CSV_ROWS} rows` }]);
  }
  return { rows, errors };
}

function parseRecords(text: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true }) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // `records` counts the records read before the broken one, the header included.
    const row = ((error as CsvError & { records?: number }).records ?? 0) + 1;
    throw new ActionCsvError([{ row, column: null, message: csvProblem(error) }]);
  }
}

function csvProblem(error: CsvError): string {
  switch (error.code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted cell goes on after its closing quote (write a quote inside a quoted cell as "")';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed';
    default:
      return `not valid CSV (${error.message})`;
  }
}

function readHeader(record: string[]): ActionCsvColumn[] {
  const errors: CsvRowError[] = [];
  const columns: ActionCsvColumn[] = [];
  record.forEach((cell, index) => {
    const name = cell.trim();
    const column = ACTION_CSV_COLUMNS.find((known) => known.toLowerCase() === name.toLowerCase());
    if (column === undefined) {
      const label = name === '' ? `column ${index + 1} has no name` : `unknown column "${name}"`;
      errors.push({
        row: HEADER_ROW,
        column: null,
        message: `${label}; the columns are ${ACTION_CSV_COLUMNS.join(', ')}`,
      });
    } else if (columns.includes(column)) {
      errors.push({ row: HEADER_ROW, column, message: 'appears twice' });
    }
    if (column !== undefined) columns.push(column);
  });
  for (const required of REQUIRED_ACTION_CSV_COLUMNS) {
    if (!columns.includes(required)) errors.push({ row: HEADER_ROW, column: required, message: 'is required' });
  }
  if (errors.length > 0) throw new ActionCsvError(errors);
  return columns;
}

function fieldsOf(columns: ActionCsvColumn[], record: string[]): ActionCsvFields {
  const fields: ActionCsvFields = {};
  columns.forEach((column, index) => {
    const value = record[index].trim();
    if (value === '') return;
    if (column === 'services') fields.services = value.split(LIST_SEPARATORS).filter((name) => name !== '');
    else if (column === 'dueAt') fields.dueAt = value.toLowerCase() === NO_DUE_DATE ? null : value;
    else (fields as Record<string, string>)[column] = value;
  });
  return fields;
}

function isBlank(record: string[]): boolean {
  return record.every((cell) => cell.trim() === '');
}
