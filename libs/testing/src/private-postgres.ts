import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';

/** The newest installed PostgreSQL's bin folder (Debian keeps it off PATH); null when none is. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  return versions.length ? join(root, versions[versions.length - 1], 'bin') : null;
}

const isRoot = (): boolean => process.getuid?.() === 0;

/**
 * A throwaway PostgreSQL server of the test's own, on a free loopback port, that the test may
 * stop and start as an operator restarting it would (never the shared server). initdb refuses to
 * run as root, so as root everything runs as the `postgres` user.
 */
export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    private readonly base: string,
    readonly port: number,
  ) {}

  static async start(bin: string): Promise<PrivatePostgres> {
    const base = mkdtempSync('/tmp/rt-pg-restart-');
    chmodSync(base, 0o777);
    const server = new PrivatePostgres(bin, base, await freePort());
    server.run('initdb', ['-D', server.dataDir, '-U', 'postgres', '--auth=trust', '--no-locale', '-E', 'UTF8']);
    server.startServer();
    return server;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get dataDir(): string {
    return join(this.base, 'data');
  }

  /** Stops the server the way a restart does: open connections are ended (57P01). */
  stop(): void {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
  }

  startServer(): void {
    const options = `-p ${this.port} -k ${this.base} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`;
    this.run('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.base, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      options,
      'start',
    ]);
  }

  destroy(): void {
    try {
      this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', 'stop']);
    } catch {
      // already stopped
    }
    rmSync(this.base, { recursive: true, force: true });
  }

  private run(tool: string, args: string[]): void {
    const path = join(this.bin, tool);
    if (isRoot()) execFileSync('runuser', ['-u', 'postgres', '--', path, ...args], { stdio: 'pipe' });
    else execFileSync(path, args, { stdio: 'pipe' });
  }
}
