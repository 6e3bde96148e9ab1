import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectStatus, HttpResult, ServiceProcess, tempDir } from '@app/testing';
import {
  createResources,
  documentedOperations,
  DocumentedOperation,
  errorShapeProblem,
  ExistingResources,
  fetchOpenApiDocument,
  fillPath,
  resourceFor,
  withRealIds,
} from '@app/testing/openapi';

/**
 * Every documented route × every role, plus no key, an unknown key and a revoked key (docs/api.md,
 * "Authentication and roles"): what the OpenAPI document claims in `x-roles` is what the server does.
 * The roles are stated here rather than imported, so a change to the guard's rule shows up as a failure.
 */
const ROLES = ['viewer', 'editor', 'admin', 'ingest', 'scorer'] as const;
type Role = (typeof ROLES)[number];

/** admin passes everywhere, editor wherever viewer does; ingest and scorer only where named. */
function mayCall(role: Role, accepted: readonly string[]): boolean {
  return role === 'admin' || accepted.includes(role) || (role === 'editor' && accepted.includes('viewer'));
}

/** The documented operations open without a key; any other operation must declare `x-roles`. */
const PUBLIC_OPERATIONS = [
  'GET /health/live',
  'GET /health/ready',
  'GET /public/postmortems.atom',
  'GET /public/postmortems/{slug}',
];
/**
 * Routes left out of the document on purpose: Prometheus scrapes /metrics (open), the sign-in
 * routes are a browser's, not a script's (docs/api.md, "Sign-in"; test/sign-in.e2e-spec.ts), and
 * trackers call their webhook, signed instead of keyed (test/tracker-webhooks.e2e-spec.ts).
 */
const UNDOCUMENTED_ROUTES = [
  'GET /metrics',
  'POST /api/v1/trackers/{name}/webhook',
  'GET /auth/config',
  'GET /auth/login',
  'GET /auth/callback',
  'GET /auth/session',
  'POST /auth/logout',
];

/** The datasource `/api/v1/datasources/{name}/…` routes are called with. */
const OTLP_DATASOURCE = 'otel';

const name = (op: DocumentedOperation): string => `${op.method} ${op.template}`;

/** Every route the controllers declare, read from their source: `GET /api/v1/actions/{id}`. */
function declaredRoutes(): string[] {
  const routes: string[] = [];
  const root = join(process.cwd(), 'apps/api/src');
  for (const folder of readdirSync(root, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const file of readdirSync(join(root, folder.name)).filter((f) => f.endsWith('.controller.ts'))) {
      const source = readFileSync(join(root, folder.name, file), 'utf8');
      const base = /@Controller\(\s*'([^']*)'\s*\)/.exec(source)?.[1] ?? '';
      for (const match of source.matchAll(/@(Get|Post|Put|Patch|Delete)\(\s*(?:'([^']*)')?\s*\)/g)) {
        const path = ['', base, match[2] ?? ''].join('/').replace(/\/+/g, '/').replace(/\/$/, '');
        routes.push(`${match[1].toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`);
      }
    }
  }
  return routes;
}

describe('every route × every role [postgres]', () => {
  let service: ServiceProcess;
  let operations: DocumentedOperation[];
  let ids: ExistingResources;
  const keys = {} as Record<Role, string>;
  let revoked: string;

  beforeAll(async () => {
    const dir = tempDir('rt-roles-');
    const config = join(dir, 'roles.yaml');
    // 7 callers × every route would run into the per-key rate limit, and the keyless callers into the
    // per-address limit on failed authentications; each limit has its own test.
    writeFileSync(
      config,
      'server:\n  rateLimitPerMinute: 0\n  authFailuresPerMinute: 0\nnotifications:\n  enabled: false\n',
    );
    service = await ServiceProcess.start({
      database: 'postgres',
      env: {
        REMEDIATION_CONFIG: config,
        REMEDIATION_DATASOURCES: JSON.stringify([
          { name: 'prometheus', type: 'prometheus', url: 'http://127.0.0.1:9' },
          // One whose metric names answer without a backend (the unreachable one's would be a 502).
          { name: OTLP_DATASOURCE, type: 'otlp' },
        ]),
      },
    });
    operations = documentedOperations(await fetchOpenApiDocument(service.http));
    ids = { ...(await createResources(service.http, 'prometheus')), datasource: OTLP_DATASOURCE };
    for (const role of ROLES) keys[role] = await service.issueKey(`role matrix ${role}`, role);
    const toRevoke = await service.http.post('/api/v1/keys', { name: 'role matrix revoked', role: 'admin' });
    expectStatus(toRevoke, 201);
    expectStatus(await service.http.delete(`/api/v1/keys/${toRevoke.body.id}`), 204);
    revoked = toRevoke.body.key;
  }, 120_000);
  afterAll(async () => service?.destroy());

  /**
   * Calls an operation as a client would, with the first example body (ids of real resources in it)
   * and real resources in the path. A DELETE gets resources of its own, so the next call still finds
   * the shared ones.
   */
  async function call(op: DocumentedOperation, key: string | null): Promise<HttpResult> {
    const own = op.method === 'DELETE' ? await createResources(service.http, 'prometheus') : ids;
    const path = fillPath(
      op.template,
      (param) => resourceFor(op.template, param, own) ?? '5c2a9d0e-3f6b-4a8e-b1d7-9e4f2c6a8b13',
    );
    if (op.json)
      return service.http.request(op.method, path, { key, body: withRealIds(op.json.examples[0] ?? {}, ids) });
    // The OTLP receiver: an empty JSON export, which it accepts.
    if (op.otherBody) return service.http.request(op.method, path, { key, body: { resourceMetrics: [] } });
    return service.http.request(op.method, path, { key });
  }

  const summarize = (op: DocumentedOperation, res: HttpResult): string =>
    `${name(op)} → ${res.status} ${res.text.slice(0, 160)}`;

  function refusal(op: DocumentedOperation, res: HttpResult, status: number): string | null {
    if (res.status !== status) return `expected ${status}: ${summarize(op, res)}`;
    const shape = errorShapeProblem(res);
    return shape ? `${name(op)}: ${shape}` : null;
  }

  it('finds every route the controllers declare in the document (or knows why not)', () => {
    const documented = operations.map(name);
    const declared = declaredRoutes();
    expect(declared.length).toBeGreaterThanOrEqual(30);
    expect(declared.filter((route) => !documented.includes(route) && !UNDOCUMENTED_ROUTES.includes(route))).toEqual([]);
    expect(documented.filter((route) => !declared.includes(route))).toEqual([]);
  });

  it('has x-roles on every operation but the public ones, naming known roles and admin', () => {
    const withoutRoles = operations.filter((op) => op.roles === null).map(name);
    expect(withoutRoles.sort()).toEqual([...PUBLIC_OPERATIONS].sort());
    const odd = operations
      .filter((op) => op.roles !== null)
      .filter(
        (op) =>
          op.roles!.length === 0 || !op.roles!.includes('admin') || op.roles!.some((r) => !ROLES.includes(r as Role)),
      )
      .map((op) => `${name(op)}: ${JSON.stringify(op.roles)}`);
    expect(odd).toEqual([]);
  });

  it('answers the public operations without a key', async () => {
    for (const op of operations.filter((o) => o.roles === null)) {
      const res = await call(op, null);
      expect([name(op), res.status]).toEqual([name(op), 200]);
    }
  });

  for (const [caller, keyOf] of [
    ['no key', () => null],
    ['an unknown key', () => `rt_${randomBytes(32).toString('base64url')}`],
    ['a revoked admin key', () => revoked],
    ['a malformed Authorization header', () => 'not a key at all'],
  ] as const) {
    it(`answers 401 in the error shape to every protected operation called with ${caller}`, async () => {
      const wrong: string[] = [];
      for (const op of operations.filter((o) => o.roles !== null)) {
        const problem = refusal(op, await call(op, keyOf()), 401);
        if (problem) wrong.push(problem);
      }
      expect(wrong).toEqual([]);
    });
  }

  it.each(ROLES)(
    'lets %s keys through exactly where x-roles allows them, and answers 403 elsewhere',
    async (role) => {
      const wrong: string[] = [];
      const counts = { allowed: 0, refused: 0 };
      for (const op of operations.filter((o) => o.roles !== null)) {
        const res = await call(op, keys[role]);
        if (mayCall(role, op.roles!)) {
          counts.allowed += 1;
          // Past the guard, the example is answered: never an auth refusal, never a 5xx.
          if (res.status === 401 || res.status === 403 || res.status >= 500)
            wrong.push(`expected to pass: ${summarize(op, res)}`);
        } else {
          counts.refused += 1;
          const problem = refusal(op, res, 403);
          if (problem) wrong.push(problem);
        }
      }
      expect(wrong).toEqual([]);
      const protectedCount = operations.filter((o) => o.roles !== null).length;
      expect(counts.allowed + counts.refused).toBe(protectedCount);
      // Not vacuous: admin passes everywhere, every other role is refused somewhere (the keys routes).
      if (role === 'admin') expect(counts.refused).toBe(0);
      else expect(counts.refused).toBeGreaterThan(0);
    },
    120_000,
  );
});
