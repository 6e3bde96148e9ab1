import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitHubServer, ServiceProcess } from '@app/testing';

/*
 * `remediation trackers …` and `actions create|update --tracker` as a user runs them: the built
 * CLI as a child process against the service and a fake GitHub that checks every request.
 */

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('remediation CLI: trackers', () => {
  let github: GitHubServer;
  let service: ServiceProcess;
  let home: string;
  let editorKey: string;

  function cli(args: string[]): Promise<Run> {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('REMEDIATION_')));
    const env = { ...clean, HOME: home, REMEDIATION_URL: service.baseUrl, REMEDIATION_KEY: editorKey };
    return new Promise((resolve) => {
      execFile(process.execPath, ['bin/remediation.mjs', ...args], { env, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error.code as number) ?? null) : 0, stdout, stderr }),
      );
    });
  }
  const json = async (args: string[]) => {
    const r = await cli(['--json', ...args]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    return JSON.parse(r.stdout);
  };

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'rt-cli-trackers-'));
    github = await GitHubServer.start();
    const tracker = {
      name: 'github',
      type: 'github',
      url: github.url,
      token: github.token,
      webhookSecret: 'a-webhook-secret-of-some-length',
      defaultTeam: 'sre',
      teamByLabel: { payments: 'payments' },
    };
    service = await ServiceProcess.start({
      database: 'embedded',
      env: { REMEDIATION_TRACKERS: JSON.stringify([tracker]) },
    });
    editorKey = await service.issueKey('sre-cli', 'editor');
  }, 90_000);
  afterAll(async () => {
    await service?.destroy();
    await github?.stop();
    rmSync(home, { recursive: true, force: true });
  });
  afterEach(() => expect(github.violations).toEqual([]));

  it('lists the trackers', async () => {
    expect((await json(['trackers', 'list'])).map((t: any) => t.name)).toEqual(['github']);
    const table = await cli(['trackers', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('github');
  });

  it('links with --tracker name:key on create, unlinks with --tracker none on update', async () => {
    const key = github.addIssue({ repo: 'acme/cli', title: 'Cap the retry budget' });
    const created = await json([
      'actions',
      'create',
      '--title',
      'Cap retries',
      '--owner-team',
      'sre',
      '--tracker',
      `github:${key}`,
    ]);
    expect(created.tracker).toMatchObject({ name: 'github', key, title: 'Cap the retry budget', state: 'open' });
    const shown = await cli(['actions', 'show', created.id]);
    expect(shown.stdout).toContain(`github:${key} (open)`);
    const unlinked = await json(['actions', 'update', created.id, '--tracker', 'none']);
    expect(unlinked.tracker).toBeNull();
    const bad = await cli(['actions', 'update', created.id, '--tracker', 'no-colon']);
    expect(bad.code).toBe(2);
    const missing = await cli(['actions', 'update', created.id, '--tracker', 'github:acme/cli#99']);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('tracker.key: github has no issue acme/cli#99');
  });

  it('imports issues, dry run first, with a table of created and skipped', async () => {
    const one = github.addIssue({ repo: 'acme/imports', title: 'Alert on queue depth', labels: ['payments'] });
    const two = github.addIssue({ repo: 'acme/imports', title: 'Shed load at the edge', labels: ['payments'] });
    const dry = await cli(['trackers', 'import', 'github', 'repo:acme/imports', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run: would create 2 actions');
    const first = await json(['trackers', 'import', 'github', 'repo:acme/imports']);
    expect(first.created.map((i: any) => i.key).sort()).toEqual([one, two].sort());
    const again = await cli(['trackers', 'import', 'github', 'repo:acme/imports']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('skipped');
    expect(again.stdout).toContain('Created 0 actions (2 issues found; 2 already linked).');
  });
});
