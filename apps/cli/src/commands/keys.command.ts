import type { Command } from 'commander';
import type { CliContext } from '../context';

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are printed as the API gives them (docs/api.md) */

const PATH = '/api/v1/keys';

export function register(program: Command, ctx: CliContext): void {
  const group = program.command('keys').description('API keys (an admin key)');

  group
    .command('list')
    .description('every key, oldest first, revoked ones included')
    .action(async () => {
      const keys = await ctx.api().getAll<any>(PATH);
      ctx.output.print(keys, (ks) =>
        ctx.output.table(
          ['id', 'name', 'role', 'created', 'revoked'],
          ks.map((k: any) => [k.id, k.name, k.role, k.createdAt, k.revokedAt]),
        ),
      );
    });

  group
    .command('issue')
    .description('issue a key; it is shown once, now')
    .requiredOption('--name <name>', 'who or what uses it (the actor in the audit trail)')
    .requiredOption('--role <role>', 'viewer | editor | admin | ingest | scorer')
    .action(async (opts: { name: string; role: string }) => {
      const issued = await ctx.api().post<any>(PATH, { name: opts.name, role: opts.role });
      ctx.output.print(
        issued,
        (k) => `Issued key ${k.id} (${k.name}, ${k.role}). Keep it now, it is not shown again:\n${k.key}`,
      );
    });

  group
    .command('revoke <id>')
    .description('revoke a key (it stays in the list with its revokedAt)')
    .action(async (id: string) => {
      await ctx.api().delete(`${PATH}/${encodeURIComponent(id)}`);
      ctx.output.print({ revoked: id }, () => `Revoked key ${id}`);
    });
}
