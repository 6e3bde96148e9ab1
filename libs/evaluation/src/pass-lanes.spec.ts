import { describe, expect, it } from '@jest/globals';
import { PassLanes } from './pass-lanes';

const flush = () => new Promise((r) => setImmediate(r));

describe('PassLanes', () => {
  it('gives each datasource its own pool, so a full one does not hold back another', async () => {
    const lanes = new PassLanes(2);
    const never = new Promise<void>(() => undefined);
    // Two hanging checks fill the `hanging` lane; a third waits in it.
    for (let i = 0; i < 3; i++) void lanes.datasource('hanging').run(() => never);
    await flush();
    expect([lanes.datasource('hanging').active, lanes.datasource('hanging').queued]).toEqual([2, 1]);
    await expect(lanes.datasource('prometheus').run(async () => 'scored')).resolves.toBe('scored');
    await expect(lanes.database.run(async () => 'written')).resolves.toBe('written');
  });

  it('hands back the same pool for a name, with the pass limit', () => {
    const lanes = new PassLanes(3);
    expect(lanes.datasource('a')).toBe(lanes.datasource('a'));
    expect(lanes.datasource('a')).not.toBe(lanes.datasource('b'));
    expect(lanes.datasource('a').limit).toBe(3);
    expect(lanes.database.limit).toBe(3);
  });
});
