import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import {
  adminDatabaseUrl,
  API_ENTRY,
  describeEachDatabase,
  freePort,
  runToExit,
  SCORER_ENTRY,
  ServiceProcess,
  tempDir,
  withClient,
} from '@app/testing';
import type { HttpResult } from '@app/testing';

// docs/operation.md: how the service is run, configured and kept healthy, seen from outside the process.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLES = ['viewer', 'editor', 'admin', 'ingest', 'scorer'];

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A REMEDIATION_CONFIG file with `yaml` in it, removed after the file's tests. */
function configFile(yaml: string): string {
  const dir = tempDir('rt-config-');
  scratch.push(dir);
  const file = join(dir, 'remediation.yaml');
  writeFileSync(file, yaml);
  return file;
}

function expectErrorShape(res: HttpResult, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  expect(res.body).toEqual({ statusCode: status, error: STATUS_CODES[status], message: expect.any(String) });
}

/** The service's JSON log lines (other output, such as a stack trace, is skipped). */
function jsonLines(logs: string): Array<Record<string, any>> {
  return logs.split('\n').flatMap((line) => {
    try {
      const parsed = JSON.parse(line);
      return typeof parsed === 'object' && parsed !== null ? [parsed] : [];
    } catch {
      return [];
    }
  });
}

const newAdminKey = (): string => `rt_test_admin_${randomBytes(16).toString('hex')}`;

describe('OpenAPI, request ids and malformed input', () => {
  let service: ServiceProcess;
  beforeAll(async () => {
    service = await ServiceProcess.start({ database: 'embedded' });
  });
  afterAll(async () => service?.destroy());

  it('serves Swagger UI at /docs without a key', async () => {
    const res = await service.http.get('/docs', { key: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text.toLowerCase()).toContain('swagger-ui');
  });

  it('documents every /api operation with its roles and Bearer security', async () => {
    const res = await service.http.get('/docs-json', { key: null });
    expect(res.status).toBe(200);
    const doc = res.body as {
      paths: Record<string, Record<string, { 'x-roles'?: string[]; security?: Array<Record<string, string[]>> }>>;
      components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/health/live', '/health/ready', '/api/v1/keys', '/api/v1/datasources']),
    );
    const bearerSchemes = Object.entries(doc.components.securitySchemes)
      .filter(([, scheme]) => scheme.type === 'http' && scheme.scheme === 'bearer')
      .map(([name]) => name);
    expect(bearerSchemes.length).toBeGreaterThan(0);

    const problems: string[] = [];
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/')) continue;
      for (const [method, op] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        checked += 1;
        const roles = op['x-roles'];
        if (!Array.isArray(roles) || roles.length === 0) problems.push(`${method} ${path}: no x-roles`);
        else if (!roles.every((r) => ROLES.includes(r))) problems.push(`${method} ${path}: unknown role in ${roles}`);
        else if (!roles.includes('admin'))
          problems.push(`${method} ${path}: x-roles leaves out admin, who passes everywhere`);
        const security = (op.security ?? []).flatMap((s) => Object.keys(s));
        if (!security.some((name) => bearerSchemes.includes(name)))
          problems.push(`${method} ${path}: no Bearer security`);
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('echoes a sane X-Request-Id and carries it in the JSON log line of the request', async () => {
    const id = `req-${randomBytes(6).toString('hex')}`;
    const res = await service.http.get('/api/v1/datasources', { headers: { 'x-request-id': id } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(id);
    await service.waitForLog(id);
    const line = jsonLines(service.logs).find((l) => l.req?.id === id);
    expect(line).toBeDefined();
    expect(line!.req.url).toBe('/api/v1/datasources');
    // Credentials never reach the log.
    expect(service.logs).not.toContain(service.adminKey!);
  });

  it.each([
    ['with spaces', 'two words'],
    ['too long', 'a'.repeat(129)],
    ['with markup', '<script>x</script>'],
  ])('replaces an X-Request-Id %s with a generated one', async (_, given) => {
    const res = await service.http.get('/api/v1/datasources', { headers: { 'x-request-id': given } });
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id');
    expect(id).not.toBe(given);
    expect(id).toMatch(UUID);
  });

  it('generates a different id for each request without one, and logs it', async () => {
    const a = await service.http.get('/api/v1/datasources');
    const b = await service.http.get('/api/v1/datasources');
    const ids = [a.headers.get('x-request-id'), b.headers.get('x-request-id')];
    expect(ids[0]).toMatch(UUID);
    expect(ids[1]).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
    await service.waitForLog(ids[1]!);
    expect(jsonLines(service.logs).some((l) => l.req?.id === ids[0])).toBe(true);
  });

  it('answers malformed JSON with 400 and the error shape', async () => {
    const res = await service.http.post('/api/v1/keys', undefined, {
      rawBody: '{"name": "broken", "role": ',
      headers: { 'content-type': 'application/json' },
    });
    expectErrorShape(res, 400);
  });

  it('answers an unknown field with 400 naming it', async () => {
    const res = await service.http.post('/api/v1/keys', { name: 'strict', role: 'viewer', colour: 'blue' });
    expectErrorShape(res, 400);
    expect(res.body.message).toContain('colour');
  });
});

describe('body limit and rate limit from a REMEDIATION_CONFIG file', () => {
  let service: ServiceProcess;
  beforeAll(async () => {
    const file = configFile('server:\n  bodyLimit: 1kb\n  rateLimitPerMinute: 5\n');
    service = await ServiceProcess.start({ database: 'embedded', env: { REMEDIATION_CONFIG: file } });
  });
  afterAll(async () => service?.destroy());

  it('answers a body over server.bodyLimit with 413 and the error shape', async () => {
    const res = await service.http.post('/api/v1/keys', { name: 'x'.repeat(2_000), role: 'viewer' });
    expectErrorShape(res, 413);
  });

  it('reads a body under the limit (and validates it)', async () => {
    const res = await service.http.post('/api/v1/keys', { name: 'x'.repeat(900), role: 'viewer' });
    expectErrorShape(res, 400);
  });

  it('answers the request after server.rateLimitPerMinute with 429 and Retry-After, per key', async () => {
    const issued = await service.http.post('/api/v1/keys', { name: 'rate limited', role: 'viewer' });
    expect(issued.status).toBe(201);
    const viewer = service.http.withKey(issued.body.key);
    for (let i = 1; i <= 5; i++) expect((await viewer.get('/api/v1/datasources')).status).toBe(200);

    const limited = await viewer.get('/api/v1/datasources');
    expectErrorShape(limited, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Another key has its own budget, and open routes are never limited.
    expect((await service.http.get('/api/v1/keys')).status).toBe(200);
    for (let i = 0; i < 8; i++) expect((await viewer.get('/health/live')).status).toBe(200);
  });
});

describe('configuration sources', () => {
  let service: ServiceProcess;
  let filePort: number;
  beforeAll(async () => {
    filePort = await freePort();
    // default.yaml lists `prometheus`; this file replaces the list and sets another port. The
    // built-in `otlp` stays whatever list replaces the default.
    const file = configFile(
      `server:\n  port: ${filePort}\ndatasources:\n  - name: from-file\n    type: prometheus\n    url: http://user:secret@prometheus.example:9090\n`,
    );
    service = await ServiceProcess.start({ database: 'embedded', env: { REMEDIATION_CONFIG: file } });
  });
  afterAll(async () => service?.destroy());

  it('takes the REMEDIATION_CONFIG file over default.yaml, and the environment (PORT) over both', async () => {
    // The harness sets PORT; the service answering on it, not on the file's port, is the proof.
    expect(service.port).not.toBe(filePort);
    const res = await service.http.get('/api/v1/datasources');
    expect(res.status).toBe(200);
    expect(res.body.map((d: { name: string }) => d.name)).toEqual(['from-file', 'otlp']);
    expect(res.text).not.toContain('secret');
  });

  it('takes REMEDIATION_DATASOURCES over the file', async () => {
    const fromEnv = [{ name: 'from-env', type: 'prometheus', url: 'http://thanos.example:10902', timeoutMs: 2500 }];
    await service.restart({ env: { REMEDIATION_DATASOURCES: JSON.stringify(fromEnv) } });
    const res = await service.http.get('/api/v1/datasources');
    expect(res.body).toEqual([
      expect.objectContaining({ name: 'from-env', type: 'prometheus', timeoutMs: 2500 }),
      expect.objectContaining({ name: 'otlp', type: 'otlp' }),
    ]);
  });
});

describe('configuration errors stop the start, naming the key', () => {
  const cases: Array<[string, Record<string, string>, string, string]> = [
    [
      'api',
      { REMEDIATION_DATASOURCES: '[{"name":"p","type":"prometheus","url":"not a url"}]' },
      'datasources.0.url',
      API_ENTRY,
    ],
    ['api', { REMEDIATION_DATASOURCES: '[{"name":"p",' }, 'REMEDIATION_DATASOURCES', API_ENTRY],
    [
      'api',
      { REMEDIATION_DATASOURCES: '[{"name":"a","type":"otlp"},{"name":"a","type":"otlp"}]' },
      'datasources.1.name',
      API_ENTRY,
    ],
    ['api', { PORT: 'eighty' }, 'PORT', API_ENTRY],
    ['api', { PORT: '99999' }, 'server.port', API_ENTRY],
    ['api', { REMEDIATION_CONFIG: '/nonexistent/remediation.yaml' }, 'REMEDIATION_CONFIG', API_ENTRY],
    ['scorer', { REMEDIATION_SCHEDULER: 'sometimes' }, 'REMEDIATION_SCHEDULER', SCORER_ENTRY],
  ];

  it.each(cases)('the %s with %j exits non-zero naming %s', async (_, env, key, entry) => {
    const dataDir = tempDir('rt-data-');
    scratch.push(dataDir);
    const { code, output } = await runToExitWith(entry, { PORT: '0', REMEDIATION_DATA_DIR: dataDir, ...env });
    expect(code).not.toBe(0);
    expect(output).toContain(`"${key}"`);
    // It stopped before touching anything.
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('rejects an unknown key in the REMEDIATION_CONFIG file', async () => {
    const file = configFile('server:\n  prot: 8080\n');
    const dataDir = tempDir('rt-data-');
    scratch.push(dataDir);
    const { code, output } = await runToExitWith(API_ENTRY, {
      PORT: '0',
      REMEDIATION_DATA_DIR: dataDir,
      REMEDIATION_CONFIG: file,
    });
    expect(code).not.toBe(0);
    expect(output).toContain('prot');
  });
});

function runToExitWith(entry: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  return runToExit(entry, [], { HOME: process.env.HOME, REMEDIATION_SCHEDULER: 'off', ...env });
}

describe('the generated admin key', () => {
  let service: ServiceProcess;
  beforeAll(async () => {
    service = await ServiceProcess.start({ database: 'embedded', adminKey: null });
  });
  afterAll(async () => service?.destroy());

  const keyFile = (): string => join(service.dataDir, 'admin.key');

  it('is written to <dataDir>/admin.key, readable by the owner alone, and the log says where', async () => {
    expect(existsSync(keyFile())).toBe(true);
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    await service.waitForLog(keyFile());
  });

  it('works as an admin key', async () => {
    const key = readFileSync(keyFile(), 'utf8').trim();
    const res = await service.http.withKey(key).get('/api/v1/keys');
    expect(res.status).toBe(200);
    expect(res.body.items.filter((k: { source: string }) => k.source === 'generated')).toHaveLength(1);
  });

  it('survives a restart: the same key works and no second one is generated', async () => {
    const before = readFileSync(keyFile(), 'utf8');
    const mark = service.logs.length;
    await service.restart();
    expect(readFileSync(keyFile(), 'utf8')).toBe(before);
    const res = await service.http.withKey(before.trim()).get('/api/v1/keys');
    expect(res.status).toBe(200);
    expect(
      res.body.items.filter((k: { role: string; revokedAt: string | null }) => k.role === 'admin' && !k.revokedAt),
    ).toHaveLength(1);
    // The second start points at the file again but does not write a new key.
    const second = await service.waitForLog(keyFile(), 5_000, mark);
    expect(second).not.toContain('generated an admin key');
  });
});

describeEachDatabase('start, restart and database health', (database) => {
  let service: ServiceProcess;
  beforeAll(async () => {
    service = await ServiceProcess.start({ database });
  });
  afterAll(async () => service?.destroy());

  it('applies the migrations on the first start and finds the schema up to date on the next', async () => {
    if (database === 'postgres') {
      expect(service.logs).toMatch(/database: applied /);
      expect(service.logs).not.toContain('schema up to date');
    } else {
      // A fresh embedded folder is filled from the build's template, migrated when it was built.
      expect(service.logs).toContain('embedded database: schema up to date');
      expect(service.logs).not.toMatch(/database: applied /);
    }
    const mark = service.logs.length;
    await service.restart();
    const second = await service.waitForLog('schema up to date', 5_000, mark);
    expect(second).not.toMatch(/database: applied /);
  });

  it('replaces the old REMEDIATION_ADMIN_KEY when it changes across a restart', async () => {
    const oldKey = service.adminKey!;
    const newKey = newAdminKey();
    expect((await service.http.get('/api/v1/keys')).status).toBe(200);
    await service.restart({ adminKey: newKey });
    expect((await service.http.withKey(oldKey).get('/api/v1/keys')).status).toBe(401);
    const listed = await service.http.withKey(newKey).get('/api/v1/keys');
    expect(listed.status).toBe(200);
    const fromEnvironment = listed.body.items.filter((k: { source: string }) => k.source === 'environment');
    expect(fromEnvironment.filter((k: { revokedAt: string | null }) => !k.revokedAt)).toHaveLength(1);
    expect(fromEnvironment.filter((k: { revokedAt: string | null }) => k.revokedAt)).toHaveLength(1);
  });

  it('keeps the same REMEDIATION_ADMIN_KEY across a restart without re-registering it', async () => {
    type Key = { id: string; source: string; revokedAt: string | null };
    const environmentKeys = async (): Promise<Key[]> =>
      ((await service.http.get('/api/v1/keys')).body.items as Key[])
        .filter((k) => k.source === 'environment')
        .map(({ id, source, revokedAt }) => ({ id, source, revokedAt }));
    const before = await environmentKeys();
    await service.restart();
    const after = await environmentKeys();
    expect(after).toEqual(before);
    expect(after.filter((k) => !k.revokedAt)).toHaveLength(1);
  });

  it('runs the scorer once and exits 0', async () => {
    const env: Record<string, string | undefined> = { HOME: process.env.HOME, LOG_LEVEL: 'info' };
    if (database === 'postgres') env.DATABASE_URL = service.database!.url;
    else {
      // The embedded database is one process's: the scorer gets a data folder of its own.
      env.REMEDIATION_DATA_DIR = tempDir('rt-scorer-');
      scratch.push(env.REMEDIATION_DATA_DIR);
    }
    const { code, output } = await runToExit(SCORER_ENTRY, ['--once'], env);
    expect({ code, output }).toEqual({ code: 0, output: expect.any(String) });
  }, 120_000);

  if (database === 'postgres') {
    it('answers /health/ready with 503 when the database goes away, and stays live', async () => {
      expect((await service.http.get('/health/ready', { key: null })).status).toBe(200);
      await withClient(adminDatabaseUrl(), (c) => c.query(`DROP DATABASE ${service.database!.name} WITH (FORCE)`));
      const ready = await service.http.get('/health/ready', { key: null });
      expect(ready.status).toBe(503);
      const shaped =
        ready.body?.status === 'unavailable' ||
        (ready.body?.statusCode === 503 && typeof ready.body?.message === 'string');
      expect(shaped).toBe(true);
      expect((await service.http.get('/health/live', { key: null })).status).toBe(200);
    });
  }
});
