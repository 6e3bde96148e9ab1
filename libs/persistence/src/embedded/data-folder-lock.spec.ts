import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFolderInUseError, DataFolderLock, LOCK_FILE } from './data-folder-lock';

/* The lock on a real folder: what a second process, a crashed holder and a reused pid leave behind. */

const dirs: string[] = [];
const locks: DataFolderLock[] = [];
afterEach(() => {
  for (const lock of locks.splice(0)) lock.release();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rt-lock-'));
  dirs.push(dir);
  return dir;
}

function acquire(dir: string, role = 'api'): DataFolderLock {
  const lock = DataFolderLock.acquire(dir, role);
  locks.push(lock);
  return lock;
}

function plant(dir: string, holder: Record<string, unknown>): void {
  writeFileSync(
    join(dir, LOCK_FILE),
    JSON.stringify({ role: 'api', startedAt: '2026-12-01T00:00:00.000Z', hostname: hostname(), ...holder }),
  );
}

/** A pid that ran a moment ago and runs no more. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

describe('DataFolderLock', () => {
  it('writes the holder into <folder>/db.lock and removes it on release', () => {
    const dir = folder();
    const lock = acquire(dir);
    const holder = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
    expect(holder).toMatchObject({ pid: process.pid, role: 'api', hostname: hostname() });
    expect(Date.parse(holder.startedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(lock.takeOverNotice()).toBeNull();
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a second claim while the holder runs, naming the folder and the holder', () => {
    const dir = folder();
    plant(dir, { pid: process.ppid, startedAt: '2026-12-04T10:00:00.000Z', processStart: null });
    expect(() => acquire(dir, 'scorer')).toThrow(DataFolderInUseError);
    expect(() => acquire(dir, 'scorer')).toThrow(
      `the data folder ${dir} is in use by the api process (pid ${process.ppid}, since 2026-12-04T10:00:00.000Z)`,
    );
    // The holder's lock is left as it was.
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.ppid);
  });

  it('takes over the lock of a holder that died without releasing it, and says so once', async () => {
    const dir = folder();
    const pid = await deadPid();
    plant(dir, { pid });
    const lock = acquire(dir, 'scorer');
    expect(lock.takeOverNotice()).toBe(
      `took over the data folder ${dir} from the api process (pid ${pid}, since 2026-12-01T00:00:00.000Z): it is no longer running`,
    );
    expect(lock.takeOverNotice()).toBeNull();
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, role: 'scorer' });
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  it('takes over a lock whose pid now runs another process (a reused pid)', () => {
    const dir = folder();
    plant(dir, { pid: process.ppid, processStart: '1' });
    expect(acquire(dir).takeOverNotice()).toContain(`pid ${process.ppid} is now another process`);
  });

  it("takes over a lock naming this process's own pid (a container restarted as the same pid)", () => {
    const dir = folder();
    plant(dir, { pid: process.pid });
    expect(acquire(dir).takeOverNotice()).toContain(`its pid ${process.pid} is now this process's`);
  });

  it('respects a lock from another host while it is refreshed, and takes it over once it is not', () => {
    const dir = folder();
    plant(dir, { pid: 1, hostname: 'another-container' });
    expect(() => acquire(dir)).toThrow('(pid 1 on host another-container, since');
    const longAgo = new Date(Date.now() - 5 * 60_000);
    utimesSync(join(dir, LOCK_FILE), longAgo, longAgo);
    expect(acquire(dir).takeOverNotice()).toContain('its lock was last refreshed 300 s ago');
  });

  it('takes over a damaged lock file, but not one that may still be being written', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), '{"pid": 12');
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(join(dir, LOCK_FILE), longAgo, longAgo);
    expect(acquire(dir).takeOverNotice()).toBe(`took over the data folder ${dir}: its lock file holds no holder`);
  });

  it('leaves a lock another process wrote since alone on release', () => {
    const dir = folder();
    const lock = acquire(dir);
    plant(dir, { pid: process.ppid });
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });
});
