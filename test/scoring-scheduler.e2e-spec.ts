import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectStatus, HttpClient, runToExit, SCORER_ENTRY, ServiceProcess, tempDir } from '@app/testing';
import { generateSamples, PrometheusFixture, relativeGrid } from '@app/testing/prometheus';

const ACTIONS = '/api/v1/actions';
const METRIC = { name: 'queue depth', direction: 'decrease', target: { absolute: 10 }, checkEvery: '1h' };

describe('the scorer on its own', () => {
  it('scores in-process on the scheduler tick when REMEDIATION_SCHEDULER is on', async () => {
    const dir = tempDir('rt-scheduler-');
    const config = join(dir, 'fast-tick.yaml');
    writeFileSync(config, 'scoring:\n  tickEvery: 1s\n');
    const service = await ServiceProcess.start({
      database: 'embedded',
      env: {
        REMEDIATION_SCHEDULER: 'on',
        REMEDIATION_CONFIG: config,
        REMEDIATION_DATASOURCES: JSON.stringify([
          { name: 'down', type: 'prometheus', url: 'http://127.0.0.1:9', timeoutMs: 1000 },
        ]),
      },
    });
    try {
      const created = await service.http.post(ACTIONS, { title: 'Alert on queue depth', ownerTeam: 'platform' });
      expectStatus(created, 201);
      const added = await service.http.post(`${ACTIONS}/${created.body.id}/metrics`, {
        ...METRIC,
        datasource: 'down',
        query: 'up',
      });
      expectStatus(added, 201);
      const deadline = Date.now() + 15_000;
      let items: any[] = [];
      while (items.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        items = (await service.http.get(`${ACTIONS}/${created.body.id}/evaluations`)).body.items;
      }
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ metricId: added.body.id, verdict: 'error' });
      expect(Math.abs(Date.parse(items[0].at) - Date.now())).toBeLessThan(60_000);
      await new Promise((r) => setTimeout(r, 1_500));
      // Later ticks find the metric not due again before its next hourly slot.
      expect((await service.http.get(`${ACTIONS}/${created.body.id}/evaluations`)).body.items).toHaveLength(1);
    } finally {
      await service.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits non-zero from --once when the pass cannot run', async () => {
    const { code, output } = await runToExit(SCORER_ENTRY, ['--once'], {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/rt_test_unreachable',
      LOG_LEVEL: 'info',
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(/ECONNREFUSED|connect/i);
  });
});

describe('a CronJob-style scorer beside the API on PostgreSQL [postgres]', () => {
  const MINUTE = 60_000;
  const DAY = 24 * 60 * MINUTE;
  const NOW = Date.now();
  let prometheus: PrometheusFixture;
  let api: ServiceProcess;
  let editor: HttpClient;
  let scorerEnv: Record<string, string | undefined>;
  let actionId: string;

  beforeAll(async () => {
    // The queue was 40 deep until the fix shipped 10 days ago, and 5 deep since.
    const shipped = NOW - 10 * DAY;
    const grid = relativeGrid(NOW, { fromAgoMs: 30 * DAY, stepMs: 5 * MINUTE });
    prometheus = await PrometheusFixture.start({
      series: [
        {
          name: 'queue_depth',
          labels: { queue: 'orders' },
          samples: generateSamples(grid, (t) => (t < shipped ? 40 : 5)),
        },
      ],
      now: NOW,
    });
    const datasources = JSON.stringify([{ name: 'prometheus', type: 'prometheus', url: prometheus.url }]);
    api = await ServiceProcess.start({
      database: 'postgres',
      env: { REMEDIATION_SCHEDULER: 'off', REMEDIATION_DATASOURCES: datasources },
    });
    const key = await api.http.post('/api/v1/keys', { name: 'sre', role: 'editor' });
    expectStatus(key, 201);
    editor = api.http.withKey(key.body.key);
    const action = await editor.post(ACTIONS, {
      title: 'Drain the orders queue',
      ownerTeam: 'platform',
      openedAt: new Date(NOW - 20 * DAY).toISOString(),
    });
    expectStatus(action, 201);
    actionId = action.body.id;
    expectStatus(await editor.patch(`${ACTIONS}/${actionId}`, { status: 'in_progress' }), 200);
    expectStatus(
      await editor.patch(`${ACTIONS}/${actionId}`, {
        status: 'implemented',
        implementedAt: new Date(shipped).toISOString(),
      }),
      200,
    );
    const metric = await editor.post(`${ACTIONS}/${actionId}/metrics`, {
      ...METRIC,
      datasource: 'prometheus',
      query: 'queue_depth{queue="orders"}',
      baselineWindow: '7d',
      evaluationWindow: '1d',
      sustainFor: '0s',
    });
    expectStatus(metric, 201);
    // What a CronJob's pod gets: the database, the datasources, and a data folder of its own.
    const scorerData = tempDir('rt-cron-scorer-');
    scorerEnv = {
      HOME: process.env.HOME,
      DATABASE_URL: api.database!.url,
      REMEDIATION_DATASOURCES: datasources,
      REMEDIATION_DATA_DIR: scorerData,
      LOG_LEVEL: 'info',
    };
  }, 90_000);
  afterAll(async () => {
    await api?.destroy();
    await prometheus?.stop();
    if (scorerEnv?.REMEDIATION_DATA_DIR) rmSync(scorerEnv.REMEDIATION_DATA_DIR, { recursive: true, force: true });
  });

  it('scores the due check in one run, logging JSON lines, and the API shows the check and the outcome', async () => {
    expect((await editor.get(`${ACTIONS}/${actionId}/evaluations`)).body.items).toEqual([]);
    const { code, output, stdout } = await runToExit(SCORER_ENTRY, ['--once'], scorerEnv);
    expect({ code, output }).toEqual({ code: 0, output: expect.any(String) });
    const lines = stdout.split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(0);
    const parsed = lines.map((line) => {
      try {
        return JSON.parse(line) as { level: number; msg: string };
      } catch {
        throw new Error(`not a JSON log line: ${line}`);
      }
    });
    expect(parsed.map((l) => l.msg)).toContain('one pass: 1 scored, 0 skipped, 0 errors');

    const evaluations = (await editor.get(`${ACTIONS}/${actionId}/evaluations`)).body.items;
    expect(evaluations).toHaveLength(1);
    expect(evaluations[0]).toMatchObject({ verdict: 'met', value: 5 });
    const action = await editor.get(`${ACTIONS}/${actionId}`);
    expect(action.body).toMatchObject({ status: 'verified', verification: 'telemetry' });
  });

  it('scores nothing twice when the CronJob runs again in the same slot', async () => {
    const { code, stdout } = await runToExit(SCORER_ENTRY, ['--once'], scorerEnv);
    expect(code).toBe(0);
    expect(stdout).toContain('one pass: 0 scored');
    expect((await editor.get(`${ACTIONS}/${actionId}/evaluations`)).body.items).toHaveLength(1);
  });

  it('honours LOG_LEVEL: at warn, a clean run prints no info lines', async () => {
    const { code, stdout } = await runToExit(SCORER_ENTRY, ['--once'], { ...scorerEnv, LOG_LEVEL: 'warn' });
    expect(code).toBe(0);
    const levels = stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { level: number }).level);
    expect(levels.every((level) => level >= 40)).toBe(true);
  });
});
