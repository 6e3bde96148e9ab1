import { describe, expect, it } from '@jest/globals';
import {
  FOREIGN_LOCK_STALE_MS,
  folderInUseMessage,
  goneHolderReason,
  type LockHolder,
  type Observed,
  parseLockHolder,
} from './lock-holder';

const HOLDER: LockHolder = {
  pid: 4242,
  role: 'api',
  startedAt: '2026-12-04T10:00:00.000Z',
  hostname: 'box',
  pidNamespace: 'pid:[1]',
  bootId: 'boot-1',
  processStart: '777',
};
const SEEN: Observed = {
  pid: 5151,
  hostname: 'box',
  pidNamespace: 'pid:[1]',
  bootId: 'boot-1',
  holderPidRunning: true,
  holderPidStart: '777',
  lockAgeMs: 1_000,
};

describe('goneHolderReason', () => {
  const cases: Array<[string, Partial<LockHolder>, Partial<Observed>, string | null]> = [
    ['the holder still runs', {}, {}, null],
    ['the holder runs as another user (seen running)', {}, { holderPidRunning: true }, null],
    ['its pid runs nothing', {}, { holderPidRunning: false, holderPidStart: null }, 'it is no longer running'],
    ['its pid is another process now (reused)', {}, { holderPidStart: '999' }, 'pid 4242 is now another process'],
    [
      'its pid is this process (a container restarted as pid 1)',
      { pid: 1 },
      { pid: 1 },
      "its pid 1 is now this process's",
    ],
    ['the machine rebooted', {}, { bootId: 'boot-2' }, 'the machine restarted since'],
    ['no boot id known on one side', { bootId: null }, { bootId: 'boot-2' }, null],
    ['no start time known for the holder (not Linux)', { processStart: null }, { holderPidStart: '999' }, null],
    ['no start time readable for the pid now', {}, { holderPidStart: null }, null],
    ['another host, refreshed lately', { hostname: 'other' }, { lockAgeMs: FOREIGN_LOCK_STALE_MS }, null],
    ['another host, even if its pid runs nothing here', { hostname: 'other' }, { holderPidRunning: false }, null],
    [
      'another pid namespace on the same host name, refreshed lately',
      { pidNamespace: 'pid:[2]' },
      { holderPidRunning: false },
      null,
    ],
    [
      'another pid namespace, not refreshed for long',
      { pidNamespace: 'pid:[2]' },
      { lockAgeMs: FOREIGN_LOCK_STALE_MS + 1_000 },
      'its lock was last refreshed 61 s ago',
    ],
    [
      'no pid namespace known on one side',
      { pidNamespace: null },
      { holderPidRunning: false },
      'it is no longer running',
    ],
    [
      'another host, not refreshed for long',
      { hostname: 'other' },
      { lockAgeMs: FOREIGN_LOCK_STALE_MS + 1_000 },
      'its lock was last refreshed 61 s ago',
    ],
  ];
  it.each(cases)('%s', (_, holder, seen, expected) => {
    expect(goneHolderReason({ ...HOLDER, ...holder }, { ...SEEN, ...seen })).toBe(expected);
  });
});

describe('folderInUseMessage', () => {
  it('names the folder, the process, its pid and since when, and the way out', () => {
    expect(folderInUseMessage('/srv/data', HOLDER, true)).toBe(
      'the data folder /srv/data is in use by the api process (pid 4242, since 2026-12-04T10:00:00.000Z): ' +
        'its embedded database belongs to that one process. Stop it first, or run the API and scorers on PostgreSQL (DATABASE_URL).',
    );
  });

  it('names the host when the holder runs on another', () => {
    expect(folderInUseMessage('/srv/data', { ...HOLDER, hostname: 'pod-7' }, false)).toContain(
      '(pid 4242 on host pod-7, since',
    );
  });
});

describe('parseLockHolder', () => {
  it('reads what a holder wrote', () => {
    expect(parseLockHolder(JSON.stringify(HOLDER))).toEqual(HOLDER);
  });

  it('reads a holder without the Linux-only facts', () => {
    const { pidNamespace, bootId, processStart, ...portable } = HOLDER;
    expect([pidNamespace, bootId, processStart]).toEqual(['pid:[1]', 'boot-1', '777']);
    expect(parseLockHolder(JSON.stringify(portable))).toEqual({
      ...portable,
      pidNamespace: null,
      bootId: null,
      processStart: null,
    });
  });

  it.each([
    ['empty', ''],
    ['cut short', JSON.stringify(HOLDER).slice(0, 20)],
    ['not an object', '42'],
    ['no pid', JSON.stringify({ ...HOLDER, pid: undefined })],
    ['pid 0 (would signal a process group)', JSON.stringify({ ...HOLDER, pid: 0 })],
    ['negative pid', JSON.stringify({ ...HOLDER, pid: -3 })],
    ['no role', JSON.stringify({ ...HOLDER, role: 7 })],
  ])('refuses a lock %s', (_, text) => {
    expect(parseLockHolder(text)).toBeNull();
  });
});
