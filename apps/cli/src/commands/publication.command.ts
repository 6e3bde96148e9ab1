import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { UsageError } from '../exit-codes';
import { ApiRequestError } from '../http/errors';

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are printed as the API gives them (docs/publishing.md) */

interface ChoiceOptions {
  summary?: string;
  summaryFile?: string;
  timeline?: boolean;
  actions?: boolean;
}

const pathOf = (postmortem: string) => `/api/v1/postmortems/${encodeURIComponent(postmortem)}/publication`;

function choiceOptions(cmd: Command): Command {
  return cmd
    .option('--summary <markdown>', 'the public summary (Markdown)')
    .option('--summary-file <file.md>', 'read the public summary from a file (- reads stdin)')
    .option('--timeline', 'show the timeline (the default when publishing)')
    .option('--no-timeline', 'leave the timeline out')
    .option('--actions', 'show the corrective actions and their measured outcomes (the default when publishing)')
    .option('--no-actions', 'leave the corrective actions out');
}

/** The summary from `--summary` or `--summary-file`; undefined when neither was given. */
function summaryFrom(opts: ChoiceOptions): string | undefined {
  if (opts.summary !== undefined && opts.summaryFile !== undefined)
    throw new UsageError('give --summary or --summary-file, not both');
  if (opts.summaryFile === undefined) return opts.summary;
  try {
    return readFileSync(opts.summaryFile === '-' ? 0 : opts.summaryFile, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${opts.summaryFile}: ${(err as Error).message}`);
  }
}

/** The request body: what was given, over `base` (the current publication when updating). */
function bodyFrom(
  opts: ChoiceOptions,
  base: { summary?: string; includeTimeline?: boolean; includeActions?: boolean },
) {
  const summary = summaryFrom(opts) ?? base.summary;
  if (summary === undefined) throw new UsageError('a public summary is needed: --summary or --summary-file');
  return {
    summary,
    includeTimeline: opts.timeline ?? base.includeTimeline ?? true,
    includeActions: opts.actions ?? base.includeActions ?? true,
  };
}

/** The live publication, or null when the post-mortem is not published (one that does not exist is still a 404). */
async function live(ctx: CliContext, postmortem: string): Promise<any> {
  try {
    return await ctx.api().get<any>(pathOf(postmortem));
  } catch (err) {
    if (err instanceof ApiRequestError && err.status === 404 && err.message.startsWith('publication of')) return null;
    throw err;
  }
}

function renderOne(p: any, ctx: CliContext): string {
  return ctx.output.fields([
    ['url', p.url],
    ['published', p.publishedAt],
    ['updated', p.updatedAt],
    ['timeline', p.includeTimeline ? 'shown' : 'left out'],
    ['actions', p.includeActions ? 'shown' : 'left out'],
  ]);
}

export function register(program: Command, ctx: CliContext): void {
  const group = program
    .command('publication')
    .alias('pub')
    .description("a post-mortem's public summary: show, publish, update, preview, withdraw");

  group
    .command('show <postmortem>')
    .description('whether it is published, and where')
    .action(async (postmortem: string) => {
      const p = await live(ctx, postmortem);
      if (p === null) ctx.output.print({ published: false }, () => 'Not published.');
      else ctx.output.print(p, (x) => `${renderOne(x, ctx)}\n\n${x.summary}`);
    });

  choiceOptions(group.command('publish <postmortem>').description('publish it at a new public address')).action(
    async (postmortem: string, opts: ChoiceOptions) => {
      const published = await ctx.api().post<any>(pathOf(postmortem), bodyFrom(opts, {}));
      ctx.output.print(published, (p) => `Published at ${p.url}\n${renderOne(p, ctx)}`);
    },
  );

  choiceOptions(
    group.command('update <postmortem>').description('change the public summary or what it shows; the address stays'),
  ).action(async (postmortem: string, opts: ChoiceOptions) => {
    const current = await ctx.api().get<any>(pathOf(postmortem));
    const updated = await ctx.api().put<any>(pathOf(postmortem), bodyFrom(opts, current));
    ctx.output.print(updated, (p) => `Updated ${p.url}\n${renderOne(p, ctx)}`);
  });

  choiceOptions(
    group
      .command('preview <postmortem>')
      .description(
        'the public page these choices (over the published ones) would show, as HTML on stdout; publishes nothing',
      ),
  ).action(async (postmortem: string, opts: ChoiceOptions) => {
    const current = (await live(ctx, postmortem)) ?? {};
    const html = await ctx.api().postForText(`${pathOf(postmortem)}/preview`, bodyFrom(opts, current));
    ctx.output.print({ postmortemId: postmortem, content: html }, (r) => r.content);
  });

  group
    .command('withdraw <postmortem>')
    .description('withdraw it: its address answers 410 Gone from then on')
    .action(async (postmortem: string) => {
      await ctx.api().delete(pathOf(postmortem));
      ctx.output.print({ withdrawn: postmortem }, () => `Withdrawn: the public address now answers 410 Gone.`);
    });
}
