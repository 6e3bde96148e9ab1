import type { Command } from 'commander';
import { bodyFrom, number, requireSome } from '../body';
import type { CliContext } from '../context';
import { UsageError } from '../exit-codes';
import { fields } from '../output';
import { sparkline } from '../sparkline';
import { actionPath } from './actions.command';

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are printed as the API gives them (docs/api.md) */

const metricsPath = (action: string) => `${actionPath(action)}/metrics`;
const metricPath = (action: string, metric: string) => `${metricsPath(action)}/${encodeURIComponent(metric)}`;

/** Flag → field of a success metric's body (docs/api.md, "Success metrics"). */
const FIELDS = {
  name: 'name',
  datasource: 'datasource',
  query: 'query',
  direction: 'direction',
  aggregation: 'aggregation',
  baselineWindow: 'baselineWindow',
  baselineEnd: 'baselineEnd',
  baseline: 'baseline',
  evaluationWindow: 'evaluationWindow',
  sustainFor: 'sustainFor',
  verifyWithin: 'verifyWithin',
  checkEvery: 'checkEvery',
  step: 'step',
  confidence: 'confidence',
  seasonality: 'seasonality',
  timeZone: 'timeZone',
};

function fieldOptions(cmd: Command): Command {
  return cmd
    .option('--name <text>', 'the metric as people say it')
    .option('--datasource <name>', 'a configured datasource, by name')
    .option('--query <promql>', 'PromQL giving one series or a scalar')
    .option('--selector <json>', 'an OpenTelemetry selector, as JSON')
    .option('--direction <dir>', 'decrease | increase: which way is better')
    .option('--target-absolute <n>', 'goal as a value', number)
    .option('--target-percent <n>', 'goal as a relative improvement in percent', number)
    .option('--aggregation <agg>', 'avg, min, max, p50, p90, p95, p99, last')
    .option('--baseline-window <dur>', 'default 14d')
    .option('--baseline-end <time>', "default: the post-mortem's occurredAt, else the action's openedAt")
    .option('--baseline <n>', 'an explicit baseline value', number)
    .option('--evaluation-window <dur>', 'default 7d')
    .option('--sustain-for <dur>', 'default 7d')
    .option('--verify-within <dur>', 'default 30d')
    .option('--check-every <dur>', 'default 1h')
    .option('--step <dur>', 'resolution of range queries')
    .option('--confidence <p>', 'require a significance test at this level, e.g. 0.95', number)
    .option('--seasonality <s>', 'none | daily | weekly')
    .option('--time-zone <zone>', 'IANA zone of the seasonal buckets')
    .option('-f, --file <file.json>', 'a JSON body; flags given override its fields');
}

/** The body from `--file` and the flags; the two target flags fill in `target` together. */
function metricBody(opts: Record<string, any>): Record<string, unknown> {
  const body = bodyFrom(opts, FIELDS, opts.file);
  if (opts.selector !== undefined) {
    try {
      body.selector = JSON.parse(opts.selector);
    } catch {
      throw new UsageError('--selector must be JSON, e.g. {"metric":"http.server.duration"}');
    }
  }
  if (opts.targetAbsolute !== undefined || opts.targetPercent !== undefined) {
    const target = { ...((body.target as object) ?? {}) } as Record<string, number>;
    if (opts.targetAbsolute !== undefined) target.absolute = opts.targetAbsolute;
    if (opts.targetPercent !== undefined) target.relativePercent = opts.targetPercent;
    body.target = target;
  }
  return body;
}

const row = (m: any) => [
  m.id,
  m.name,
  m.datasource,
  m.direction,
  m.baselineValue,
  m.goal,
  m.latest?.verdict,
  m.metSince,
];

function renderMetric(m: any, ctx: CliContext): string {
  return ctx.output.fields([
    ['id', m.id],
    ['name', m.name],
    ['datasource', m.datasource],
    ['query', m.query ?? m.translatedQuery],
    ['selector', m.selector],
    ['direction', m.direction],
    ['target', m.target],
    ['aggregation', m.aggregation],
    ['baseline window', m.baselineWindow],
    ['evaluation window', m.evaluationWindow],
    ['check every', m.checkEvery],
    ['baseline', m.baselineValue ?? m.baseline],
    ['goal', m.goal],
    ['met since', m.metSince],
    ['latest verdict', m.latest?.verdict],
    ['latest value', m.latest?.value],
  ]);
}

/** The preview in words and a sparkline of the window's points (docs/api.md, "Preview"). */
export function renderPreview(p: any): string {
  const values = (p.points ?? []).map((pt: any) => pt.value);
  const lines: [string, unknown][] = [
    ['verdict', p.verdict],
    ['reason', p.reason],
    ['baseline', p.baseline],
    ['value', p.value],
    ['goal', p.goal],
    ['baseline range', p.baselineRange ? `${p.baselineRange.start} → ${p.baselineRange.end}` : null],
    ['window', `${p.windowStart} → ${p.windowEnd}`],
    ['points', values.length],
  ];
  if (p.pValue !== null && p.pValue !== undefined) lines.push(['p-value', p.pValue]);
  if (p.preFixValue !== null && p.preFixValue !== undefined) lines.push(['before the fix', p.preFixValue]);
  if (p.translatedQuery) lines.push(['scored as PromQL', p.translatedQuery]);
  if (p.error) lines.push(['error', p.error]);
  const spark = sparkline(values);
  if (spark) lines.push(['trend', spark]);
  return fields(lines);
}

export function register(program: Command, ctx: CliContext): void {
  const group = program.command('metrics').description("an action's success metrics, and previews of a definition");

  group
    .command('list <action>')
    .description("an action's success metrics, oldest first")
    .action(async (action: string) => {
      const items = await ctx.api().getAll<any>(metricsPath(action));
      ctx.output.print(items, (ms) =>
        ms.length
          ? ctx.output.table(
              ['id', 'name', 'datasource', 'direction', 'baseline', 'goal', 'verdict', 'met since'],
              ms.map(row),
            )
          : 'No success metrics.',
      );
    });

  group
    .command('show <action> <metric>')
    .description('one success metric')
    .action(async (action: string, metric: string) => {
      const m = await ctx.api().get<any>(metricPath(action, metric));
      ctx.output.print(m, (x) => renderMetric(x, ctx));
    });

  fieldOptions(
    group.command('create <action>').description('attach a success metric (its query is tried at once)'),
  ).action(async (action: string, opts) => {
    const created = await ctx.api().post<any>(metricsPath(action), metricBody(opts));
    ctx.output.print(created, (m) => `Created success metric ${m.id}\n${renderMetric(m, ctx)}`);
  });

  fieldOptions(
    group.command('update <action> <metric>').description('change the given fields of a success metric'),
  ).action(async (action: string, metric: string, opts) => {
    const body = requireSome(metricBody(opts), 'update');
    const updated = await ctx.api().patch<any>(metricPath(action, metric), body);
    ctx.output.print(updated, (m) => `Updated success metric ${m.id}\n${renderMetric(m, ctx)}`);
  });

  group
    .command('delete <action> <metric>')
    .description('remove a success metric from its action')
    .action(async (action: string, metric: string) => {
      await ctx.api().delete(metricPath(action, metric));
      ctx.output.print({ deleted: metric }, () => `Deleted success metric ${metric}`);
    });

  fieldOptions(group.command('preview').description('run a metric definition without saving it'))
    .option('--action <id>', 'judge it as this action would (its baseline end and implementedAt)')
    .option('--postmortem <id>', "the baseline ends at this post-mortem's occurredAt")
    .option('--implemented-at <time>', 'when the fix shipped')
    .option('--at <time>', 'the check time (default now)')
    .action(async (opts) => {
      const body = {
        ...metricBody(opts),
        ...bodyFrom(opts, { action: 'actionId', postmortem: 'postmortemId', implementedAt: 'implementedAt', at: 'at' }),
      };
      const preview = await ctx.api().post<any>('/api/v1/metrics/preview', body);
      ctx.output.print(preview, renderPreview);
    });
}
