import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { API_ENTRY, expectStatus, freePort, runToExit, SCORER_ENTRY, ServiceProcess, tempDir } from '@app/testing';

/*
 * The embedded database belongs to the one process started on its data folder (docs/operation.md,
 * "Database"): a second process on the same folder refuses to start, naming the folder and the
 * process holding it, and the holder keeps its data. A holder killed with -9 leaves a lock that the
 * next start takes over. And the start-up says where the service listens, or why it cannot.
 */

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** Lines of output that are not JSON log lines (what a person reads on the terminal). */
function plainLines(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .filter((line) => {
      try {
        return typeof JSON.parse(line) !== 'object';
      } catch {
        return true;
      }
    });
}

function jsonMessages(output: string): string[] {
  return output.split('\n').flatMap((line) => {
    try {
      const parsed = JSON.parse(line);
      return typeof parsed?.msg === 'string' ? [parsed.msg as string] : [];
    } catch {
      return [];
    }
  });
}

describe('one process per embedded data folder', () => {
  let api: ServiceProcess;
  let actionId: string;

  beforeAll(async () => {
    api = await ServiceProcess.start({ database: 'embedded' });
    const created = await api.http.post('/api/v1/actions', { title: 'Alert on queue depth', ownerTeam: 'platform' });
    expectStatus(created, 201);
    actionId = created.body.id;
  });
  afterAll(async () => api?.destroy());

  async function expectApiUntouched(): Promise<void> {
    const res = await api.http.get(`/api/v1/actions/${actionId}`);
    expectStatus(res, 200);
    expect(res.body.title).toBe('Alert on queue depth');
  }

  it('refuses a --once scorer on the folder with one line naming the folder and the API holding it', async () => {
    const { code, output } = await runToExit(SCORER_ENTRY, ['--once'], {
      HOME: process.env.HOME,
      REMEDIATION_DATA_DIR: api.dataDir,
      LOG_LEVEL: 'info',
    });
    expect(code).not.toBe(0);
    const lines = output.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(api.dataDir);
    expect(lines[0]).toContain(`pid ${api.pid}`);
    expect(lines[0]).toMatch(/\bapi\b/);
    expect(lines[0]).toContain('DATABASE_URL');
    await expectApiUntouched();
  });

  it('refuses a second API on the folder likewise, and the first keeps serving its data', async () => {
    const { code, output } = await runToExit(
      API_ENTRY,
      [],
      {
        HOME: process.env.HOME,
        PORT: String(await freePort()),
        REMEDIATION_DATA_DIR: api.dataDir,
        REMEDIATION_SCHEDULER: 'off',
      },
      20_000,
    );
    expect(code).not.toBe(0);
    const lines = output.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(api.dataDir);
    expect(lines[0]).toContain(`pid ${api.pid}`);
    await expectApiUntouched();
    // The refused process left the holder's lock in place: a scorer is still refused.
    expect(
      (await runToExit(SCORER_ENTRY, ['--once'], { HOME: process.env.HOME, REMEDIATION_DATA_DIR: api.dataDir })).code,
    ).not.toBe(0);
  });

  it('lets a new process take over after the holder was killed with -9, and logs that it did', async () => {
    const killed = api.pid;
    await api.stop('SIGKILL');
    expect(existsSync(join(api.dataDir, 'db.lock'))).toBe(true);
    const mark = api.logs.length;
    await api.launch();
    const after = await api.waitForLog(`pid ${killed}`, 5_000, mark);
    expect(jsonMessages(after).some((m) => m.includes('took over') && m.includes(`pid ${killed}`))).toBe(true);
    await expectApiUntouched();
  });

  it('frees the folder on a clean stop: the next process starts without taking anything over', async () => {
    await api.stop();
    expect(existsSync(join(api.dataDir, 'db.lock'))).toBe(false);
    const { code, output } = await runToExit(SCORER_ENTRY, ['--once'], {
      HOME: process.env.HOME,
      REMEDIATION_DATA_DIR: api.dataDir,
    });
    expect({ code, output }).toEqual({ code: 0, output: expect.not.stringContaining('took over') });
    expect(existsSync(join(api.dataDir, 'db.lock'))).toBe(false);
    await api.launch();
    await expectApiUntouched();
  });

  it('lets exactly one of two APIs started together on a folder with a stale lock run', async () => {
    const shared = tempDir('rt-race-');
    scratch.push(shared);
    // Both find the lock of a holder that is gone and try to take it over at once.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(
      join(shared, 'db.lock'),
      JSON.stringify({ pid: gone, role: 'api', startedAt: new Date().toISOString(), hostname: hostname() }),
    );
    const starts = await Promise.allSettled(
      [0, 1].map(() => ServiceProcess.start({ database: 'embedded', env: { REMEDIATION_DATA_DIR: shared } })),
    );
    const running = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const refused = starts.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    try {
      expect(running).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toContain(shared);
      expect(refused[0]).toContain(`pid ${running[0].pid}`);
      expect((await running[0].http.get('/api/v1/keys')).status).toBe(200);
    } finally {
      for (const service of running) await service.destroy();
    }
  });
});

describe('start-up lines', () => {
  it('logs where it listens, where the dashboard is and where the admin key is', async () => {
    const service = await ServiceProcess.start({ database: 'embedded', adminKey: null });
    try {
      const line = jsonMessages(service.logs).find((m) => m.startsWith('listening on '));
      expect(line).toContain(`http://0.0.0.0:${service.port}`);
      expect(line).toContain(`http://localhost:${service.port}/`);
      expect(line).toContain(join(service.dataDir, 'admin.key'));
    } finally {
      await service.destroy();
    }
  });

  it('names REMEDIATION_ADMIN_KEY as the admin key when it is set', async () => {
    const service = await ServiceProcess.start({ database: 'embedded' });
    try {
      const line = jsonMessages(service.logs).find((m) => m.startsWith('listening on '));
      expect(line).toContain('REMEDIATION_ADMIN_KEY');
      expect(line).not.toContain(service.adminKey!);
    } finally {
      await service.destroy();
    }
  });

  describe('on a port already taken', () => {
    let taken: Server;
    let port: number;
    beforeAll(async () => {
      taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '0.0.0.0', resolve));
      port = (taken.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

    it('exits non-zero with one line naming the port and PORT, no stack trace, and frees the data folder', async () => {
      const dataDir = tempDir('rt-port-');
      scratch.push(dataDir);
      // It opens the database before it listens: on a busy machine that takes a while.
      const { code, output } = await runToExit(
        API_ENTRY,
        [],
        { HOME: process.env.HOME, PORT: String(port), REMEDIATION_DATA_DIR: dataDir, REMEDIATION_SCHEDULER: 'off' },
        90_000,
      );
      expect(code).not.toBe(0);
      const lines = plainLines(output);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`port ${port}`);
      expect(lines[0]).toContain('PORT');
      expect(output).not.toMatch(/^\s+at /m);
      expect(existsSync(join(dataDir, 'db.lock'))).toBe(false);
    }, 120_000);
  });
});
