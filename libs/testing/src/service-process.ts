import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';
import { expectStatus, HttpClient } from './http-client';
import { createTestDatabase, TestDatabase } from './test-database';

export type DatabaseChoice = 'embedded' | 'postgres';

export interface ServiceOptions {
  database: DatabaseChoice;
  /** The datasources the service reads (REMEDIATION_DATASOURCES); `env` may still override it. */
  datasources?: readonly object[];
  /** Extra environment for the process (config overrides). */
  env?: Record<string, string | undefined>;
  /** Set to null to start without REMEDIATION_ADMIN_KEY (the service then generates one). */
  adminKey?: string | null;
  /** Which compiled entry point to run; the API by default. */
  entry?: string;
  args?: string[];
}

/** What a restart may change: more environment (undefined removes a variable) or the admin key. */
export interface RestartChanges {
  env?: Record<string, string | undefined>;
  adminKey?: string | null;
}

// Tests run from the repository root (jest's rootDir).
const ROOT = resolve(process.cwd());
export const API_ENTRY = join(ROOT, 'dist/apps/api/src/main.js');
export const SCORER_ENTRY = join(ROOT, 'dist/apps/scorer/src/main.js');

/**
 * The real service as a separate process, as `npm start` runs it, on its own port, data folder
 * and (for PostgreSQL) its own database, all removed by `destroy()`. Tests talk to it over HTTP.
 */
export class ServiceProcess {
  private currentAdminKey: string | null;
  private client: HttpClient;
  private child: ChildProcess | null = null;
  private output: string[] = [];
  private exitCode: number | null = null;

  private constructor(
    private options: ServiceOptions,
    readonly port: number,
    readonly dataDir: string,
    readonly database: TestDatabase | null,
  ) {
    this.currentAdminKey =
      options.adminKey === undefined ? `rt_test_admin_${randomBytes(16).toString('hex')}` : options.adminKey;
    this.client = new HttpClient(`http://127.0.0.1:${port}`, this.currentAdminKey);
  }

  /** The REMEDIATION_ADMIN_KEY the process runs with (null: none, the service generates one). */
  get adminKey(): string | null {
    return this.currentAdminKey;
  }

  /** A client sending the admin key by default. */
  get http(): HttpClient {
    return this.client;
  }

  static async start(options: ServiceOptions): Promise<ServiceProcess> {
    if (!existsSync(API_ENTRY))
      throw new Error(`${API_ENTRY} is missing: run "npm run build" first (scripts/test.sh does)`);
    const database = options.database === 'postgres' ? await createTestDatabase() : null;
    const dataDir = mkdtempSync(join(tmpdir(), 'rt-data-'));
    const service = new ServiceProcess(options, await freePort(), dataDir, database);
    await service.launch();
    return service;
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  get logs(): string {
    return this.output.join('');
  }

  /** The running process's id (what another process refused on its data folder names). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Issues an API key with the admin key; the key, as shown once. */
  async issueKey(name: string, role: string): Promise<string> {
    const res = await this.client.post('/api/v1/keys', { name, role });
    expectStatus(res, 201);
    return res.body.key;
  }

  /** A client sending a newly issued key of this role. */
  async clientFor(name: string, role: string): Promise<HttpClient> {
    return this.client.withKey(await this.issueKey(name, role));
  }

  /**
   * Clients sending newly issued keys, one per role, each key named as given (`{ editor: 'sre' }`);
   * issued one after the other in the order given.
   */
  async clientsFor<R extends string>(names: Record<R, string>): Promise<Record<R, HttpClient>> {
    const clients = {} as Record<R, HttpClient>;
    for (const [role, name] of Object.entries(names) as [R, string][]) clients[role] = await this.clientFor(name, role);
    return clients;
  }

  /** Whether the process was started and has not exited (a load test checks it survived). */
  get alive(): boolean {
    return this.child !== null && this.exitCode === null;
  }

  /** Waits until the output (from `from` characters on) matches; returns the matching text. */
  async waitForLog(pattern: RegExp | string, timeoutMs = 5_000, from = 0): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.logs.slice(from);
      const found = typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
      if (found) return text;
      if (Date.now() > deadline) throw new Error(`no log line matching ${pattern} within ${timeoutMs} ms:\n${text}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  environment(): Record<string, string> {
    const env: Record<string, string | undefined> = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(this.port),
      REMEDIATION_DATA_DIR: this.dataDir,
      REMEDIATION_SCHEDULER: 'off',
      LOG_LEVEL: 'info',
      DATABASE_URL: this.database?.url,
      REMEDIATION_ADMIN_KEY: this.adminKey ?? undefined,
      REMEDIATION_DATASOURCES: this.options.datasources && JSON.stringify(this.options.datasources),
      ...this.options.env,
    };
    return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<string, string>;
  }

  /**
   * Starts the process and waits until /health/ready answers 200. The embedded database opens in
   * seconds on an idle machine and can take a minute on a loaded one: the wait is for that.
   */
  async launch(timeoutMs = 90_000): Promise<void> {
    this.exitCode = null;
    const child = spawn(process.execPath, [this.options.entry ?? API_ENTRY, ...(this.options.args ?? [])], {
      cwd: ROOT,
      env: this.environment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    // A start that outlives its test (a timed-out beforeAll) must not hold the test run open:
    // neither the process nor its pipes keep jest alive (scripts/test.sh ends what is left).
    child.unref();
    for (const stream of [child.stdout!, child.stderr!]) {
      (stream as unknown as { unref?: () => void }).unref?.();
      stream.on('data', (d: Buffer) => this.output.push(d.toString()));
    }
    child.on('exit', (code) => (this.exitCode = code ?? -1));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exitCode !== null) throw new Error(`service exited with ${this.exitCode}:\n${this.logs}`);
      try {
        const res = await fetch(`${this.baseUrl}/health/ready`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await this.stop();
    throw new Error(`service not ready within ${timeoutMs} ms:\n${this.logs}`);
  }

  /** Stops the process (SIGTERM, then SIGKILL after 5 s). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || this.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  /**
   * Stops and starts the process on the same port, data folder and database, as an operator
   * restarting it would; `changes` apply from this start on (a changed admin key becomes the
   * default key of `http` too).
   */
  async restart(changes: RestartChanges = {}): Promise<void> {
    await this.stop();
    if (changes.env) this.options = { ...this.options, env: { ...this.options.env, ...changes.env } };
    if (changes.adminKey !== undefined) {
      this.currentAdminKey = changes.adminKey;
      this.client = new HttpClient(this.client.baseUrl, changes.adminKey);
    }
    await this.launch();
  }

  /** Stops the process and removes its data folder and database. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
    await this.database?.drop();
  }
}

/**
 * Runs a process to completion with the same environment a service would get (for the scorer's
 * `--once` and for configuration errors). Returns its exit code, its output (stdout and stderr
 * as they came) and its stdout alone (where its log lines go). Killed (code -1) after `timeoutMs`:
 * as long as `launch` waits, since a fresh embedded database is created slowly on a busy machine.
 */
export async function runToExit(
  entry: string,
  args: string[],
  env: Record<string, string | undefined>,
  timeoutMs = 90_000,
): Promise<{ code: number; output: string; stdout: string }> {
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: ROOT,
    env: Object.fromEntries(
      Object.entries({ PATH: process.env.PATH, ...env }).filter(([, v]) => v !== undefined),
    ) as Record<string, string>,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  // 'close', not 'exit': the pipes are drained by then, so no last line is lost.
  const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
  clearTimeout(timer);
  return { code, output, stdout };
}

export function tempDir(prefix = 'rt-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
