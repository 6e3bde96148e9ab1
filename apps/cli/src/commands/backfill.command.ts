import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import type { CliContext } from '../context';
import { DatasourceFailed, UsageError } from '../exit-codes';
import { parseDuration, planReplay } from '../replay-plan';
import { actionPath } from './actions.command';

interface BackfillAnswer {
  slots: number;
  scored: number;
  skipped: number;
  errors: number;
  failed: number;
  firstError: { at: string; metricId: string; error: string } | null;
}

function instant(text: string, flag: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms) || !/(Z|[+-]\d\d:?\d\d)$/i.test(text.trim()))
    throw new UsageError(`${flag} must be a date-time with a zone, e.g. 2026-11-02T14:05:00Z`);
  return ms;
}

/** The smallest checkEvery of the action's metrics: a replay at it misses no metric's check. */
function smallestCheckEvery(metrics: { checkEvery: string }[]): string {
  const sorted = metrics.map((m) => m.checkEvery).sort((a, b) => (parseDuration(a) ?? 0) - (parseDuration(b) ?? 0));
  return sorted[0] ?? '1h';
}

function summary(total: BackfillAnswer): string {
  const head = `Replayed ${total.slots} check times: ${total.scored} scored, ${total.skipped} already scored, ${total.errors} errors, ${total.failed} failed.`;
  const failure = total.firstError
    ? `\nFirst failure at ${total.firstError.at} (metric ${total.firstError.metricId}): ${total.firstError.error}. Replay again once the datasource answers.`
    : '';
  return head + failure;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('backfill <action>')
    .description("replay an action's checks over history, in consecutive requests with a progress bar")
    .option('--from <time>', "start (default: the action's openedAt)")
    .option('--to <time>', 'end (default now)')
    .option('--every <dur>', "check interval (default: the action's most frequent checkEvery)")
    .action(async (id: string, opts: { from?: string; to?: string; every?: string }) => {
      const api = ctx.api();
      const action = await api.get<{ openedAt: string; metrics: { checkEvery: string }[] }>(actionPath(id));
      const every = opts.every ?? smallestCheckEvery(action.metrics);
      const everyMs = parseDuration(every);
      if (!everyMs) throw new UsageError(`--every must be a duration such as 1h or 30m, not "${every}"`);
      const from = opts.from ? instant(opts.from, '--from') : Date.parse(action.openedAt);
      const to = opts.to ? instant(opts.to, '--to') : Date.now();
      if (to < from) throw new UsageError('--to must not be before --from');
      const requests = planReplay(from, to, everyMs, action.metrics.length);
      const total: BackfillAnswer = { slots: 0, scored: 0, skipped: 0, errors: 0, failed: 0, firstError: null };
      // The bar goes to stderr, and only for a person at a terminal: --json output stays clean.
      const showBar = !ctx.output.json && process.stderr.isTTY === true;
      const bar = new SingleBar(
        { format: 'replaying [{bar}] {value}/{total} check times | {eta_formatted} left', stream: process.stderr },
        Presets.shades_classic,
      );
      if (showBar)
        bar.start(
          requests.reduce((n, r) => n + r.times, 0),
          0,
        );
      try {
        for (const request of requests) {
          const answer = await api.post<BackfillAnswer>(`${actionPath(id)}/backfill`, {
            from: request.from,
            to: request.to,
            every,
          });
          for (const key of ['slots', 'scored', 'skipped', 'errors', 'failed'] as const) total[key] += answer[key];
          total.firstError ??= answer.firstError;
          if (showBar) bar.increment(request.times);
        }
      } catch (err) {
        // What was replayed before the refusal stays replayed; say so, then fail as the error says.
        if (total.slots > 0) process.stderr.write(`Before it stopped: ${summary(total)}\n`);
        throw err;
      } finally {
        if (showBar) bar.stop();
      }
      ctx.output.print(total, summary);
      if (total.failed > 0)
        throw new DatasourceFailed(`${total.failed} checks failed: ${total.firstError?.error ?? 'datasource failed'}`);
    });
}
