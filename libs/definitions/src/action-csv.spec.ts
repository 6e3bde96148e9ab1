import { ActionCsvError, MAX_ACTION_CSV_ROWS, readActionCsv, type CsvRowError } from './action-csv';

/** What the file cannot be read for: thrown for the whole file, or listed by row. */
function errorsOf(text: string): CsvRowError[] {
  try {
    const { errors } = readActionCsv(text);
    if (errors.length === 0) throw new Error('expected the file to be refused');
    return errors;
  } catch (error) {
    if (error instanceof ActionCsvError) return error.errors;
    throw error;
  }
}

const rowsOf = (text: string) => {
  const { rows, errors } = readActionCsv(text);
  expect(errors).toEqual([]);
  return rows;
};

describe('readActionCsv', () => {
  it('reads each row under the header by column, numbering rows as a spreadsheet does', () => {
    const rows = rowsOf('title,ownerTeam,priority\nAdd retries,payments,P1\nCap the pool,platform,\n');
    expect(rows).toEqual([
      { row: 2, fields: { title: 'Add retries', ownerTeam: 'payments', priority: 'P1' } },
      { row: 3, fields: { title: 'Cap the pool', ownerTeam: 'platform' } },
    ]);
  });

  it('matches column names whatever their case and surrounding spaces, in any order', () => {
    const rows = rowsOf(' OwnerTeam ,TITLE,dueat\npayments,Add retries,2026-01-31T00:00:00Z\n');
    expect(rows[0].fields).toEqual({ ownerTeam: 'payments', title: 'Add retries', dueAt: '2026-01-31T00:00:00Z' });
  });

  it('drops a byte-order mark, as spreadsheet exports write one', () => {
    expect(rowsOf('\ufefftitle,ownerTeam\nA,b\n')[0].fields).toEqual({ title: 'A', ownerTeam: 'b' });
  });

  it('keeps line breaks and quotes inside quoted cells, and counts such a row once', () => {
    const rows = rowsOf('title,ownerTeam,description\nA,b,"line one\nline ""two"""\nC,d,\n');
    expect(rows[0].fields.description).toBe('line one\nline "two"');
    expect(rows[1].row).toBe(3);
  });

  it('reads CRLF line endings', () => {
    expect(rowsOf('title,ownerTeam\r\nA,b\r\n')).toEqual([{ row: 2, fields: { title: 'A', ownerTeam: 'b' } }]);
  });

  it('trims cells and leaves empty ones out, so the API applies its defaults', () => {
    expect(rowsOf('title,ownerTeam,assignee\n  A  , b ,   \n')[0].fields).toEqual({ title: 'A', ownerTeam: 'b' });
  });

  it('splits services on commas, semicolons and spaces', () => {
    const rows = rowsOf('title,ownerTeam,services\nA,b,"checkout, cart;search  db"\n');
    expect(rows[0].fields.services).toEqual(['checkout', 'cart', 'search', 'db']);
  });

  it('reads a dueAt of "none" as no due date, in any case', () => {
    const rows = rowsOf('title,ownerTeam,dueAt\nA,b,none\nC,d,NONE\n');
    expect(rows.map((r) => r.fields.dueAt)).toEqual([null, null]);
  });

  it('skips blank rows but keeps the numbers of the rows after them', () => {
    const rows = rowsOf('title,ownerTeam\n\nA,b\n , \nC,d\n');
    expect(rows.map((r) => r.row)).toEqual([3, 5]);
  });

  it('refuses an empty file and a file with a header only', () => {
    expect(errorsOf('')).toEqual([{ row: 1, column: null, message: 'the header row is missing' }]);
    expect(errorsOf('title,ownerTeam\n\n')).toEqual([
      { row: 1, column: null, message: 'no action items under the header' },
    ]);
  });

  it('names every unknown, unnamed, repeated and missing required column of the header at once', () => {
    const errors = errorsOf('titel,,priority,Priority\nA,b,P1,P2\n');
    expect(errors.map((e) => [e.column, e.message.split(';')[0]])).toEqual([
      [null, 'unknown column "titel"'],
      [null, 'column 2 has no name'],
      ['priority', 'appears twice'],
      ['title', 'is required'],
      ['ownerTeam', 'is required'],
    ]);
    expect(errors[0].message).toContain('the columns are sourceId, postmortem, title');
  });

  it('lists every row whose cell count differs from the header, and reads the others', () => {
    expect(readActionCsv('title,ownerTeam\nA,b\nC\nD,e,f\n')).toEqual({
      rows: [{ row: 2, fields: { title: 'A', ownerTeam: 'b' } }],
      errors: [
        { row: 3, column: null, message: 'has 1 cells; the header has 2' },
        { row: 4, column: null, message: 'has 3 cells; the header has 2' },
      ],
    });
  });

  it('reports a broken quote at the row it is in', () => {
    expect(errorsOf('title,ownerTeam\nA,b\n"C"x,d\n')).toEqual([
      { row: 3, column: null, message: expect.stringContaining('goes on after its closing quote') },
    ]);
    expect(errorsOf('title,ownerTeam\nA,b\n"C,d\n')).toEqual([
      { row: 3, column: null, message: 'a quoted cell is never closed' },
    ]);
  });

  it(`refuses more than ${MAX_ACTION_CSV_ROWS} rows, naming the first row too many`, () => {
    const body = Array.from({ length: MAX_ACTION_CSV_ROWS + 1 }, (_, i) => `T${i},team`).join('\n');
    expect(errorsOf(`title,ownerTeam\n${body}\n`)).toEqual([
      { row: MAX_ACTION_CSV_ROWS + 2, column: null, message: `more than ${MAX_ACTION_CSV_ROWS} rows` },
    ]);
  });

  it('says every problem of a file it cannot read in its message, by row and column', () => {
    expect(() => readActionCsv('title,title\nA,b\n')).toThrow(
      'row 1, title: appears twice; row 1, ownerTeam: is required',
    );
  });
});
