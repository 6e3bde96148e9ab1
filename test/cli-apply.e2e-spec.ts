import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describeEachDatabase, expectStatus, HttpClient, ServiceProcess, type DatabaseChoice } from '@app/testing';

/*
 * Definitions as code (docs/definitions.md): `remediation apply` and `export` as a user runs them,
 * the built CLI (`node bin/remediation.mjs`) as a child process, against a real service.
 */

const EXAMPLE = 'config/remediation.example.yaml';
const PM = 'checkout-outage-2026-11';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built CLI with only the service's address and key from the environment, and no config file. */
function cli(baseUrl: string, key: string, args: string[]): Promise<CliResult> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('REMEDIATION_')));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/remediation.mjs', ...args],
      { env: { ...clean, HOME: tmpdir(), REMEDIATION_URL: baseUrl, REMEDIATION_KEY: key }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error.code as number) ?? 1) : 0, stdout, stderr }),
    );
  });
}

describeEachDatabase('remediation apply and export', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let editorKey: string;
  let viewer: HttpClient;
  const dir = mkdtempSync(join(tmpdir(), 'rt-apply-'));
  const run = (...args: string[]): Promise<CliResult> => cli(service.baseUrl, editorKey, args);
  /** The example with `edit` applied to its parsed document, written to a file of its own. */
  const variant = (name: string, edit: (doc: any) => void): string => {
    const doc = parseDocument(readFileSync(EXAMPLE, 'utf8')).toJS();
    edit(doc);
    const path = join(dir, `${name}.yaml`);
    writeFileSync(path, JSON.stringify(doc));
    return path;
  };
  async function list(path: string): Promise<any[]> {
    const res = await viewer.get(`${path}${path.includes('?') ? '&' : '?'}limit=200`);
    expectStatus(res, 200);
    return res.body.items;
  }
  const bySourceId = async (kind: 'postmortems' | 'actions', sourceId: string): Promise<any[]> =>
    list(`/api/v1/${kind}?sourceId=${sourceId}`);

  beforeAll(async () => {
    service = await ServiceProcess.start({ database });
    editorKey = await service.issueKey('definitions ci', 'editor');
    viewer = await service.clientFor('reader', 'viewer');
  }, 60_000);
  afterAll(async () => service?.destroy());

  it('refuses a bad file before any write, naming each problem by its YAML path', async () => {
    const bad = variant('bad', (doc) => {
      doc.postmortems[0].actions[0].metrics[0].target = { absolute: 'low' };
      doc.actions[0].priority = 'P9';
    });
    const result = await run('apply', '-f', bad);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('postmortems[0].actions[0].metrics[0].target.absolute: ');
    expect(result.stderr).toContain('actions[0].priority: ');
    expect(await list('/api/v1/postmortems')).toEqual([]);
    expect(await list('/api/v1/actions')).toEqual([]);
  });

  it('--dry-run prints the plan and writes nothing', async () => {
    const result = await run('apply', '-f', EXAMPLE, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        `+ create postmortem ${PM}`,
        '+ create action payments-pool-limit',
        '+ create action db-connection-alerts',
        '+ create metric payments-pool-limit/checkout-error-ratio',
        'Plan: 4 to create, 0 to update, 0 to delete.',
      ]),
    );
    const json = await run('--json', 'apply', '-f', EXAMPLE, '--dry-run');
    const plan = JSON.parse(json.stdout);
    expect(plan.steps.map((s: any) => [s.op, s.kind, s.key, s.path])).toEqual([
      ['create', 'postmortem', PM, 'postmortems[0]'],
      ['create', 'action', 'payments-pool-limit', 'postmortems[0].actions[0]'],
      ['create', 'action', 'db-connection-alerts', 'actions[0]'],
      ['create', 'metric', 'payments-pool-limit/checkout-error-ratio', 'postmortems[0].actions[0].metrics[0]'],
    ]);
    expect(await list('/api/v1/postmortems')).toEqual([]);
    expect(await list('/api/v1/actions')).toEqual([]);
  });

  it('creates everything the example says, linked and keyed by its stable ids', async () => {
    const result = await run('apply', '-f', EXAMPLE);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('Applied 4 changes.');
    const [pm] = await bySourceId('postmortems', PM);
    expect(pm).toMatchObject({
      sourceId: PM,
      kind: 'incident',
      severity: 'SEV2',
      occurredAt: '2026-11-02T14:05:00.000Z',
    });
    expect(pm.contributingFactors).toHaveLength(2);
    const [pool] = await bySourceId('actions', 'payments-pool-limit');
    expect(pool).toMatchObject({ postmortemId: pm.id, priority: 'P1', ownerTeam: 'payments' });
    expect(pool.metrics).toEqual([
      expect.objectContaining({ sourceId: 'checkout-error-ratio', datasource: 'otlp', checkEvery: '15m' }),
    ]);
    const [alone] = await bySourceId('actions', 'db-connection-alerts');
    expect(alone).toMatchObject({ postmortemId: null, ownerTeam: 'sre' });
  });

  it('applied twice plans nothing and writes nothing', async () => {
    const before = await list('/api/v1/actions');
    const human = await run('apply', '-f', EXAMPLE);
    expect(human.stdout.trim()).toBe('No changes: the service matches the file.');
    const json = await run('--json', 'apply', '-f', EXAMPLE);
    expect(JSON.parse(json.stdout)).toEqual({ steps: [] });
    expect(await list('/api/v1/actions')).toEqual(before);
  });

  it('a changed field updates only that field of that resource', async () => {
    const [pmBefore] = await bySourceId('postmortems', PM);
    const [poolBefore] = await bySourceId('actions', 'payments-pool-limit');
    const retitled = variant('retitled', (doc) => {
      doc.actions[0].title = 'Alert on connections held per service';
    });
    const result = await run('apply', '-f', retitled);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('~ update action db-connection-alerts (title)');
    expect(result.stdout).toContain('Plan: 0 to create, 1 to update, 0 to delete.');
    const [alone] = await bySourceId('actions', 'db-connection-alerts');
    expect(alone.title).toBe('Alert on connections held per service');
    const events = await viewer.get(`/api/v1/actions/${alone.id}/events?limit=200`);
    const updates = events.body.items.filter((e: any) => e.type === 'updated');
    expect(updates.map((e: any) => Object.keys(e.changes))).toEqual([['title']]);
    expect((await bySourceId('postmortems', PM))[0].updatedAt).toBe(pmBefore.updatedAt);
    expect((await bySourceId('actions', 'payments-pool-limit'))[0].updatedAt).toBe(poolBefore.updatedAt);
    expect((await run('apply', '-f', retitled)).stdout.trim()).toBe('No changes: the service matches the file.');
  });

  it('export writes the same format: applying the export plans nothing', async () => {
    const exported = join(dir, 'exported.yaml');
    expect((await run('export', '-o', exported)).code).toBe(0);
    const text = readFileSync(exported, 'utf8');
    expect(text).toContain('apiVersion: remediation/v1');
    expect(text).toContain(`id: ${PM}`);
    expect(text).not.toContain('status:');
    const result = await run('--json', 'apply', '-f', exported, '--prune');
    expect(JSON.parse(result.stdout)).toEqual({ steps: [] });
    const only = await run('export', '--postmortem', PM);
    expect(only.stdout).not.toContain('db-connection-alerts');
    expect((await run('export', '--postmortem', 'no-such-postmortem')).code).toBe(3);
  });

  it('deletes only with --prune, and only what a file made', async () => {
    const handMade = await service.http
      .withKey(editorKey)
      .post('/api/v1/actions', { title: 'By hand', ownerTeam: 'sre' });
    expectStatus(handMade, 201);
    const without = variant('without-alone', (doc) => {
      doc.actions = [];
    });
    const kept = await run('apply', '-f', without);
    expect(kept.stdout.trim()).toBe('No changes: the service matches the file.');
    expect(await bySourceId('actions', 'db-connection-alerts')).toHaveLength(1);
    const planned = await run('apply', '-f', without, '--prune', '--dry-run');
    expect(planned.stdout.split('\n')[0]).toBe('- delete action db-connection-alerts');
    expect(await bySourceId('actions', 'db-connection-alerts')).toHaveLength(1);
    const pruned = await run('apply', '-f', without, '--prune');
    expect(pruned.code).toBe(0);
    expect(await bySourceId('actions', 'db-connection-alerts')).toEqual([]);
    const ids = (await list('/api/v1/actions')).map((a) => a.id);
    expect(ids).toContain(handMade.body.id);
  });

  it('stops at the first refusal with the YAML path and the API message, keeping what came before', async () => {
    const refused = variant('refused', (doc) => {
      doc.actions = [
        { id: 'first-fine', title: 'Fine', ownerTeam: 'sre' },
        { id: 'then-blank', title: 'Blank team', ownerTeam: '\u200b' },
        { id: 'never-reached', title: 'Never', ownerTeam: 'sre' },
      ];
    });
    const result = await run('apply', '-f', refused);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/refused: actions\[1\]: ownerTeam /);
    expect(await bySourceId('actions', 'first-fine')).toHaveLength(1);
    expect(await bySourceId('actions', 'never-reached')).toEqual([]);
  });

  it('the API keeps stable ids unique per kind and checks their spelling', async () => {
    const editor = service.http.withKey(editorKey);
    const twice = await editor.post('/api/v1/postmortems', { kind: 'success', title: 'Again', sourceId: PM });
    expect(twice.status).toBe(409);
    const spelled = await editor.post('/api/v1/actions', { title: 'T', ownerTeam: 'sre', sourceId: 'Upper Case' });
    expect(spelled.status).toBe(400);
    expect(spelled.body.message).toMatch(/^sourceId must be 1\.\.100 lowercase/);
    const query = await viewer.get('/api/v1/postmortems?sourceId=Bad%20Id');
    expect(query.status).toBe(400);
    const [pool] = await bySourceId('actions', 'payments-pool-limit');
    const metricPatch = await editor.patch(`/api/v1/actions/${pool.id}/metrics/${pool.metrics[0].id}`, {
      sourceId: 'other',
    });
    expect(metricPatch.status).toBe(400);
    expect(metricPatch.body.message).toMatch(/sourceId/);
    const sameMetric = await editor.post(`/api/v1/actions/${pool.id}/metrics`, {
      selector: pool.metrics[0].selector,
      name: 'again',
      datasource: 'otlp',
      direction: 'decrease',
      target: { absolute: 1 },
      sourceId: 'checkout-error-ratio',
    });
    expect(sameMetric.status).toBe(409);
  });
});
