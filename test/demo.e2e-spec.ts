import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeBlocks, expectStatus, freePort, HttpClient, readReadme, TestBrowser, until } from '@app/testing';
import { dashboardSettled, seriousAccessibilityViolations } from '@app/testing/dashboard-page';
import { POSTMORTEMS, SCENARIOS } from '../scripts/demo/scenarios.mjs';

/*
 * `npm run demo` (scripts/demo.mjs): the service on a fresh embedded database, seeded through the
 * public API and the OTLP receiver. The demo's table gives only the scenarios' names and titles;
 * what each must end as is written here, from docs/scoring.md's rules.
 */

const TWO_MINUTES_MS = 120_000;
const SCREENSHOTS = join('test', 'artifacts', 'screenshots');

const EXPECTED: Record<string, { status: string; verification: string | null; flags: string[] }> = {
  worked: { status: 'verified', verification: 'telemetry', flags: [] },
  'did-nothing': { status: 'implemented', verification: null, flags: ['ineffective'] },
  stalled: { status: 'in_progress', verification: null, flags: ['overdue', 'stalled'] },
  regressed: { status: 'verified', verification: 'telemetry', flags: ['regressed'] },
  'no-telemetry': { status: 'implemented', verification: null, flags: ['no_telemetry'] },
};

interface Action {
  id: string;
  title: string;
  ownerTeam: string;
  status: string;
  verification: string | null;
  flags: Array<{ kind: string }>;
}

describe('npm run demo', () => {
  let dataDir: string;
  let demo: ChildProcess;
  let output = '';
  let elapsedMs = 0;
  let api: HttpClient;
  let dashboardUrl: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rt-demo-'));
    const port = await freePort();
    const started = Date.now();
    demo = spawn(process.execPath, ['scripts/demo.mjs', '--data-dir', dataDir, '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let exited = false;
    demo.once('exit', () => (exited = true));
    // It keeps running once it printed the key, as `npm run demo` does for a person.
    await until(() => exited || /Admin key: +\S+/.test(output), 4 * 60_000);
    elapsedMs = Date.now() - started;
    if (exited) throw new Error(`the demo stopped before printing its key:\n${output}`);
    dashboardUrl = /Dashboard: +(\S+)/.exec(output)?.[1] ?? '';
    const key = /Admin key: +(\S+)/.exec(output)?.[1] ?? '';
    api = new HttpClient(dashboardUrl.replace(/\/$/, ''), key);
  }, 5 * 60_000);

  afterAll(async () => {
    if (demo && demo.exitCode === null) {
      const stopped = new Promise((resolve) => demo.once('exit', resolve));
      demo.kill('SIGINT');
      await stopped;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('is ready within two minutes and prints the dashboard and the generated admin key', async () => {
    expect(elapsedMs).toBeLessThan(TWO_MINUTES_MS);
    const dashboard = await fetch(dashboardUrl);
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain('<html');
    expect((await readFile(join(dataDir, 'admin.key'), 'utf8')).trim()).toBe(api.defaultKey);
    const whoami = await api.get('/api/v1/whoami');
    expectStatus(whoami, 200);
    expect(whoami.body.role).toBe('admin');
  });

  it('is what the README offers first, and what `npm run demo` runs', async () => {
    const [command] = codeBlocks(readReadme(), 'Try it');
    expect(command.trim()).toBe('npm ci && npm run demo');
    const pkg = JSON.parse(await readFile('package.json', 'utf8'));
    expect(pkg.scripts.demo).toBe('node scripts/demo.mjs');
  });

  it('creates an incident, a success review and a pre-mortem', async () => {
    const list = await api.get('/api/v1/postmortems?limit=200');
    expectStatus(list, 200);
    const kinds = list.body.items.map((pm: { kind: string }) => pm.kind).sort();
    expect(kinds).toEqual(['incident', 'premortem', 'success']);
    expect(list.body.items.map((pm: { title: string }) => pm.title).sort()).toEqual(
      Object.values(POSTMORTEMS)
        .map((pm) => pm.title)
        .sort(),
    );
  });

  it('spreads actions across several teams, some overdue', async () => {
    const list = await api.get('/api/v1/actions?limit=200');
    expectStatus(list, 200);
    const actions: Action[] = list.body.items;
    expect(actions.length).toBeGreaterThanOrEqual(6);
    expect(new Set(actions.map((a) => a.ownerTeam)).size).toBeGreaterThanOrEqual(3);
    const overdue = await api.get('/api/v1/actions?overdue=true&limit=200');
    expectStatus(overdue, 200);
    expect(overdue.body.items.length).toBeGreaterThanOrEqual(1);
  });

  it('covers exactly the five scenarios this test expects', () => {
    expect(SCENARIOS.map((s) => s.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('scenario %s ends as its story says', async (name, expected) => {
    const scenario = SCENARIOS.find((s) => s.name === name);
    expect(scenario).toBeDefined();
    const found = await api.get(`/api/v1/actions?q=${encodeURIComponent(scenario!.action.title)}`);
    expectStatus(found, 200);
    expect(found.body.items).toHaveLength(1);
    const action: Action = found.body.items[0];
    expect({
      status: action.status,
      verification: action.verification,
      flags: action.flags.map((f) => f.kind).sort(),
    }).toEqual(expected);

    // The verdicts come from replayed checks over the history the receiver holds.
    const evaluations = await api.get(`/api/v1/actions/${action.id}/evaluations?limit=200`);
    expectStatus(evaluations, 200);
    const verdicts: string[] = evaluations.body.items.map((e: { verdict: string }) => e.verdict);
    expect(verdicts.length).toBeGreaterThan(10);
    if (name === 'no-telemetry') expect(new Set(verdicts)).toEqual(new Set(['no_data']));
    else expect(verdicts).not.toContain('no_data');
  });

  it('received the simulated services’ metrics through the OTLP receiver, refusing none', async () => {
    const names = await api.get('/api/v1/datasources/otlp/metric-names');
    expectStatus(names, 200);
    const sent = [...new Set(SCENARIOS.filter((s) => s.shape).map((s) => s.metric.selector.metric))].sort();
    const neverSent = SCENARIOS.filter((s) => !s.shape).map((s) => s.metric.selector.metric);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(names.body.names).toEqual(sent);
    for (const name of neverSent) expect(names.body.names).not.toContain(name);

    const metrics = await fetch(`${api.baseUrl}/metrics`).then((res) => res.text());
    const accepted = /^remediation_otlp_points_total\{outcome="accepted"\} (\d+)/m.exec(metrics);
    expect(Number(accepted?.[1])).toBeGreaterThan(1000);
    const rejected = [
      ...metrics.matchAll(/^remediation_otlp_points_total\{outcome="rejected",reason="(\w+)"\} (\d+)/gm),
    ];
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected.filter(([, , count]) => Number(count) > 0).map(([line]) => line)).toEqual([]);
  });

  it('shows each scenario’s flag on the dashboard’s flags page, signed in with the printed key', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const browser = await TestBrowser.launch();
    try {
      const { page, problems } = await browser.newPage();
      await page.goto(`${dashboardUrl}#/flags`);
      await page.waitForSelector('#key-form');
      await page.fill('#api-key', api.defaultKey ?? '');
      await page.click('#key-form button[type=submit]');
      await dashboardSettled(page);
      const rows = await page.$$eval('#flag-list tbody tr', (trs) =>
        trs.map((tr) => `${tr.dataset.kind} ${tr.querySelector('.action-link')?.textContent ?? ''}`),
      );
      for (const [name, expected] of Object.entries(EXPECTED)) {
        const title = SCENARIOS.find((s) => s.name === name)!.action.title;
        for (const kind of expected.flags) expect(rows).toContain(`${kind} ${title}`);
      }
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'demo-flags.png'), fullPage: true });
      await page.goto(`${dashboardUrl}#/`);
      await dashboardSettled(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'demo-overview.png'), fullPage: true });
      expect(problems.list).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
