import { describe, expect, it } from '@jest/globals';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectStatus, runToExit, SCORER_ENTRY, ServiceProcess, tempDir } from '@app/testing';

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
        REMEDIATION_DATASOURCES: JSON.stringify([{ name: 'down', type: 'prometheus', url: 'http://127.0.0.1:9', timeoutMs: 1000 }]),
      },
    });
    try {
      const created = await service.http.post(ACTIONS, { title: 'Alert on queue depth', ownerTeam: 'platform' });
      expectStatus(created, 201);
      const added = await service.http.post(`${ACTIONS}/${created.body.id}/metrics`, { ...METRIC, datasource: 'down', query: 'up' });
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
    const { code, output } = await runToExit(SCORER_ENTRY, ['--once'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/rt_test_unreachable', LOG_LEVEL: 'info' });
    expect(code).not.toBe(0);
    expect(output).toMatch(/ECONNREFUSED|connect/i);
  });
});

