import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DefinitionsError, describePlan, describeStep, parseDefinitions, planApply } from '@app/definitions';
import type { CliContext } from '../context';
import { applyPlan, StepRefused } from '../definitions/apply-plan';
import { fetchCurrentState } from '../definitions/current-state.source';
import { EXIT } from '../exit-codes';

interface ApplyOptions {
  file: string;
  dryRun?: boolean;
  prune?: boolean;
}

/**
 * `remediation apply -f remediation.yaml`: brings the service to what the definitions file says
 * (docs/definitions.md). The plan is printed first; the file is checked whole before anything is
 * written; nothing is deleted without --prune.
 */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('apply')
    .description('create and update post-mortems, actions and success metrics from a definitions file')
    .requiredOption('-f, --file <file>', 'the definitions file (docs/definitions.md)')
    .option('--dry-run', 'print the plan only; write nothing')
    .option('--prune', 'also delete what the file no longer has (only resources it created)')
    .action(async (options: ApplyOptions, command: Command) => {
      let text: string;
      try {
        text = await readFile(options.file, 'utf8');
      } catch (error) {
        return command.error(`cannot read ${options.file}: ${(error as Error).message}`, { exitCode: EXIT.usage });
      }
      let definitions;
      try {
        definitions = parseDefinitions(text);
      } catch (error) {
        if (!(error instanceof DefinitionsError)) throw error;
        return command.error(`${options.file} is not a valid definitions file:\n${error.message}`, {
          exitCode: EXIT.usage,
        });
      }
      const api = ctx.api();
      const state = await fetchCurrentState(api);
      const plan = planApply(definitions, state, { prune: options.prune === true });
      ctx.output.line(ctx.output.json ? JSON.stringify(plan, null, 2) : describePlan(plan));
      if (options.dryRun || plan.steps.length === 0) return;
      try {
        await applyPlan(api, plan, state, (step) => {
          if (!ctx.output.json) ctx.output.note(`done: ${describeStep(step)}`);
        });
      } catch (error) {
        if (!(error instanceof StepRefused)) throw error;
        return command.error(`refused: ${error.message}`, { exitCode: EXIT.refused });
      }
      if (!ctx.output.json)
        ctx.output.line(`Applied ${plan.steps.length} change${plan.steps.length === 1 ? '' : 's'}.`);
    });
}
