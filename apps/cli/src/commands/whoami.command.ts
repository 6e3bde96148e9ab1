import type { Command } from 'commander';
import type { CliContext } from '../context';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('whoami')
    .description("the key's name and role")
    .action(async () => {
      const me = await ctx.api().get<{ name: string; role: string }>('/api/v1/whoami');
      ctx.output.print(me, (m) => `${m.name} (${m.role})`);
    });
}
