import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { definitionsToYaml, exportDefinitions } from '@app/definitions';
import type { CliContext } from '../context';
import { fetchCurrentState } from '../definitions/current-state.source';
import { EXIT } from '../exit-codes';

interface ExportOptions {
  postmortem?: string;
  output?: string;
}

/**
 * `remediation export`: the service's definitions in the format `apply` reads (docs/definitions.md),
 * so applying an export changes nothing. Writes what carries a stable id.
 */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('write the post-mortems, actions and success metrics that have a stable id as a definitions file')
    .option('--postmortem <id>', 'only this post-mortem (its stable id) and its actions')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (options: ExportOptions, command: Command) => {
      const state = await fetchCurrentState(ctx.api());
      if (options.postmortem && !state.postmortems.some((pm) => pm.sourceId === options.postmortem)) {
        return command.error(`no post-mortem has the stable id ${options.postmortem}`, { exitCode: EXIT.notFound });
      }
      const definitions = exportDefinitions(state, options.postmortem);
      const text = ctx.output.json ? `${JSON.stringify(definitions, null, 2)}\n` : definitionsToYaml(definitions);
      if (options.output) await writeFile(options.output, text, 'utf8');
      else ctx.output.line(text.trimEnd());
    });
}
