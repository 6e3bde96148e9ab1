import type { Command } from 'commander';
import type { CliContext } from '../context';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('report <postmortem>')
    .description("a post-mortem's shareable write-up, in Markdown (or --html)")
    .option('--html', 'HTML instead of Markdown')
    .action(async (id: string, opts: { html?: boolean }) => {
      const format = opts.html ? 'html' : 'markdown';
      const text = await ctx
        .api()
        .getText(`/api/v1/postmortems/${encodeURIComponent(id)}/report`, opts.html ? { format } : {});
      ctx.output.print({ postmortemId: id, format, content: text }, (r) => r.content);
    });
}
