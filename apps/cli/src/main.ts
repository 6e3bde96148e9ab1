import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createContext } from './context';
import { EXIT, exitFor } from './exit-codes';
import { ApiRequestError } from './http/errors';
import * as actions from './commands/actions.command';
import * as apply from './commands/apply.command';
import * as backfill from './commands/backfill.command';
import * as burndown from './commands/burndown.command';
import * as exportDefinitions from './commands/export.command';
import * as keys from './commands/keys.command';
import * as metrics from './commands/metrics.command';
import * as postmortems from './commands/postmortems.command';
import * as publication from './commands/publication.command';
import * as report from './commands/report.command';
import * as score from './commands/score.command';
import * as trackers from './commands/trackers.command';
import * as whoami from './commands/whoami.command';

/** Every command group, in the order `--help` lists them. */
const COMMANDS = [
  postmortems,
  actions,
  metrics,
  backfill,
  score,
  burndown,
  report,
  publication,
  apply,
  exportDefinitions,
  trackers,
  keys,
  whoami,
];

function positiveInt(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a whole number of milliseconds');
  return n;
}

/**
 * The program with every command registered; it throws instead of exiting (exitOverride), so the
 * caller decides the exit code (exit-codes.ts) and tests can build it without a process.
 */
export function buildProgram(): Command {
  const program = new Command('remediation')
    .description('The remediation tracker from the terminal: post-mortems, actions, success metrics, reports.')
    .option('--json', "print the API's answer as JSON (for scripts)")
    .option('--url <url>', 'server URL (else REMEDIATION_URL, the config file, http://127.0.0.1:3000)')
    .option('--key <key>', 'API key (else REMEDIATION_KEY, the config file)')
    .option('--config <file>', 'config file with url and key (default ~/.config/remediation/config.yaml)')
    .addOption(
      new Option('--timeout <ms>', 'give up on a request after this long').argParser(positiveInt).default(30_000),
    )
    .showHelpAfterError('(see --help)')
    .exitOverride();
  const ctx = createContext(program);
  for (const command of COMMANDS) command.register(program, ctx);
  // A group called without a subcommand shows its help and is a usage error, not a silent success.
  for (const group of program.commands) {
    if (group.commands.length) group.action(() => group.help({ error: true }));
  }
  return program;
}

/** An error on stderr: the message for people, or with --json the API's error as JSON. */
function printError(err: unknown, json: boolean): number {
  const { code, message } = exitFor(err);
  if (err instanceof CommanderError) return code; // commander already printed what was wrong
  if (json) {
    const body = err instanceof ApiRequestError ? err.body : { message };
    process.stderr.write(`${JSON.stringify({ exitCode: code, ...(body as object) })}\n`);
  } else {
    process.stderr.write(`remediation: ${message}\n`);
  }
  return code;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (err) {
    // --help and --version end through exitOverride too, with their own (zero) exit code.
    if (err instanceof CommanderError && err.exitCode === 0) return EXIT.ok;
    return printError(err, program.opts().json === true);
  }
}

if (require.main === module) {
  run(process.argv).then((code) => {
    process.exitCode = code;
  });
}
