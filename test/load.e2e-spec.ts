import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceProcess } from '@app/testing';
import { runLoadMix, seedScoredMetrics } from '@app/testing/load-mix';

// The short version of `npm run bench:load` (docs/operation.md, "Load"): a mix of writes and reads
// from eight connections on PostgreSQL while the scheduler scores, then every acknowledged write is
// read back. It asserts what must hold under load — no 5xx, nothing acknowledged is lost — and
// leaves the speed and the memory to the benchmark.
const ROUNDS = 2;
const SECONDS = 12;

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

describe('under a load of reads and writes with the scorer running (PostgreSQL)', () => {
  let service: ServiceProcess;
  let dir: string;
  let key: string;
  let scoredActions: string[];
  const tag = `load-${process.pid}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rt-load-'));
    const config = join(dir, 'load.yaml');
    // The limiter would answer most of a load run with 429: this run measures the service behind it.
    writeFileSync(config, 'server:\n  rateLimitPerMinute: 0\nscoring:\n  tickEvery: 5s\n');
    service = await ServiceProcess.start({
      database: 'postgres',
      env: { REMEDIATION_CONFIG: config, REMEDIATION_SCHEDULER: 'on' },
    });
    key = await service.issueKey('load editor', 'editor');
    scoredActions = await seedScoredMetrics(service.http.withKey(key), tag, 40);
  });
  afterAll(async () => {
    await service?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers no 5xx and loses no acknowledged write, round after round', async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const result = await runLoadMix({ baseUrl: service.baseUrl, key, seconds: SECONDS, connections: 8, tag });
      console.log(
        `load round ${round}: ${result.requests} requests (${Math.round(result.requestsPerSecond)}/s, p99 ` +
          `${result.p99Ms} ms), statuses ${JSON.stringify(result.statuses)}, ${result.acknowledgedWrites} ` +
          `acknowledged writes, service RSS ${rssMb(service.pid!)} MB`,
      );
      expect(result.serverErrors).toBe(0);
      expect(result.connectionErrors).toBe(0);
      expect(result.acknowledgedWrites).toBeGreaterThan(50);
      expect(result.lost).toEqual([]);
      expect(Object.keys(result.statuses).filter((s) => !/^2/.test(s))).toEqual([]);
    }
    // The scorer really ran beside the load: its checks of the seeded metrics are on record.
    const latest: Array<string | null> = [];
    for (const actionId of scoredActions) {
      const metrics = await service.http.withKey(key).get(`/api/v1/actions/${actionId}/metrics`);
      latest.push(metrics.body.items[0].latest?.verdict ?? null);
    }
    expect(latest).toEqual(scoredActions.map(() => 'no_data'));
  }, 120_000);
});
