import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectStatus, HttpClient, runToExit, SCORER_ENTRY, ServiceProcess, tempDir, withClient } from '@app/testing';
import { FaultyProxy } from '@app/testing/faulty-proxy';
import { checkoutLatency, prometheusForFile } from '@app/testing/prometheus';
import { MIDNIGHT } from '@app/testing/scenario-clock';

// docs/operation.md, "Scorers": every (metric, slot) is evaluated exactly once, whatever the number
// of scorers and however one of them ends. 500 metrics, each a distinct query (so no fetch is shared),
// (then 200 more for the killed pass) reach a real Prometheus through a proxy that adds 40 ms to every request, so a pass lasts long
// enough to be cut in the middle.
const METRICS = 500;
const KILLED_PASS_METRICS = 200;
const prometheus = prometheusForFile({
  series: [checkoutLatency('fixed', MIDNIGHT - 10 * 86_400_000, 200)],
  now: MIDNIGHT,
});

describe('scorers that crash or race (PostgreSQL)', () => {
  let service: ServiceProcess;
  let proxy: FaultyProxy;
  let scorerEnv: Record<string, string | undefined>;
  let editor: HttpClient;
  let configDir: string;

  /** `count` actions of `team`, each with one metric of its own query; returns the metrics' ids. */
  async function createMetrics(count: number, team: string): Promise<string[]> {
    const ids: string[] = [];
    // Eight at a time: attaching checks each query against the backend.
    for (let i = 0; i < count; i += 8) {
      const batch = [...Array(Math.min(8, count - i)).keys()].map(async (k) => {
        const action = await editor.post('/api/v1/actions', { title: `Retry budget ${i + k}`, ownerTeam: team });
        expectStatus(action, 201);
        const metric = await editor.post(`/api/v1/actions/${action.body.id}/metrics`, {
          name: 'checkout latency',
          datasource: 'prom',
          query: `checkout_latency_ms{service="fixed"} + ${ids.length + i + k}`,
          direction: 'decrease',
          target: { relativePercent: 10 },
        });
        expectStatus(metric, 201);
        return metric.body.id as string;
      });
      ids.push(...(await Promise.all(batch)));
    }
    return ids;
  }

  beforeAll(async () => {
    proxy = await FaultyProxy.start({ mode: 'forward', target: prometheus.url, delayMs: 40 });
    configDir = tempDir('rt-scorer-crash-');
    // 1,400 writes to set up: the per-key limit is not what this file tests.
    writeFileSync(join(configDir, 'config.yaml'), 'server:\n  rateLimitPerMinute: 0\n');
    service = await ServiceProcess.start({
      database: 'postgres',
      env: { REMEDIATION_CONFIG: join(configDir, 'config.yaml') },
      datasources: [{ name: 'prom', type: 'prometheus', url: proxy.url, timeoutMs: 10_000 }],
    });
    editor = await service.clientFor('scorer crash editor', 'editor');
    scorerEnv = {
      DATABASE_URL: service.database!.url,
      REMEDIATION_DATASOURCES: service.environment().REMEDIATION_DATASOURCES,
      REMEDIATION_DATA_DIR: service.dataDir,
      REMEDIATION_SCHEDULER: 'off',
      LOG_LEVEL: 'info',
    };
  }, 300_000);
  afterAll(async () => {
    await service?.destroy();
    await proxy?.close();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  /** Of `ids`: evaluations per (metric, slot) seen more than once, the metrics evaluated at all, the leases held. */
  async function tally(ids: string[]): Promise<{ duplicates: unknown[]; metricsScored: number; leasesHeld: number }> {
    return withClient(service.database!.url, async (c) => {
      const duplicates = await c.query(
        'SELECT metric_id, slot, count(*)::int AS n FROM evaluations WHERE metric_id = ANY($1::uuid[]) GROUP BY metric_id, slot HAVING count(*) > 1',
        [ids],
      );
      const scored = await c.query(
        'SELECT count(DISTINCT metric_id)::int AS n FROM evaluations WHERE metric_id = ANY($1::uuid[])',
        [ids],
      );
      const leases = await c.query(
        'SELECT count(*)::int AS n FROM success_metrics WHERE lease_owner IS NOT NULL AND id = ANY($1::uuid[])',
        [ids],
      );
      return { duplicates: duplicates.rows, metricsScored: scored.rows[0].n, leasesHeld: leases.rows[0].n };
    });
  }

  it('three scorers at once on 500 metrics score each (metric, slot) exactly once', async () => {
    const ids = await createMetrics(METRICS, 'three-scorers');
    const runs = await Promise.all([1, 2, 3].map(() => runToExit(SCORER_ENTRY, ['--once'], scorerEnv, 180_000)));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    const passes = runs.map((r) => Number(/one pass: (\d+) scored/.exec(r.output)?.[1]));
    // Each scorer took a share, and the shares add up to every metric once.
    expect(passes.reduce((a, b) => a + b, 0)).toBe(METRICS);
    expect(passes.filter((n) => n > 0).length).toBeGreaterThan(1);
    expect(await tally(ids)).toEqual({ duplicates: [], metricsScored: METRICS, leasesHeld: 0 });
  }, 300_000);
  it('a scorer killed with SIGKILL in the middle of a pass loses nothing and doubles nothing', async () => {
    const ids = await createMetrics(KILLED_PASS_METRICS, 'killed-pass');
    const child = spawn(process.execPath, [SCORER_ENTRY, '--once'], {
      env: Object.fromEntries(Object.entries({ PATH: process.env.PATH, ...scorerEnv }).filter(([, v]) => v)),
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Killed once some of its metrics are written and most are not.
    let scored = 0;
    const deadline = Date.now() + 120_000;
    while (scored < 40 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      scored = (await tally(ids)).metricsScored;
    }
    child.kill('SIGKILL');
    await exited;
    const cut = await tally(ids);
    expect(cut.metricsScored).toBeGreaterThanOrEqual(40);
    expect(cut.metricsScored).toBeLessThan(KILLED_PASS_METRICS);
    expect(cut.duplicates).toEqual([]);

    // What the dead scorer had claimed is claimed again once its lease runs out (moved here to now).
    await withClient(service.database!.url, (c) =>
      c.query(
        "UPDATE success_metrics SET lease_expires_at = now() - interval '1 second' WHERE id = ANY($1::uuid[]) AND lease_owner IS NOT NULL",
        [ids],
      ),
    );
    const rerun = await runToExit(SCORER_ENTRY, ['--once'], scorerEnv, 180_000);
    expect(rerun.code).toBe(0);
    const after = await tally(ids);
    expect(after).toEqual({ duplicates: [], metricsScored: KILLED_PASS_METRICS, leasesHeld: 0 });
  }, 300_000);
});
