/** Who holds an embedded data folder: the content of `<data dir>/db.lock`. */
export interface LockHolder {
  pid: number;
  /** What the process is (`api`, `scorer`), for the message a refused process prints. */
  role: string;
  /** ISO time the holder took the folder. */
  startedAt: string;
  hostname: string;
  /** The pid namespace (Linux): containers sharing a host name may still see different pids. */
  pidNamespace: string | null;
  /** The kernel's boot id (Linux), so a lock from before a reboot is known stale. */
  bootId: string | null;
  /** The holder's start time in clock ticks since boot (Linux), so a reused pid is told apart. */
  processStart: string | null;
}

/** What a process starting on the folder sees of the holder and of itself. */
export interface Observed {
  pid: number;
  hostname: string;
  pidNamespace: string | null;
  bootId: string | null;
  /** Whether a process with the holder's pid runs here (only meaningful on the same host). */
  holderPidRunning: boolean;
  /** The start time of the process now running under the holder's pid, when known. */
  holderPidStart: string | null;
  /** Since the holder last refreshed the lock file, in ms. */
  lockAgeMs: number;
}

/**
 * A holder on another host, or in another pid namespace (another container sharing the volume),
 * cannot be asked whether it runs; it refreshes the lock every `LOCK_REFRESH_MS`, and a lock left unrefreshed this long is
 * a dead holder's.
 */
export const LOCK_REFRESH_MS = 10_000;
export const FOREIGN_LOCK_STALE_MS = 60_000;

/**
 * Why the holder is gone (the reason logged when its lock is taken over), or null when it may
 * still be running and the folder is not ours to take. Pids repeat (after a crash a container's
 * process is pid 1 again, and pids wrap), so a running pid counts only with the same start time.
 */
export function goneHolderReason(holder: LockHolder, seen: Observed): string | null {
  const otherNamespace =
    holder.pidNamespace !== null && seen.pidNamespace !== null && holder.pidNamespace !== seen.pidNamespace;
  if (holder.hostname !== seen.hostname || otherNamespace) {
    const idle = Math.round(seen.lockAgeMs / 1000);
    return seen.lockAgeMs > FOREIGN_LOCK_STALE_MS ? `its lock was last refreshed ${idle} s ago` : null;
  }
  if (holder.bootId && seen.bootId && holder.bootId !== seen.bootId) return 'the machine restarted since';
  if (holder.pid === seen.pid) return `its pid ${holder.pid} is now this process's`;
  if (!seen.holderPidRunning) return 'it is no longer running';
  if (holder.processStart && seen.holderPidStart && holder.processStart !== seen.holderPidStart) {
    return `pid ${holder.pid} is now another process`;
  }
  return null;
}

/** The one line a refused process prints: the folder, and the process that holds it. */
export function folderInUseMessage(folder: string, holder: LockHolder, sameHost: boolean): string {
  const where = sameHost ? '' : ` on host ${holder.hostname}`;
  return (
    `the data folder ${folder} is in use by the ${holder.role} process (pid ${holder.pid}${where}, since ${holder.startedAt}): ` +
    'its embedded database belongs to that one process. Stop it first, or run the API and scorers on PostgreSQL (DATABASE_URL).'
  );
}

/** Parses a lock file's text; null when it is not a holder (a damaged or foreign file). */
export function parseLockHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    const ok =
      Number.isInteger(value.pid) &&
      value.pid! > 0 &&
      typeof value.role === 'string' &&
      typeof value.startedAt === 'string' &&
      typeof value.hostname === 'string';
    if (!ok) return null;
    return {
      pid: value.pid!,
      role: value.role!,
      startedAt: value.startedAt!,
      hostname: value.hostname!,
      pidNamespace: typeof value.pidNamespace === 'string' ? value.pidNamespace : null,
      bootId: typeof value.bootId === 'string' ? value.bootId : null,
      processStart: typeof value.processStart === 'string' ? value.processStart : null,
    };
  } catch {
    return null;
  }
}
