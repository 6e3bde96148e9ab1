import { InvalidArgumentError, type Command } from 'commander';
import type { CliContext } from '../context';

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are printed as the API gives them (docs/api.md) */

const PATH = '/api/v1/trackers';

/**
 * `--tracker github:acme/checkout#12` → `{name, key}`; `none` → false, as commander turns a parser's
 * null into "" (the body's null comes from trackerField). A tracker's name never holds a ":".
 */
export function trackerRef(text: string): { name: string; key: string } | false {
  if (text === 'none') return false;
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1)
    throw new InvalidArgumentError('name:key, e.g. github:acme/checkout#12 or jira:OPS-42 (none unlinks)');
  return { name: text.slice(0, colon), key: text.slice(colon + 1) };
}

/** The options with `--tracker none` as the body's null (unlink); others as given. */
export function trackerField<T extends { tracker?: unknown }>(opts: T): T {
  return opts.tracker === false ? { ...opts, tracker: null } : opts;
}

/** How an action's link reads in a terminal. */
export function linkText(link: any): string | null {
  return link ? `${link.name}:${link.key} (${link.state}) ${link.url}` : null;
}

export function register(program: Command, ctx: CliContext): void {
  const group = program.command('trackers').description('issue trackers: list them, import their issues as actions');

  group
    .command('list')
    .description('the configured issue trackers (docs/trackers.md)')
    .action(async () => {
      const trackers = await ctx.api().get<any[]>(PATH);
      ctx.output.print(trackers, (ts) =>
        ts.length
          ? ctx.output.table(
              ['name', 'type', 'url', 'default team'],
              ts.map((t) => [t.name, t.type, t.url, t.defaultTeam]),
            )
          : 'No trackers configured.',
      );
    });

  group
    .command('import <tracker> <query>')
    .description('import the issues a search finds (GitHub search query or JQL) as actions; linked issues are skipped')
    .option('--dry-run', 'show what would be created; create nothing')
    .action(async (tracker: string, query: string, options: { dryRun?: boolean }) => {
      const body = { query, ...(options.dryRun ? { dryRun: true } : {}) };
      const result = await ctx.api().post<any>(`${PATH}/${encodeURIComponent(tracker)}/import`, body);
      ctx.output.print(result, (r) => renderImport(r, ctx));
    });
}

function renderImport(result: any, ctx: CliContext): string {
  const dryRun = Array.isArray(result.wouldCreate);
  const items: any[] = [...(dryRun ? result.wouldCreate : result.created), ...result.skipped];
  const lines: string[] = [];
  if (items.length > 0)
    lines.push(
      ctx.output.table(
        ['status', 'issue', 'action', 'title'],
        items.map((i) => [i.status, i.key, i.actionId, i.title]),
      ),
    );
  const made = dryRun ? result.wouldCreate.length : result.created.length;
  const count = `${made} action${made === 1 ? '' : 's'}`;
  const summary = `${result.found} issue${result.found === 1 ? '' : 's'} found; ${result.skipped.length} already linked`;
  lines.push(
    dryRun ? `Dry run: would create ${count}; nothing was created (${summary}).` : `Created ${count} (${summary}).`,
  );
  return lines.join('\n');
}
