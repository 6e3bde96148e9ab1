import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';

// The layer rules live in .dependency-cruiser.cjs; this makes them part of every test run.
describe('architecture', () => {
  it('keeps scoring and domain pure, apps independent and layers pointing one way', () => {
    const run = spawnSync(
      process.execPath,
      ['node_modules/.bin/depcruise', '--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'apps', 'libs'],
      { encoding: 'utf8' },
    );
    expect(run.stdout + run.stderr).toContain('no dependency violations found');
    expect(run.status).toBe(0);
  });
});
