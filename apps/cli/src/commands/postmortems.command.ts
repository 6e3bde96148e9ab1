import type { Command } from 'commander';
import { bodyFrom, list, requireSome } from '../body';
import type { CliContext } from '../context';

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are printed as the API gives them (docs/api.md) */

const PATH = '/api/v1/postmortems';

/** Flag → field of a post-mortem's body (docs/api.md, "Post-mortems"). */
const FIELDS = {
  kind: 'kind',
  title: 'title',
  severity: 'severity',
  occurredAt: 'occurredAt',
  resolvedAt: 'resolvedAt',
  services: 'services',
  summary: 'summary',
};

function fieldOptions(cmd: Command): Command {
  return cmd
    .option('--kind <kind>', 'incident | success | premortem')
    .option('--title <text>', 'title (1..200 characters)')
    .option('--severity <sev>', 'SEV1..SEV4 (an incident needs one)')
    .option('--occurred-at <time>', 'when it happened (date-time with a zone)')
    .option('--resolved-at <time>', 'when it was resolved')
    .option('--services <list>', 'affected services, comma separated', list)
    .option('--summary <markdown>', 'summary (markdown)')
    .option('-f, --file <file.json>', 'a JSON body; flags given override its fields');
}

const row = (p: any) => [p.id, p.kind, p.severity, p.title, p.occurredAt, p.services];

function renderOne(p: any, ctx: CliContext): string {
  const head = ctx.output.fields([
    ['id', p.id],
    ['title', p.title],
    ['kind', p.kind],
    ['severity', p.severity],
    ['occurred', p.occurredAt],
    ['resolved', p.resolvedAt],
    ['services', p.services],
  ]);
  const timeline = (p.timeline ?? []).map((t: any) => `  ${t.at}  ${t.text}`).join('\n');
  const factors = (p.contributingFactors ?? []).map((f: any) => `  ${f.kind}/${f.category}: ${f.text}`).join('\n');
  return [
    head,
    p.summary ? `\n${p.summary}` : '',
    timeline && `\nTimeline\n${timeline}`,
    factors && `\nContributing factors\n${factors}`,
  ]
    .filter(Boolean)
    .join('\n');
}

export function register(program: Command, ctx: CliContext): void {
  const group = program
    .command('postmortems')
    .alias('pm')
    .description('post-mortems: list, show, create, update, delete');

  group
    .command('list')
    .description('every post-mortem matching the filters, newest first')
    .option('--kind <kind>', 'incident | success | premortem')
    .option('--severity <list>', 'SEV1..SEV4, comma separated')
    .option('--service <name>', 'an affected service')
    .option('--from <time>', 'occurred at or after')
    .option('--to <time>', 'occurred before')
    .option('-q, --q <text>', 'the title contains this text')
    .action(async (opts) => {
      const items = await ctx.api().getAll<any>(PATH, opts);
      ctx.output.print(items, (ps) =>
        ps.length
          ? ctx.output.table(['id', 'kind', 'severity', 'title', 'occurred', 'services'], ps.map(row))
          : 'No post-mortems.',
      );
    });

  group
    .command('show <id>')
    .description('one post-mortem with its timeline and contributing factors')
    .action(async (id: string) => {
      const p = await ctx.api().get<any>(`${PATH}/${encodeURIComponent(id)}`);
      ctx.output.print(p, (x) => renderOne(x, ctx));
    });

  fieldOptions(group.command('create').description('record a post-mortem')).action(async (opts) => {
    const created = await ctx.api().post<any>(PATH, bodyFrom(opts, FIELDS, opts.file));
    ctx.output.print(created, (p) => `Created post-mortem ${p.id}\n${renderOne(p, ctx)}`);
  });

  fieldOptions(group.command('update <id>').description('change the given fields of a post-mortem')).action(
    async (id: string, opts) => {
      const body = requireSome(bodyFrom(opts, FIELDS, opts.file), 'update');
      const updated = await ctx.api().patch<any>(`${PATH}/${encodeURIComponent(id)}`, body);
      ctx.output.print(updated, (p) => `Updated post-mortem ${p.id}\n${renderOne(p, ctx)}`);
    },
  );

  group
    .command('delete <id>')
    .description('delete a post-mortem that has no corrective actions')
    .action(async (id: string) => {
      await ctx.api().delete(`${PATH}/${encodeURIComponent(id)}`);
      ctx.output.print({ deleted: id }, () => `Deleted post-mortem ${id}`);
    });
}
