import type { Command } from 'commander';
import { bodyFrom, list, requireSome } from '../body';
import type { CliContext } from '../context';
import { registerImport } from './action-import.command';
import { linkText, trackerField, trackerRef } from './trackers.command';

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are printed as the API gives them (docs/api.md) */

const PATH = '/api/v1/actions';
export const actionPath = (id: string) => `${PATH}/${encodeURIComponent(id)}`;

/** Flag → field of an action's body (docs/api.md, "Actions"). */
const FIELDS = {
  title: 'title',
  ownerTeam: 'ownerTeam',
  postmortem: 'postmortemId',
  priority: 'priority',
  assignee: 'assignee',
  services: 'services',
  description: 'description',
  externalRef: 'externalRef',
  openedAt: 'openedAt',
  dueAt: 'dueAt',
  tracker: 'tracker',
};

function fieldOptions(cmd: Command): Command {
  return cmd
    .option('--title <text>', 'title (1..200 characters)')
    .option('--owner-team <team>', 'the team that owns it')
    .option('--postmortem <id>', 'the post-mortem it comes from')
    .option('--priority <p>', 'P0..P3 (default P2)')
    .option('--assignee <name>', 'who is on it (free text)')
    .option('--services <list>', 'services, comma separated', list)
    .option('--description <markdown>', 'description (markdown)')
    .option('--external-ref <url>', 'a link to the ticket elsewhere')
    .option('--opened-at <time>', 'when it was opened (default now)')
    .option('--due-at <time>', "due date (default: the priority's SLO)")
    .option(
      '--tracker <name:key>',
      'link to a tracker issue (github:acme/checkout#12, jira:OPS-42); none unlinks',
      trackerRef,
    )
    .option('-f, --file <file.json>', 'a JSON body; flags given override its fields');
}

const flagKinds = (a: any) => (a.flags ?? []).map((f: any) => f.kind);
const row = (a: any) => [a.id, a.status, a.priority, a.ownerTeam, a.title, a.dueAt, flagKinds(a)];

export function renderAction(a: any, ctx: CliContext): string {
  const head = ctx.output.fields([
    ['id', a.id],
    ['title', a.title],
    ['status', a.status],
    ['priority', a.priority],
    ['owner team', a.ownerTeam],
    ['assignee', a.assignee],
    ['post-mortem', a.postmortemId],
    ['services', a.services],
    ['opened', a.openedAt],
    ['due', a.dueAt],
    ['implemented', a.implementedAt],
    ['closed', a.closedAt],
    ['verification', a.verification],
    ['flags', flagKinds(a)],
    ['tracker', linkText(a.tracker)],
  ]);
  const flags = (a.flags ?? []).map((f: any) => `  ${f.kind}: ${f.reason}`).join('\n');
  const metrics = (a.metrics ?? []).length
    ? ctx.output.table(
        ['metric id', 'name', 'baseline', 'goal', 'latest verdict'],
        a.metrics.map((m: any) => [m.id, m.name, m.baselineValue, m.goal, m.latest?.verdict]),
      )
    : '';
  return [
    head,
    flags && `\nFlags\n${flags}`,
    a.description ? `\n${a.description}` : '',
    metrics && `\nSuccess metrics\n${metrics}`,
  ]
    .filter(Boolean)
    .join('\n');
}

export function register(program: Command, ctx: CliContext): void {
  const group = program.command('actions').description('corrective actions: list, show, create, update, move');

  group
    .command('list')
    .description('every action matching the filters, newest first')
    .option('--status <list>', 'open, in_progress, implemented, verified, wont_fix (comma separated)')
    .option('--team <team>', 'owner team')
    .option('--priority <list>', 'P0..P3, comma separated')
    .option('--service <name>', 'a service')
    .option('--postmortem <id>', 'from this post-mortem')
    .option('--flag <kind>', 'with this active flag (overdue, stalled, ineffective…)')
    .option('--overdue', 'only overdue actions')
    .option('-q, --q <text>', 'the title contains this text')
    .action(async (opts) => {
      const { postmortem, ...rest } = opts;
      const items = await ctx.api().getAll<any>(PATH, { ...rest, postmortemId: postmortem });
      ctx.output.print(items, (as) =>
        as.length
          ? ctx.output.table(['id', 'status', 'priority', 'team', 'title', 'due', 'flags'], as.map(row))
          : 'No actions.',
      );
    });

  group
    .command('show <id>')
    .description('one action with its flags and success metrics')
    .action(async (id: string) => {
      const a = await ctx.api().get<any>(actionPath(id));
      ctx.output.print(a, (x) => renderAction(x, ctx));
    });

  fieldOptions(group.command('create').description('open a corrective action'))
    .option('--status <status>', 'import a past item in this status (with its dates)')
    .option('--implemented-at <time>', 'with --status implemented or verified')
    .option('--closed-at <time>', 'with --status verified or wont_fix')
    .option('--note <text>', 'verification note (--status verified)')
    .action(async (opts) => {
      const fields = {
        ...FIELDS,
        status: 'status',
        implementedAt: 'implementedAt',
        closedAt: 'closedAt',
        note: 'verificationNote',
      };
      const created = await ctx.api().post<any>(PATH, bodyFrom(trackerField(opts), fields, opts.file));
      ctx.output.print(created, (a) => `Created action ${a.id}\n${renderAction(a, ctx)}`);
    });

  fieldOptions(group.command('update <id>').description('change the given fields of an action')).action(
    async (id: string, opts) => {
      const body = requireSome(bodyFrom(trackerField(opts), FIELDS, opts.file), 'update');
      const updated = await ctx.api().patch<any>(actionPath(id), body);
      ctx.output.print(updated, (a) => `Updated action ${a.id}\n${renderAction(a, ctx)}`);
    },
  );

  group
    .command('move <id> <status>')
    .description('move an action through the workflow (open → in_progress → implemented → verified; wont_fix)')
    .option('--implemented-at <time>', 'when the fix shipped (moving to implemented; default now)')
    .option('--note <text>', 'verification note (verifying an action without success metrics)')
    .option('--reason <text>', 'why (moving to wont_fix)')
    .action(async (id: string, status: string, opts) => {
      const body = {
        status,
        ...bodyFrom(opts, { implementedAt: 'implementedAt', note: 'verificationNote', reason: 'reason' }),
      };
      const moved = await ctx.api().patch<any>(actionPath(id), body);
      ctx.output.print(moved, (a) => `Action ${a.id} is now ${a.status}\n${renderAction(a, ctx)}`);
    });

  group
    .command('delete <id>')
    .description('delete an action')
    .action(async (id: string) => {
      await ctx.api().delete(actionPath(id));
      ctx.output.print({ deleted: id }, () => `Deleted action ${id}`);
    });
  registerImport(group, ctx);
}
