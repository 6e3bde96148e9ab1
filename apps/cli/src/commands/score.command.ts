import type { Command } from 'commander';
import { list } from '../body';
import type { CliContext } from '../context';

export function register(program: Command, ctx: CliContext): void {
  const group = program.command('score').description('scoring runs (a scorer key)');
  group
    .command('run')
    .description('score the due success metrics now, or as of a past time')
    .option('--actions <ids>', 'only these actions, comma separated', list)
    .option('--at <time>', 'score as of this time (default now)')
    .action(async (opts: { actions?: string[]; at?: string }) => {
      const body = { ...(opts.actions ? { actionIds: opts.actions } : {}), ...(opts.at ? { at: opts.at } : {}) };
      const result = await ctx
        .api()
        .post<{ scored: number; skipped: number; errors: number }>('/api/v1/scoring/run', body);
      ctx.output.print(result, (r) => `Scored ${r.scored}, skipped ${r.skipped} (already scored), ${r.errors} errors.`);
    });
}
