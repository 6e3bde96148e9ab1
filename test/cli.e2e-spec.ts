import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { codeBlocks, DAY, freePort, HttpClient, iso, MIDNIGHT, readReadme, ServiceProcess } from '@app/testing';
import { generateSamples, prometheusForFile } from '@app/testing/prometheus';

/*
 * The `remediation` command as a user runs it: the built CLI (`node bin/remediation.mjs`) as a child
 * process against the real service and a real Prometheus. Answers are read with --json and compared
 * with what the API itself says; exit codes tell the kinds of failure apart (README, "CLI").
 */

const OPENED = MIDNIGHT - 20 * DAY;
const SHIPPED = MIDNIGHT - 10 * DAY;
// 400 ms before the fix, 250 ms after it.
const value = (t: number) => (t < SHIPPED ? 400 : 250);
const prometheus = prometheusForFile({
  series: [
    {
      name: 'cli_latency_ms',
      samples: generateSamples({ from: MIDNIGHT - 40 * DAY, to: MIDNIGHT, stepMs: 5 * 60_000 }, value),
    },
  ],
  now: MIDNIGHT,
});

const METRIC_FLAGS = [
  '--name',
  'cli latency',
  '--datasource',
  'prom',
  '--query',
  'cli_latency_ms',
  '--direction',
  'decrease',
  '--target-percent',
  '25',
  '--baseline-window',
  '7d',
  '--evaluation-window',
  '1d',
  '--check-every',
  '1h',
];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('remediation CLI', () => {
  let service: ServiceProcess;
  let home: string;
  let editorKey: string;
  let viewerKey: string;
  let scorerKey: string;
  let editor: HttpClient;

  /** Runs the CLI with no REMEDIATION_* of the test's own environment and an empty HOME. */
  function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('REMEDIATION_')));
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['bin/remediation.mjs', ...args],
        { env: { ...clean, HOME: home, ...env }, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? ((error.code as number) ?? null) : 0, stdout, stderr }),
      );
    });
  }
  const as = (key: string) => (args: string[]) => cli(args, { REMEDIATION_URL: service.baseUrl, REMEDIATION_KEY: key });
  const json = async (run: Promise<Run>) => {
    const r = await run;
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    return JSON.parse(r.stdout);
  };

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'rt-cli-home-'));
    service = await ServiceProcess.start({
      database: 'embedded',
      datasources: [
        { name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 },
        { name: 'gone', type: 'prometheus', url: `http://127.0.0.1:${await freePort()}`, timeoutMs: 1000 },
      ],
    });
    editorKey = await service.issueKey('sre-cli', 'editor');
    viewerKey = await service.issueKey('reader', 'viewer');
    scorerKey = await service.issueKey('cron', 'scorer');
    editor = new HttpClient(service.baseUrl, editorKey);
  }, 90_000);
  afterAll(async () => {
    await service?.destroy();
    rmSync(home, { recursive: true, force: true });
  });

  it('says whose key it is, from the environment, --key/--url flags or a config file', async () => {
    expect(await json(as(editorKey)(['--json', 'whoami']))).toEqual({ name: 'sre-cli', role: 'editor' });
    const flags = await cli(['whoami', '--url', service.baseUrl, '--key', viewerKey]);
    expect(flags).toMatchObject({ code: 0, stdout: 'reader (viewer)\n' });
    const file = join(home, 'other.yaml');
    writeFileSync(file, `url: ${service.baseUrl}\nkey: ${viewerKey}\n`);
    expect(await json(cli(['whoami', '--json', '--config', file]))).toEqual({ name: 'reader', role: 'viewer' });
  });

  it('creates, shows, lists and updates post-mortems, in JSON and in words', async () => {
    const run = as(editorKey);
    const created = await json(
      run([
        '--json',
        'postmortems',
        'create',
        '--kind',
        'incident',
        '--title',
        'Checkout latency spike',
        '--severity',
        'SEV2',
        '--occurred-at',
        iso(OPENED - DAY),
        '--services',
        'checkout,payments',
      ]),
    );
    const stored = (await editor.get(`/api/v1/postmortems/${created.id}`)).body;
    expect(created).toEqual(stored);
    expect(stored.services).toEqual(['checkout', 'payments']);

    const shown = await run(['postmortems', 'show', created.id]);
    expect(shown.code).toBe(0);
    for (const text of [created.id, 'Checkout latency spike', 'SEV2', stored.occurredAt, 'checkout, payments'])
      expect(shown.stdout).toContain(text);

    const body = join(home, 'pm.json');
    writeFileSync(body, JSON.stringify({ summary: 'The pool ran dry.', severity: 'SEV3' }));
    const updated = await json(
      run(['--json', 'postmortems', 'update', created.id, '--file', body, '--severity', 'SEV1']),
    );
    expect(updated).toMatchObject({ summary: 'The pool ran dry.', severity: 'SEV1' });

    const listed = await json(run(['--json', 'postmortems', 'list', '-q', 'latency spike']));
    expect(listed.map((p: any) => p.id)).toEqual([created.id]);
    const table = await run(['postmortems', 'list', '--severity', 'SEV1']);
    expect(table.stdout).toContain(created.id);
    expect(table.stdout).toContain('Checkout latency spike');

    const report = await run(['report', created.id]);
    expect(report.code).toBe(0);
    // The write-up says when it was generated, to the second: the rest is the API's, byte for byte.
    const undated = (text: string) => text.replace(/report generated [^_]*_/, '');
    const direct = (await editor.get(`/api/v1/postmortems/${created.id}/report`)).text;
    expect(undated(report.stdout)).toBe(undated(direct));
    expect(undated(direct)).not.toBe(direct);
    expect(report.stdout).toContain('Checkout latency spike');
    const html = await run(['report', created.id, '--html']);
    expect(html.stdout).toMatch(/<html/i);
  });

  it('publishes, updates, previews and withdraws a public summary', async () => {
    const run = as(editorKey);
    const created = await json(
      run([
        '--json',
        'pm',
        'create',
        '--kind',
        'incident',
        '--title',
        'Cart outage',
        '--severity',
        'SEV3',
        '--occurred-at',
        iso(OPENED),
      ]),
    );
    const unpublished = await run(['publication', 'show', created.id]);
    expect([unpublished.code, unpublished.stdout.trim()]).toEqual([0, 'Not published.']);
    expect((await run(['publication', 'publish', created.id])).code).toBe(2);

    const summaryFile = join(home, 'public.md');
    writeFileSync(summaryFile, 'The cart was **down** for ten minutes.');
    const published = await json(run(['--json', 'publication', 'publish', created.id, '--summary-file', summaryFile]));
    expect(published).toMatchObject({ summary: 'The cart was **down** for ten minutes.', includeTimeline: true });
    expect(published).toEqual((await editor.get(`/api/v1/postmortems/${created.id}/publication`)).body);
    const page = await fetch(published.url);
    expect(await page.text()).toContain('The cart was <strong>down</strong> for ten minutes.');

    // An update keeps what it is not told to change.
    const updated = await json(run(['--json', 'publication', 'update', created.id, '--no-timeline']));
    expect(updated).toMatchObject({
      slug: published.slug,
      summary: 'The cart was **down** for ten minutes.',
      includeTimeline: false,
      includeActions: true,
    });
    const preview = await run(['publication', 'preview', created.id, '--summary', 'A draft']);
    expect(preview.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(preview.stdout).toContain('<p>A draft</p>');

    const withdrawn = await run(['publication', 'withdraw', created.id]);
    expect(withdrawn.code).toBe(0);
    expect((await fetch(published.url)).status).toBe(410);
    expect((await run(['publication', 'show', '00000000-0000-4000-8000-000000000000'])).code).toBe(3);
  });

  it('refuses what the API refuses with exit 4, naming the field, and a missing resource with exit 3', async () => {
    const run = as(editorKey);
    const refused = await run([
      'postmortems',
      'create',
      '--kind',
      'incident',
      '--title',
      'x',
      '--severity',
      'SEV2',
      '--occurred-at',
      '2026-11-02',
    ]);
    expect(refused.code).toBe(4);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^remediation: refused \(field occurredAt\): occurredAt/);

    const asJson = await run(['--json', 'actions', 'create', '--title', 'No team']);
    expect(asJson.code).toBe(4);
    const error = JSON.parse(asJson.stderr);
    expect(error).toMatchObject({ exitCode: 4, statusCode: 400 });
    expect(error.message).toContain('ownerTeam');

    const missing = await run(['actions', 'show', '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('not found');
  });

  it('tells usage mistakes (2), keys refused (5) and a server that is not there (6) apart', async () => {
    const unknownOption = await as(editorKey)(['actions', 'list', '--colour', 'red']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("unknown option '--colour'");

    const noKey = await cli(['whoami'], { REMEDIATION_URL: service.baseUrl });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('REMEDIATION_KEY');

    const badKey = await as('rt_not_a_key')(['whoami']);
    expect(badKey.code).toBe(5);
    const viewerWrites = await as(viewerKey)(['actions', 'create', '--title', 'x', '--owner-team', 'ops']);
    expect(viewerWrites.code).toBe(5);
    expect(viewerWrites.stderr).toContain('forbidden');

    const closed = await freePort();
    const down = await cli(['whoami'], { REMEDIATION_URL: `http://127.0.0.1:${closed}`, REMEDIATION_KEY: editorKey });
    expect(down.code).toBe(6);
    expect(down.stderr).toContain(`cannot reach http://127.0.0.1:${closed}`);
  });

  it('creates, filters and moves actions through the workflow', async () => {
    const run = as(editorKey);
    const created = await json(
      run([
        '--json',
        'actions',
        'create',
        '--title',
        'Retire the legacy cache',
        '--owner-team',
        'storage',
        '--priority',
        'P1',
      ]),
    );
    expect(created).toMatchObject({ status: 'open', priority: 'P1', ownerTeam: 'storage' });

    const byTeam = await json(run(['--json', 'actions', 'list', '--team', 'storage', '--status', 'open']));
    expect(byTeam.map((a: any) => a.id)).toEqual([created.id]);
    const table = await run(['actions', 'list', '--team', 'storage']);
    expect(table.stdout).toContain('Retire the legacy cache');
    expect(table.stdout).toContain(created.dueAt);

    const notAllowed = await run(['actions', 'move', created.id, 'verified']);
    expect(notAllowed.code).toBe(4);
    expect(notAllowed.stderr).toMatch(/in_progress/);

    const moved = await run(['actions', 'move', created.id, 'wont_fix', '--reason', 'Service retired']);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain('is now wont_fix');
    const events = (await editor.get(`/api/v1/actions/${created.id}/events`)).body.items;
    expect(events.some((e: any) => e.changes?.reason?.to === 'Service retired')).toBe(true);

    const updated = await json(run(['--json', 'actions', 'update', created.id, '--assignee', 'kim']));
    expect(updated.assignee).toBe('kim');
    expect((await run(['actions', 'update', created.id])).code).toBe(2);
  });

  it('imports action items from CSV: a dry run, the import, and a refused file listed row by row', async () => {
    const run = as(editorKey);
    const example = 'config/actions-import.example.csv';
    const dry = await json(run(['--json', 'actions', 'import', example, '--dry-run']));
    expect(dry.wouldCreate.map((a: any) => [a.row, a.sourceId, a.status])).toEqual([
      [2, 'pay-1187', 'implemented'],
      [3, 'pay-1190', 'in_progress'],
      [4, 'pay-1195', 'open'],
      [5, 'pay-1201', 'wont_fix'],
    ]);
    expect((await editor.get('/api/v1/actions?sourceId=pay-1187')).body.items).toEqual([]);

    const imported = await run(['actions', 'import', example]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Cap client retries at 10% of requests');
    expect(imported.stdout).toMatch(/Created 4 actions\.\n$/);
    const again = await run(['actions', 'import', example]);
    expect(again.stdout).toContain('row 5: skipped, pay-1201 was imported before');
    expect(again.stdout).toMatch(/Created 0 actions\.\n$/);

    const bad = join(home, 'bad.csv');
    writeFileSync(bad, 'title,ownerTeam,priority\nFine,storage,P1\n,storage,P9\n');
    const refused = await run(['actions', 'import', bad]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(
      new RegExp(
        `^remediation: refused: ${bad} was not imported; nothing was created:\n {2}row 3, title: .*\n {2}row 3, priority: .*\n$`,
      ),
    );
    const asJson = await run(['--json', 'actions', 'import', bad]);
    expect(asJson.code).toBe(4);
    expect(JSON.parse(asJson.stderr).errors.map((e: any) => [e.row, e.column])).toEqual([
      [3, 'title'],
      [3, 'priority'],
    ]);
    expect((await run(['actions', 'import', join(home, 'missing.csv')])).code).toBe(2);
  });

  it('previews, attaches and replays a success metric, and scores with a scorer key', async () => {
    const run = as(editorKey);
    const file = join(home, 'action.json');
    writeFileSync(file, JSON.stringify({ status: 'implemented', implementedAt: iso(SHIPPED) }));
    const created = await json(
      run([
        '--json',
        'actions',
        'create',
        '--title',
        'Cache the lookups',
        '--owner-team',
        'checkout',
        '--opened-at',
        iso(OPENED),
        '--file',
        file,
      ]),
    );
    expect(created).toMatchObject({ status: 'implemented', implementedAt: iso(SHIPPED) });

    const at = iso(SHIPPED + 2 * DAY);
    const preview = await json(
      run(['--json', 'metrics', 'preview', ...METRIC_FLAGS, '--action', created.id, '--at', at]),
    );
    const direct = (
      await editor.post('/api/v1/metrics/preview', {
        name: 'cli latency',
        datasource: 'prom',
        query: 'cli_latency_ms',
        direction: 'decrease',
        target: { relativePercent: 25 },
        baselineWindow: '7d',
        evaluationWindow: '1d',
        checkEvery: '1h',
        actionId: created.id,
        at,
      })
    ).body;
    expect(preview).toEqual(direct);
    expect(preview).toMatchObject({ baseline: 400, value: 250, verdict: 'met' });

    const words = await run(['metrics', 'preview', ...METRIC_FLAGS, '--action', created.id, '--at', at]);
    expect(words.code).toBe(0);
    for (const text of [
      'met',
      preview.reason,
      'baseline',
      String(preview.baseline),
      String(preview.goal),
      String(preview.value),
    ])
      expect(words.stdout).toContain(text);
    expect(words.stdout).toMatch(/trend\s+[▁▂▃▄▅▆▇█]+/);

    // A query Prometheus rejects: a preview reports it in its answer, an attach refuses it naming the field.
    const badPreview = await json(
      run(['--json', 'metrics', 'preview', ...METRIC_FLAGS, '--query', 'rate(', '--at', at]),
    );
    expect(badPreview.verdict).toBe('error');
    const badAttach = await run(['metrics', 'create', created.id, ...METRIC_FLAGS, '--query', 'rate(']);
    expect(badAttach.code).toBe(4);
    expect(badAttach.stderr).toContain('field query');

    const metric = await json(run(['--json', 'metrics', 'create', created.id, ...METRIC_FLAGS]));
    expect(await json(run(['--json', 'metrics', 'list', created.id]))).toEqual([
      expect.objectContaining({ id: metric.id, name: 'cli latency' }),
    ]);
    const renamed = await json(run(['--json', 'metrics', 'update', created.id, metric.id, '--name', 'lookup latency']));
    expect(renamed.name).toBe('lookup latency');

    // 3 days every hour: 73 check times, replayed in consecutive requests and summed.
    const from = iso(MIDNIGHT - 5 * DAY);
    const to = iso(MIDNIGHT - 2 * DAY);
    const replay = await json(run(['--json', 'backfill', created.id, '--from', from, '--to', to, '--every', '1h']));
    const evaluations = (await editor.get(`/api/v1/actions/${created.id}/evaluations?limit=200`)).body.items;
    expect(replay).toMatchObject({ slots: 73, failed: 0, firstError: null });
    expect(replay.scored).toBe(evaluations.length);
    expect(replay.scored + replay.skipped + replay.errors).toBe(73);
    // Again at a terminal (util-linux `script` gives it one): the progress bar on stderr reaches 73 of 73.
    const command = [
      'node',
      'bin/remediation.mjs',
      'backfill',
      created.id,
      '--from',
      from,
      '--to',
      to,
      '--every',
      '1h',
    ];
    const again = await new Promise<string>((resolve, reject) =>
      execFile(
        'script',
        ['-qec', command.join(' '), '/dev/null'],
        {
          env: { ...process.env, HOME: home, REMEDIATION_URL: service.baseUrl, REMEDIATION_KEY: editorKey },
          timeout: 60_000,
        },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    expect(again).toContain('73/73 check times');
    expect(again).toContain('Replayed 73 check times: 0 scored, 73 already scored');

    const scored = await json(as(scorerKey)(['--json', 'score', 'run', '--actions', created.id]));
    const after = (await editor.get(`/api/v1/actions/${created.id}/evaluations?limit=200`)).body.items;
    expect(after.length - evaluations.length).toBe(scored.scored);
    expect((await as(editorKey)(['score', 'run'])).code).toBe(5);

    const shown = await run(['metrics', 'show', created.id, metric.id]);
    expect(shown.stdout).toContain('lookup latency');
    expect(shown.stdout).toContain('400');
    expect((await run(['metrics', 'delete', created.id, metric.id])).code).toBe(0);
    expect((await run(['metrics', 'show', created.id, metric.id])).code).toBe(3);
  });

  it('exits 6 when a backfill could not score because its datasource is down, after saying what it did', async () => {
    const run = as(editorKey);
    const action = await json(
      run(['--json', 'actions', 'create', '--title', 'Shed load', '--owner-team', 'edge', '--opened-at', iso(OPENED)]),
    );
    await json(run(['--json', 'metrics', 'create', action.id, ...METRIC_FLAGS, '--datasource', 'gone']));
    const from = iso(MIDNIGHT - 2 * DAY);
    const to = iso(MIDNIGHT - 2 * DAY + 3 * 3_600_000);
    const failed = await run(['--json', 'backfill', action.id, '--from', from, '--to', to, '--every', '1h']);
    expect(failed.code).toBe(6);
    expect(JSON.parse(failed.stdout)).toMatchObject({ slots: 4, scored: 0, failed: 4, firstError: { at: from } });
    expect(JSON.parse(failed.stderr)).toMatchObject({ exitCode: 6 });
    expect(JSON.parse(failed.stderr).message).toContain('4 checks failed');
  });

  it('draws the burndown the API computes', async () => {
    const run = as(viewerKey);
    const from = iso(MIDNIGHT - 30 * DAY);
    const to = iso(MIDNIGHT + DAY);
    const data = await json(run(['--json', 'burndown', '--from', from, '--to', to]));
    const direct = (await editor.get(`/api/v1/burndown?from=${from}&to=${to}`)).body;
    // The forecast's zero date moves with the clock between the two requests; the counts do not.
    const { zeroAt: _cliZero, ...cliForecast } = data.forecast;
    const { zeroAt: _apiZero, ...apiForecast } = direct.forecast;
    expect({ ...data, forecast: cliForecast }).toEqual({ ...direct, forecast: apiForecast });
    const chart = await run(['burndown', '--from', from, '--to', to]);
    expect(chart.code).toBe(0);
    expect(chart.stdout).toMatch(/[┤┼]/);
    expect(chart.stdout).toContain(`Remaining now: ${direct.points.at(-1).remaining}`);
    expect(chart.stdout).toContain(`Forecast: ${direct.forecast.trend}`);
  });

  it('issues, lists and revokes keys with an admin key', async () => {
    const run = as(service.adminKey!);
    const issued = await json(run(['--json', 'keys', 'issue', '--name', 'ci-bot', '--role', 'viewer']));
    expect(await json(as(issued.key)(['--json', 'whoami']))).toEqual({ name: 'ci-bot', role: 'viewer' });
    const table = await run(['keys', 'list']);
    expect(table.stdout).toContain('ci-bot');
    expect((await run(['keys', 'revoke', issued.id])).code).toBe(0);
    const listed = await json(run(['--json', 'keys', 'list']));
    expect(listed.find((k: any) => k.id === issued.id).revokedAt).not.toBeNull();
    expect((await as(issued.key)(['whoami'])).code).toBe(5);
    expect((await run(['keys', 'issue', '--name', 'x'])).code).toBe(2);
  });

  it("runs the README's CLI example word for word, with `remediation` on the PATH", async () => {
    const [example] = codeBlocks(readReadme(), 'CLI');
    const bin = join(home, 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(resolve('bin/remediation.mjs'), join(bin, 'remediation'));
    const run = spawnSync(
      'bash',
      ['--norc', '-euo', 'pipefail', '-c', example.replaceAll('http://127.0.0.1:3000', service.baseUrl)],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: `${bin}:${dirname(process.execPath)}:${process.env.PATH}`, HOME: home, KEY: editorKey },
        timeout: 60_000,
      },
    );
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const [action] = (await editor.get('/api/v1/actions?q=connection%20pool%20limit')).body.items;
    expect(action).toMatchObject({ ownerTeam: 'payments', priority: 'P1' });
    const postmortem = (await editor.get(`/api/v1/postmortems/${action.postmortemId}`)).body;
    expect(postmortem.title).toBe('Checkout latency spike');
    expect(run.stdout).toContain(`Created action ${action.id}`);
    expect(run.stdout).toMatch(/Remaining now: \d+/);
  });
});
