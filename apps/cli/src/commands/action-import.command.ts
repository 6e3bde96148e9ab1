import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { EXIT } from '../exit-codes';
import { ApiRequestError } from '../http/errors';
import { table } from '../output';

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are printed as the API gives them (docs/api.md) */

interface RowError {
  row: number;
  column: string | null;
  message: string;
}

/**
 * `remediation actions import backlog.csv`: existing action items from a spreadsheet
 * (docs/import.md). The service checks every row and creates all or none; a refused file is
 * listed row by row, so it is fixed in one pass.
 */
export function registerImport(actions: Command, ctx: CliContext): void {
  actions
    .command('import <file>')
    .description('import existing action items from a CSV file (docs/import.md): all rows or none')
    .option('--dry-run', 'check every row and show what would be created; create nothing')
    .action(async (file: string, options: { dryRun?: boolean }, command: Command) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        return command.error(`cannot read ${file}: ${(error as Error).message}`, { exitCode: EXIT.usage });
      }
      let result: any;
      try {
        result = await ctx
          .api()
          .postFile('/api/v1/actions/import', { text, contentType: 'text/csv' }, { dryRun: options.dryRun });
      } catch (error) {
        const rows = rowErrorsOf(error);
        // With --json the API's error (its `errors` included) is printed as every error is.
        if (rows === null || ctx.output.json) throw error;
        const listing = rows.map((e) => `  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}`).join('\n');
        const refused = error as ApiRequestError;
        throw new ApiRequestError(
          refused.status,
          refused.body,
          `${file} was not imported; nothing was created:\n${listing}`,
        );
      }
      ctx.output.print(result, render);
    });
}

function rowErrorsOf(error: unknown): RowError[] | null {
  if (!(error instanceof ApiRequestError) || error.status !== 400) return null;
  const errors = (error.body as { errors?: unknown })?.errors;
  return Array.isArray(errors) ? (errors as RowError[]) : null;
}

function render(result: any): string {
  const actions: any[] = result.dryRun ? result.wouldCreate : result.created;
  const lines: string[] = [];
  if (actions.length > 0) {
    lines.push(
      table(
        ['row', ...(result.dryRun ? [] : ['id']), 'title', 'team', 'priority', 'status', 'due'],
        actions.map((a) => [
          a.row,
          ...(result.dryRun ? [] : [a.id]),
          a.title,
          a.ownerTeam,
          a.priority,
          a.status,
          a.dueAt,
        ]),
      ),
    );
  }
  for (const s of result.skipped)
    lines.push(`row ${s.row}: skipped, ${s.sourceId} was imported before (action ${s.actionId})`);
  const count = `${actions.length} action${actions.length === 1 ? '' : 's'}`;
  lines.push(result.dryRun ? `Dry run: would create ${count}; nothing was created.` : `Created ${count}.`);
  return lines.join('\n');
}
