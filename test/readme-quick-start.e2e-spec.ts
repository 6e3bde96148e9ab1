import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { codeBlocks, freePort, HttpClient, readReadme, tempDir } from '@app/testing';

/**
 * The README's quick start, run as a new user runs it: `npm start` with nothing configured (the
 * embedded database, the scheduler on, no Prometheus), then the README's own shell blocks, word for
 * word, except that the port is the test's. A README whose commands stop working fails here.
 */
const ROOT = resolve(process.cwd());
const README = readReadme();

describe('README quick start, on a machine with nothing else', () => {
  let home: string;
  let port: number;
  let service: ChildProcess;
  let output = '';
  let exited: number | null = null;

  beforeAll(async () => {
    home = tempDir('rt-readme-');
    port = await freePort();
    // `npm start` runs in the repository; the data folder the README's commands read is the
    // user's `./data`, here a folder of the test's own.
    mkdirSync(join(home, 'data'));
    service = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        REMEDIATION_DATA_DIR: join(home, 'data'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    service.unref();
    for (const stream of [service.stdout!, service.stderr!]) stream.on('data', (d: Buffer) => (output += d.toString()));
    service.on('exit', (code) => (exited = code ?? -1));
    // As long as ServiceProcess.launch waits: a fresh embedded database starts slowly on a busy machine.
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (exited !== null) throw new Error(`npm start exited with ${exited}:\n${output}`);
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`npm start was not ready within 90 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 120_000);

  afterAll(async () => {
    // npm runs the service as its child: end the whole group.
    if (service?.pid && exited === null) {
      const gone = new Promise<void>((r) => service.once('exit', () => r()));
      process.kill(-service.pid, 'SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5_000))]);
      if (exited === null) process.kill(-service.pid, 'SIGKILL');
    }
    rmSync(home, { recursive: true, force: true });
  });

  /** Runs README shell text in the user's folder, on the test's port. */
  function sh(script: string): { status: number; stdout: string; stderr: string } {
    const run = spawnSync(
      'bash',
      ['-c', `set -euo pipefail\n${script.replaceAll('localhost:3000', `localhost:${port}`)}`],
      {
        cwd: home,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
  }

  function adminClient(): HttpClient {
    return new HttpClient(`http://127.0.0.1:${port}`, readFileSync(join(home, 'data', 'admin.key'), 'utf8').trim());
  }

  it('names the two commands: run the service, run the tests', () => {
    const [commands] = codeBlocks(README, 'Quick start');
    expect(commands).toMatch(/^npm ci && npm start\b/m);
    expect(commands).toMatch(/^npm ci && npm test\b/m);
  });

  it('tells where the generated admin key is, and the key file reads the post-mortems', () => {
    expect(output).toContain(join(home, 'data', 'admin.key'));
    const [, readWithKey] = codeBlocks(README, 'Quick start');
    const run = sh(readWithKey);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ items: [], nextCursor: null });
  });

  it('issues a key as the Authentication section shows', async () => {
    const [issueKey] = codeBlocks(README, 'Authentication');
    const run = sh(`KEY=$(cat data/admin.key)\n${issueKey}`);
    expect(run.status).toBe(0);
    const issued = JSON.parse(run.stdout);
    expect(issued).toMatchObject({ name: 'ci pipeline', role: 'editor' });
    const keys = await adminClient().get('/api/v1/keys');
    expect(keys.body.items.map((k: { name: string }) => k.name)).toContain('ci pipeline');
  });

  it('takes a post-mortem, an action and a success metric through the workflow as the API overview shows', async () => {
    const [walkthrough] = codeBlocks(README, 'API overview');
    const run = sh(`KEY=$(cat data/admin.key)\n${walkthrough}`);
    expect(run.status).toBe(0);
    const http = adminClient();
    const postmortems = await http.get('/api/v1/postmortems');
    expect(postmortems.body.items).toEqual([
      expect.objectContaining({ title: 'Checkout latency spike', severity: 'SEV2' }),
    ]);
    const actions = await http.get(`/api/v1/actions?postmortemId=${postmortems.body.items[0].id}`);
    expect(actions.body.items).toEqual([
      expect.objectContaining({ title: 'Add a connection pool limit', status: 'implemented', ownerTeam: 'payments' }),
    ]);
    const [action] = actions.body.items;
    expect(action.metrics).toEqual([
      expect.objectContaining({ name: 'checkout p99 latency', datasource: 'prometheus' }),
    ]);
    const events = await http.get(`/api/v1/actions/${action.id}/events`);
    expect(events.status).toBe(200);
    expect(events.body.items.length).toBeGreaterThanOrEqual(3);
  });

  it('serves the dashboard the README points to', async () => {
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });
});
