import { randomBytes } from 'node:crypto';
import {
  linkSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import {
  folderInUseMessage,
  goneHolderReason,
  LOCK_REFRESH_MS,
  type LockHolder,
  type Observed,
  parseLockHolder,
} from './lock-holder';

/** A second process on an embedded data folder: the message names the folder and the holder. */
export class DataFolderInUseError extends Error {}

export const LOCK_FILE = 'db.lock';

/** A lock file without a holder in it younger than this may be one being written: wait, don't take it. */
const UNREADABLE_GRACE_MS = 2_000;
const ATTEMPTS = 20;

/**
 * The exclusive claim of one process on an embedded data folder (docs/operation.md, "Database"): PGlite is
 * one process's database, and a second writer's work would be lost. `<data dir>/db.lock` names
 * the holder; it appears whole and only if absent (written aside, then hard-linked, which fails
 * when the name exists), so two processes starting together cannot both get it. The lock of a
 * holder that died without releasing it (kill -9, a crash, a reboot) is taken over, and the new
 * holder says so in its log.
 */
export class DataFolderLock {
  private done = false;
  private notice: string | null;
  private readonly refresher: NodeJS.Timeout;

  private constructor(
    readonly folder: string,
    private readonly file: string,
    private readonly text: string,
    takeOver: string | null,
  ) {
    this.notice = takeOver;
    // Keeps the lock visibly alive for a process on another host sharing the volume.
    this.refresher = setInterval(() => this.refresh(), LOCK_REFRESH_MS);
    this.refresher.unref();
  }

  static acquire(folder: string, role: string, now = new Date()): DataFolderLock {
    const dir = resolve(folder);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, LOCK_FILE);
    const text = `${JSON.stringify(currentHolder(role, now))}\n`;
    let takeOver: string | null = null;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (createExclusively(file, text)) return new DataFolderLock(dir, file, text, takeOver);
      const found = readLock(file);
      if (!found) continue;
      const holder = parseLockHolder(found.text);
      if (!holder && found.ageMs < UNREADABLE_GRACE_MS) {
        pause(50);
        continue;
      }
      const reason = holder ? goneHolderReason(holder, observe(holder, found.ageMs)) : 'its lock file holds no holder';
      if (reason === null)
        throw new DataFolderInUseError(folderInUseMessage(dir, holder!, holder!.hostname === hostname()));
      if (removeIfUnchanged(file, found.text)) takeOver = takeOverNotice(dir, holder, reason);
    }
    throw new DataFolderInUseError(
      `the data folder ${dir} is being claimed by other processes starting at the same time: start one process on it`,
    );
  }

  get released(): boolean {
    return this.done;
  }

  /** The log line saying whose stale lock this one replaced, once; null when none was. */
  takeOverNotice(): string | null {
    const notice = this.notice;
    this.notice = null;
    return notice;
  }

  /** Frees the folder; only the lock this process wrote is removed. */
  release(): void {
    if (this.done) return;
    this.done = true;
    clearInterval(this.refresher);
    try {
      if (readFileSync(this.file, 'utf8') === this.text) unlinkSync(this.file);
    } catch {
      // Already gone: nothing to free.
    }
  }

  private refresh(): void {
    try {
      const now = new Date();
      utimesSync(this.file, now, now);
    } catch {
      // Removed under us: the next process's start will tell.
    }
  }
}

const held = new Map<string, DataFolderLock>();

/** The claim of this process on `folder`, taken on the first call and kept until released. */
export function claimDataFolder(folder: string, role: string): DataFolderLock {
  const dir = resolve(folder);
  const current = held.get(dir);
  if (current && !current.released) return current;
  const lock = DataFolderLock.acquire(dir, role);
  held.set(dir, lock);
  // A process ending without closing its database (an error at start) frees the folder too.
  process.once('exit', () => lock.release());
  return lock;
}

function currentHolder(role: string, now: Date): LockHolder {
  return {
    pid: process.pid,
    role,
    startedAt: now.toISOString(),
    hostname: hostname(),
    pidNamespace: pidNamespace(),
    bootId: bootId(),
    processStart: processStart(process.pid),
  };
}

function observe(holder: LockHolder, lockAgeMs: number): Observed {
  return {
    pid: process.pid,
    hostname: hostname(),
    pidNamespace: pidNamespace(),
    bootId: bootId(),
    holderPidRunning: isRunning(holder.pid),
    holderPidStart: processStart(holder.pid),
    lockAgeMs,
  };
}

function takeOverNotice(dir: string, holder: LockHolder | null, reason: string): string {
  const from = holder ? ` from the ${holder.role} process (pid ${holder.pid}, since ${holder.startedAt})` : '';
  return `took over the data folder ${dir}${from}: ${reason}`;
}

/** Writes the lock whole under its name unless the name exists; false when it does. */
function createExclusively(file: string, text: string): boolean {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.new`;
  writeFileSync(aside, text, { mode: 0o600 });
  try {
    linkSync(aside, file);
    return true;
  } catch (err) {
    if (code(err) === 'EEXIST') return false;
    // A filesystem without hard links: O_EXCL alone (a racer may then briefly see it empty).
    try {
      writeFileSync(file, text, { flag: 'wx', mode: 0o600 });
      return true;
    } catch (fallback) {
      if (code(fallback) === 'EEXIST') return false;
      throw fallback;
    }
  } finally {
    unlinkSync(aside);
  }
}

function readLock(file: string): { text: string; ageMs: number } | null {
  try {
    const ageMs = Date.now() - statSync(file).mtimeMs;
    return { text: readFileSync(file, 'utf8'), ageMs };
  } catch (err) {
    if (code(err) === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Removes a stale lock only if it is still the one judged stale: another process starting at the
 * same time may already have replaced it with its own, which must stay. Moving it aside is atomic;
 * a lock that turns out to be someone else's goes back under its name.
 */
function removeIfUnchanged(file: string, staleText: string): boolean {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(file, aside);
  } catch (err) {
    if (code(err) === 'ENOENT') return false;
    throw err;
  }
  const moved = readFileSync(aside, 'utf8');
  if (moved !== staleText) {
    try {
      linkSync(aside, file);
    } catch {
      // Its name was taken meanwhile by a live lock: the folder is held either way.
    }
  }
  unlinkSync(aside);
  return moved === staleText;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return code(err) === 'EPERM';
  }
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); null off Linux. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function pidNamespace(): string | null {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}
