import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEachDatabase, ServiceProcess, tempDir } from '@app/testing';
import type { HttpClient, HttpResult } from '@app/testing';

const ROLES = ['viewer', 'editor', 'admin', 'ingest', 'scorer'] as const;
type Role = (typeof ROLES)[number];

/**
 * The roles (docs/api.md, "Authentication and roles"), stated here rather than imported: admin passes everywhere,
 * editor wherever viewer does.
 */
function mayCall(role: Role, accepted: readonly string[]): boolean {
  return role === 'admin' || accepted.includes(role) || (role === 'editor' && accepted.includes('viewer'));
}

interface Operation {
  method: string;
  /** As documented, e.g. /api/v1/keys/{id}. */
  template: string;
  /** With a random UUID in every path parameter. */
  path: string;
  roles: string[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every documented operation that declares its roles, read from the live OpenAPI document. */
async function documentedOperations(http: HttpClient): Promise<Operation[]> {
  const doc = await http.get('/docs-json', { key: null });
  expect(doc.status).toBe(200);
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(
    doc.body.paths as Record<string, Record<string, { 'x-roles'?: string[] }>>,
  )) {
    for (const method of METHODS) {
      const roles = item[method]?.['x-roles'];
      if (!roles) continue;
      operations.push({
        method: method.toUpperCase(),
        template,
        path: template.replace(/\{[^}]+\}/g, () => randomUUID()),
        roles,
      });
    }
  }
  return operations;
}

/** Calls an operation as a client would with no real payload: `{}` where a body is expected. */
function call(http: HttpClient, op: Operation, key: string | null): Promise<HttpResult> {
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(op.method);
  return http.request(op.method, op.path, { key, ...(hasBody ? { body: {} } : {}) });
}

const summarize = (op: Operation, res: HttpResult): string =>
  `${op.method} ${op.template} → ${res.status} ${res.text.slice(0, 200)}`;

function expectErrorShape(res: HttpResult, status: number): void {
  expect(res.body).toEqual({ statusCode: status, error: expect.any(String), message: expect.any(String) });
}

describeEachDatabase('authentication and roles on every documented route', (database) => {
  let service: ServiceProcess;
  let operations: Operation[];
  const keys = {} as Record<Role, { id: string; key: string }>;

  beforeAll(async () => {
    // Every route is called with a bad key: the per-address limit on failures (tested in
    // auth-failures.e2e-spec.ts) would answer 429 before the matrix is through.
    const config = join(tempDir('rt-auth-'), 'no-failure-limit.yaml');
    writeFileSync(config, 'server:\n  authFailuresPerMinute: 0\n');
    service = await ServiceProcess.start({ database, env: { REMEDIATION_CONFIG: config } });
    operations = await documentedOperations(service.http);
    for (const role of ROLES) {
      const issued = await service.http.post('/api/v1/keys', { name: `auth matrix ${role}`, role });
      expect(issued.status).toBe(201);
      keys[role] = { id: issued.body.id, key: issued.body.key };
    }
  });
  afterAll(async () => service?.destroy());

  it('finds the API operations in the OpenAPI document', () => {
    const api = operations.filter((op) => op.template.startsWith('/api/'));
    // The keys routes exist from the start; if these are missing, the document was not read.
    expect(api.map((op) => `${op.method} ${op.template}`)).toEqual(
      expect.arrayContaining(['POST /api/v1/keys', 'GET /api/v1/keys', 'DELETE /api/v1/keys/{id}']),
    );
  });

  it('answers 401 with the error shape to every operation called without a key', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      const res = await call(service.http, op, null);
      if (res.status !== 401) wrong.push(summarize(op, res));
      else expectErrorShape(res, 401);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 to every operation called with a key nobody issued', async () => {
    const unknown = `rt_${randomBytes(32).toString('base64url')}`;
    const wrong: string[] = [];
    for (const op of operations) {
      const res = await call(service.http, op, unknown);
      if (res.status !== 401) wrong.push(summarize(op, res));
    }
    expect(wrong).toEqual([]);
  });

  it.each(ROLES)('lets %s keys through exactly where x-roles allows them, and answers 403 elsewhere', async (role) => {
    const wrong: string[] = [];
    let allowed = 0;
    for (const op of operations) {
      const res = await call(service.http, op, keys[role].key);
      if (mayCall(role, op.roles)) {
        allowed += 1;
        // Past the guard, anything but an auth refusal is fine: 400 for the empty body, 404 for random ids.
        if (res.status === 401 || res.status === 403) wrong.push(`expected to pass: ${summarize(op, res)}`);
      } else if (res.status !== 403) {
        wrong.push(`expected 403: ${summarize(op, res)}`);
      } else {
        expectErrorShape(res, 403);
      }
    }
    expect(wrong).toEqual([]);
    if (role === 'admin') expect(allowed).toBe(operations.length);
  });

  it('refuses a revoked key at once', async () => {
    const issued = await service.http.post('/api/v1/keys', { name: 'to be revoked', role: 'viewer' });
    const asRevoked = service.http.withKey(issued.body.key);
    expect((await asRevoked.get('/api/v1/datasources')).status).toBe(200);
    expect((await service.http.delete(`/api/v1/keys/${issued.body.id}`)).status).toBe(204);
    const after = await asRevoked.get('/api/v1/datasources');
    expect(after.status).toBe(401);
    expectErrorShape(after, 401);
    // Revoking it again: it is no longer an active key.
    expect((await service.http.delete(`/api/v1/keys/${issued.body.id}`)).status).toBe(404);
  });

  it('refuses to revoke the last active admin key with 409, and the key keeps working', async () => {
    const listed = await service.http.get('/api/v1/keys');
    const activeAdmins = (
      listed.body.items as Array<{ id: string; role: string; source: string; revokedAt: string | null }>
    ).filter((k) => k.role === 'admin' && k.revokedAt === null);
    const environmentKey = activeAdmins.find((k) => k.source === 'environment');
    expect(environmentKey).toBeDefined();
    const others = activeAdmins.filter((k) => k.id !== environmentKey!.id);
    expect(others.length).toBeGreaterThan(0); // the matrix's admin key, at least
    for (const other of others) expect((await service.http.delete(`/api/v1/keys/${other.id}`)).status).toBe(204);

    const last = await service.http.delete(`/api/v1/keys/${environmentKey!.id}`);
    expect(last.status).toBe(409);
    expectErrorShape(last, 409);
    expect((await service.http.get('/api/v1/keys')).status).toBe(200);
    // A revoked admin key is refused like any other.
    expect((await service.http.withKey(keys.admin.key).get('/api/v1/keys')).status).toBe(401);
  });
});
