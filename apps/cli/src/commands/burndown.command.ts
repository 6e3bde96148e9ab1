import type { Command } from 'commander';
import * as asciichart from 'asciichart';
import { plot } from 'asciichart';
import type { CliContext } from '../context';

interface Burndown {
  points: { at: string; remaining: number; opened: number; closed: number; overdue: number }[];
  ideal: { at: string; remaining: number }[];
  forecast: {
    trend: string;
    zeroAt: string | null;
    closingPerWeek: number;
    onTrack: boolean | null;
    remaining: number;
  };
}

/** At most `width` values: every n-th, the last one kept, so the chart fits a terminal. */
function thin(values: number[], width: number): number[] {
  if (values.length <= width) return values;
  const step = Math.ceil(values.length / width);
  const kept = values.filter((_, i) => i % step === 0);
  if ((values.length - 1) % step !== 0) kept.push(values[values.length - 1]);
  return kept;
}

/** Remaining actions (solid) against the ideal line (docs/reporting.md, "Burndown"), and the forecast. */
export function renderBurndown(b: Burndown, width = 80, color = false): string {
  if (b.points.length === 0) return 'No buckets in this range.';
  const remaining = thin(
    b.points.map((p) => p.remaining),
    width,
  );
  const ideal = thin(
    b.ideal.map((p) => p.remaining),
    width,
  );
  const all = [...remaining, ...ideal];
  const fine = Math.max(...all) - Math.min(...all) < 12; // few actions: whole numbers would repeat on the axis
  const chart = plot(ideal.length ? [remaining, ideal] : [remaining], {
    height: 12,
    colors: color ? [asciichart.blue, asciichart.green] : undefined,
    format: (x: number) => x.toFixed(fine ? 1 : 0).padStart(7),
  });
  const first = b.points[0].at;
  const last = b.points[b.points.length - 1].at;
  const f = b.forecast;
  const forecast =
    `Forecast: ${f.trend}, ${f.closingPerWeek} closed a week, ${f.remaining} remaining` +
    (f.zeroAt ? `, none left by ${f.zeroAt}` : '') +
    (f.onTrack === null || f.onTrack === undefined ? '' : f.onTrack ? ' (on track)' : ' (behind the due dates)');
  return `${chart}\n${first} … ${last}\n${color ? 'Lines: remaining (blue), ideal (green)' : 'Lines: remaining, and the ideal line (the one falling straight towards each due date)'}. Remaining now: ${b.points[b.points.length - 1].remaining}\n${forecast}`;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('burndown')
    .description('remaining actions against the ideal line, as a terminal chart')
    .option('--from <time>', 'start (default 12 weeks ago)')
    .option('--to <time>', 'end (default now)')
    .option('--interval <i>', 'day | week')
    .option('--tz <zone>', 'IANA time zone of the buckets (default UTC)')
    .option('--team <team>', 'owner team')
    .option('--service <name>', 'service')
    .option('--priority <list>', 'P0..P3, comma separated')
    .option('--severity <list>', 'SEV1..SEV4, comma separated')
    .option('--postmortem <id>', "one post-mortem's actions")
    .action(async (opts) => {
      const { postmortem, ...rest } = opts;
      const b = await ctx.api().get<Burndown>('/api/v1/burndown', { ...rest, postmortemId: postmortem });
      const columns = process.stdout.columns ?? 100;
      ctx.output.print(b, (x) => renderBurndown(x, Math.max(20, columns - 12), process.stdout.isTTY === true));
    });
}
