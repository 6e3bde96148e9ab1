import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { expectStatus, HttpClient, HttpResult, ServiceProcess, tempDir } from '@app/testing';
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
import {
  jsonText,
  JsonTree,
  nastyKey,
  nastyValue,
  nested,
  nestingDepth,
  boundaryValues,
  OpenApiSchemaLike,
  queryValue,
  RAW_QUERY_PIECES,
  treeOf,
} from '@app/testing/hostile-values';

/**
 * Property-based fuzzing of every documented write body, query string and path parameter (docs/api.md,
 * "Validation" and "Errors"): whatever arrives, the answer is a 2xx or a 4xx in the error shape, never a
 * 5xx, and a refused request leaves the database as it was.
 *
 * Runs against PostgreSQL only, whose rows the test can read from outside the service to compare them;
 * the embedded database lives inside the service process. FUZZ_SEED=<n> replays a run; FUZZ_RUNS=<n>
 * changes the number of cases per route.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
/** server.bodyLimit below, in bytes (body-parser reads "1mb" as 1,048,576). */
const BODY_LIMIT = 1024 * 1024;

/**
 * The OTLP receiver (POST /v1/metrics) takes protobuf or JSON exports under its own size limit and has
 * its own hostile-input tests (test/otlp-receiver.e2e-spec.ts); it is not a DTO route.
 */
/** Percent-encodes every byte of the UTF-8 text but letters and digits (a lone surrogate becomes U+FFFD's bytes). */
const encode = (text: string): string =>
  [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

const isOtlp = (op: DocumentedOperation): boolean => op.otherBody || op.template === '/v1/metrics';

interface Sent {
  method: string;
  path: string;
  /** What was sent, shortened for a failure message. */
  shown: string;
  body?: string;
  contentType?: string;
}

describe('fuzzing every documented input [postgres]', () => {
  let service: ServiceProcess;
  let db: pg.Client;
  let operations: DocumentedOperation[];
  let ids: ExistingResources;
  let admin: HttpClient;
  const figures = {
    requests: 0,
    refused: 0,
    accepted: 0,
    byStatus: {} as Record<number, number>,
    /** Seconds spent on each route's property, to keep the run counts within the suite's budget. */
    seconds: {} as Record<string, number>,
  };

  beforeAll(async () => {
    const dir = tempDir('rt-fuzz-');
    const config = join(dir, 'fuzz.yaml');
    // No rate limit (thousands of requests a minute), and no background work that would change rows
    // between the two fingerprints of a request: the notification worker is off, the scheduler too.
    writeFileSync(config, 'server:\n  bodyLimit: 1mb\n  rateLimitPerMinute: 0\nnotifications:\n  enabled: false\n');
    service = await ServiceProcess.start({
      database: 'postgres',
      env: {
        REMEDIATION_CONFIG: config,
        REMEDIATION_DATASOURCES: JSON.stringify([
          { name: 'prometheus', type: 'prometheus', url: 'http://127.0.0.1:9' },
        ]),
      },
    });
    admin = service.http;
    db = new pg.Client({ connectionString: service.database!.url });
    await db.connect();
    operations = documentedOperations(await fetchOpenApiDocument(admin)).filter((op) => !isOtlp(op));
    ids = await createResources(admin, 'prometheus');
  }, 120_000);

  afterAll(async () => {
    // The figures a reader of the run wants: how many requests, and how they were answered.
    process.stdout.write(`fuzz: seed ${SEED}, ${RUNS} runs a route: ${JSON.stringify(figures)}\n`);
    await db?.end();
    await service?.destroy();
  });

  /**
   * Every row of every table, hashed: a refused request must not change a single one. `last_used_at`
   * of API keys is left out: using a key is not a write the request asked for.
   */
  let tables: pg.QueryResult<{ name: string }> | undefined;
  async function fingerprint(): Promise<Map<string, string>> {
    tables ??= await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const parts = tables.rows.map(
      ({ name }) =>
        `SELECT '${name}' AS name, count(*) || ':' || md5(coalesce(string_agg(r, '|' ORDER BY r), '')) AS print
           FROM (SELECT (to_jsonb(t) - 'last_used_at')::text AS r FROM "${name}" t) rows`,
    );
    const res = await db.query<{ name: string; print: string }>(parts.join(' UNION ALL '));
    return new Map(res.rows.map((row) => [row.name, row.print]));
  }

  function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
    return [...after.keys()].filter((name) => before.get(name) !== after.get(name));
  }

  async function send(sent: Sent): Promise<HttpResult> {
    const headers: Record<string, string> = {};
    if (sent.contentType) headers['content-type'] = sent.contentType;
    return admin.request(sent.method, sent.path, { rawBody: sent.body, headers });
  }

  /**
   * The property for one request: 2xx, or a 4xx in the error shape with nothing written. Throws a
   * description of what was sent and answered otherwise.
   */
  async function check(sent: Sent): Promise<void> {
    const before = await fingerprint();
    const res = await send(sent);
    figures.requests += 1;
    figures.byStatus[res.status] = (figures.byStatus[res.status] ?? 0) + 1;
    const problem = await judge(res, before);
    if (problem)
      throw new Error(
        `${problem}\n  sent: ${sent.method} ${sent.shown}\n  answer: ${res.status} ${res.text.slice(0, 300)}`,
      );
  }

  async function judge(res: HttpResult, before: Map<string, string>): Promise<string | null> {
    if (res.status >= 200 && res.status < 300) {
      figures.accepted += 1;
      return null;
    }
    if (res.status < 400 || res.status >= 500) return `answered ${res.status}`;
    figures.refused += 1;
    const shape = errorShapeProblem(res);
    if (shape) return `a ${res.status} not in the error shape: ${shape}`;
    const changed = changedTables(before, await fingerprint());
    return changed.length > 0 ? `a refused request changed ${changed.join(', ')}` : null;
  }

  /** Runs one property per operation; the failures, each with its seed, or [] (never stops at the first). */
  async function fuzzEach<T>(
    ops: DocumentedOperation[],
    cases: (op: DocumentedOperation) => fc.Arbitrary<T>,
    request: (op: DocumentedOperation, value: T) => Sent,
    runs = RUNS,
  ): Promise<string[]> {
    const failures: string[] = [];
    for (const [index, op] of ops.entries()) {
      // A seed per route, so a failure replays alone with FUZZ_SEED and the same route.
      const seed = SEED + index;
      const started = Date.now();
      try {
        await fc.assert(
          fc.asyncProperty(cases(op), (value) => check(request(op, value))),
          { seed, numRuns: runs, endOnFailure: true },
        );
      } catch (error) {
        // fast-check keeps what the property threw as the cause; that says what was sent and answered.
        const cause = (error as Error).cause as Error | undefined;
        failures.push(
          `${op.method} ${op.template} (FUZZ_SEED=${SEED}, route seed ${seed}):\n${(error as Error).message}\n${cause?.message ?? ''}`,
        );
      }
      const label = `${op.method} ${op.template}`;
      figures.seconds[label] = (figures.seconds[label] ?? 0) + Math.round((Date.now() - started) / 100) / 10;
    }
    return failures;
  }

  it('sees a write in its fingerprint (so "nothing written" can fail)', async () => {
    const before = await fingerprint();
    expectStatus(await admin.patch(`/api/v1/actions/${ids.action}`, { assignee: 'fingerprint check' }), 200);
    expect(changedTables(before, await fingerprint())).toEqual(expect.arrayContaining(['actions', 'action_events']));
  });

  // What the fuzzing found, kept as plain cases so they fail without a lucky seed.
  describe('cases found by fuzzing', () => {
    const preview = {
      name: 'checkout p99 latency',
      datasource: 'prometheus',
      query: 'up',
      direction: 'decrease',
      target: { relativePercent: 30 },
    };

    // A null id is "none", as an absent one: the preview answers as without it (it used to be a 500).
    it.each(['actionId', 'postmortemId'])('previews with %s: null as without it', async (field) => {
      const before = await fingerprint();
      const res = await admin.post('/api/v1/metrics/preview', { ...preview, [field]: null });
      expectStatus(res, 200);
      const without = await admin.post('/api/v1/metrics/preview', preview);
      expect(res.body.baseline).toEqual(without.body.baseline);
      expect(changedTables(before, await fingerprint())).toEqual([]);
    });
  });

  const realPath = (op: DocumentedOperation): string =>
    fillPath(op.template, (param) => resourceFor(op.template, param, ids) ?? '5c2a9d0e-3f6b-4a8e-b1d7-9e4f2c6a8b13');

  // ---- bodies -------------------------------------------------------------------------------------

  type BodyCase =
    | { kind: 'tree'; tree: JsonTree }
    | { kind: 'text'; text: string; contentType: string }
    | { kind: 'huge'; field: string; length: number };

  /** The example's fields, and the places in it a value could be swapped (`target.relativePercent`). */
  function placesIn(tree: JsonTree, prefix: string[] = []): string[][] {
    if (tree === null || typeof tree !== 'object' || 'raw' in tree) return [];
    const children: Array<[string, JsonTree]> =
      'array' in tree ? tree.array.map((v, i) => [String(i), v]) : tree.object;
    return children.flatMap(([k, v]) => [[...prefix, k], ...placesIn(v, [...prefix, k])]);
  }

  function replaceAt(tree: JsonTree, place: string[], value: JsonTree): JsonTree {
    if (place.length === 0) return value;
    if (tree === null || typeof tree !== 'object' || 'raw' in tree) return tree;
    const [head, ...rest] = place;
    if ('array' in tree)
      return { array: tree.array.map((v, i) => (String(i) === head ? replaceAt(v, rest, value) : v)) };
    return { object: tree.object.map(([k, v]) => [k, k === head ? replaceAt(v, rest, value) : v]) };
  }

  function addAt(tree: JsonTree, key: string, value: JsonTree): JsonTree {
    if (tree !== null && typeof tree === 'object' && 'object' in tree)
      return { object: [...tree.object, [key, value]] };
    return tree;
  }

  /** The object with `key` set to `value` (replaced where it is, else added). */
  function setField(tree: JsonTree, key: string, value: JsonTree): JsonTree {
    if (tree === null || typeof tree !== 'object' || !('object' in tree)) return tree;
    const has = tree.object.some(([k]) => k === key);
    return has ? replaceAt(tree, [key], value) : addAt(tree, key, value);
  }

  function bodyCases(op: DocumentedOperation): fc.Arbitrary<BodyCase> {
    const examples = (op.json!.examples.length > 0 ? op.json!.examples : [{}]).map((e) => treeOf(withRealIds(e, ids)));
    const fields = Object.keys(op.json!.schema.properties ?? {});
    const example = fc.constantFrom(...examples);
    const fieldKey = fields.length > 0 ? fc.oneof(fc.constantFrom(...fields), nastyKey) : nastyKey;
    const swapped = example.chain((base) => {
      const places = placesIn(base);
      const place = places.length > 0 ? fc.constantFrom(...places) : fc.constant<string[]>([]);
      return fc
        .array(fc.tuple(place, nastyValue(fieldKey)), { minLength: 1, maxLength: 3 })
        .map((swaps) => swaps.reduce((tree, [at, value]) => replaceAt(tree, at, value), base));
    });
    const extra = fc.tuple(example, fieldKey, nastyValue()).map(([base, key, value]) => addAt(base, key, value));
    const deep = fc
      .tuple(
        example,
        fc.constantFrom(...(fields.length > 0 ? fields : ['x'])),
        nestingDepth,
        fc.constantFrom('object', 'array'),
      )
      .map(([base, field, depth, kind]) => addAt(base, field, nested(depth, kind as 'object' | 'array')));
    // One field at an edge of its schema, the rest of a valid example: gets past validation more often.
    const properties = Object.entries(op.json!.schema.properties ?? {});
    const boundary = fc
      .tuple(example, fc.constantFrom(...(properties.length > 0 ? properties : ([['x', {}]] as const))))
      .chain(([base, [field, schema]]) =>
        fc
          .constantFrom(...boundaryValues(field, schema as OpenApiSchemaLike))
          .map((value) => setField(base, field, value)),
      );
    return fc.oneof(
      { weight: 6, arbitrary: boundary.map((tree) => ({ kind: 'tree' as const, tree })) },
      { weight: 5, arbitrary: swapped.map((tree) => ({ kind: 'tree' as const, tree })) },
      { weight: 2, arbitrary: extra.map((tree) => ({ kind: 'tree' as const, tree })) },
      { weight: 2, arbitrary: nastyValue(fieldKey).map((tree) => ({ kind: 'tree' as const, tree })) },
      { weight: 1, arbitrary: deep.map((tree) => ({ kind: 'tree' as const, tree })) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            fc.constantFrom(...(fields.length > 0 ? fields : ['x'])),
            fc.constantFrom(-300, -1, 1, 1000, BODY_LIMIT),
          )
          .map(([field, overLimit]) => ({ kind: 'huge' as const, field, length: BODY_LIMIT + overLimit })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            fc.constantFrom(
              '',
              '{',
              'null',
              '[]',
              '"text"',
              '1',
              'true',
              '{"a":1,"a":2}',
              '\ufeff{}',
              '{"x":"\\ud800"}',
              '{"x":"\\u0000"}',
              '{,}',
              '{"x":1}garbage',
            ),
            fc.constantFrom(
              'application/json',
              'application/json; charset=utf-8',
              'text/plain',
              'application/x-www-form-urlencoded',
              'application/json; charset=latin1',
            ),
          )
          .map(([text, contentType]) => ({ kind: 'text' as const, text, contentType })),
      },
    );
  }

  function bodyRequest(op: DocumentedOperation, value: BodyCase): Sent {
    const path = realPath(op);
    if (value.kind === 'text')
      return {
        method: op.method,
        path,
        body: value.text,
        contentType: value.contentType,
        shown: `${path} ${value.contentType} ${JSON.stringify(value.text)}`,
      };
    if (value.kind === 'huge') {
      // The whole body `length` bytes long, the field's string filling it.
      const shell = `{"${value.field}":""}`;
      const body = `{"${value.field}":"${'y'.repeat(Math.max(0, value.length - shell.length))}"}`;
      return {
        method: op.method,
        path,
        body,
        contentType: 'application/json',
        shown: `${path} {${value.field}: ${body.length - shell.length} × "y"} (${body.length} bytes)`,
      };
    }
    const body = jsonText(value.tree);
    return { method: op.method, path, body, contentType: 'application/json', shown: `${path} ${body.slice(0, 600)}` };
  }

  it('answers every fuzzed write body with a 2xx or a shaped 4xx, and a refused one writes nothing', async () => {
    const writes = operations.filter((op) => op.json !== null);
    // The document was read: the write routes known today are all there (new ones join by themselves).
    expect(writes.map((op) => `${op.method} ${op.template}`)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/postmortems',
        'PATCH /api/v1/actions/{id}',
        'POST /api/v1/actions/{id}/metrics',
      ]),
    );
    const failures = await fuzzEach(writes, bodyCases, bodyRequest);
    expect(failures).toEqual([]);
  }, 600_000);

  // ---- query strings ------------------------------------------------------------------------------

  type QueryCase = Array<{ name: string; value: string; raw: string | null }>;

  function queryCases(op: DocumentedOperation): fc.Arbitrary<QueryCase> {
    const names = op.query.map((q) => q.name);
    const name = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...names) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '__proto__',
          'constructor',
          `${names[0]}[]`,
          `${names[0]}[__proto__]`,
          `${names[0]}[0]`,
          'unknown',
          '',
        ),
      },
    );
    const pair = name.chain((n) => {
      const schema = op.query.find((q) => q.name === n)?.schema;
      const enumValues = ((schema?.enum ?? schema?.items?.enum ?? []) as unknown[]).map(String);
      return fc.record({
        name: fc.constant(n),
        value: queryValue(enumValues),
        raw: fc.option(fc.constantFrom(...RAW_QUERY_PIECES), { freq: 6 }),
      });
    });
    return fc.array(pair, { minLength: 1, maxLength: 5 });
  }

  function queryRequest(op: DocumentedOperation, value: QueryCase): Sent {
    const query = value.map(({ name, value: v, raw }) => `${encode(name)}=${raw ?? encode(v)}`).join('&');
    const path = `${realPath(op)}?${query}`;
    return { method: op.method, path, shown: path.slice(0, 600) };
  }

  it('answers every fuzzed query string with a 2xx or a shaped 4xx, and writes nothing when it refuses', async () => {
    const queried = operations.filter((op) => op.query.length > 0);
    expect(queried.map((op) => `${op.method} ${op.template}`)).toEqual(
      expect.arrayContaining(['GET /api/v1/actions', 'GET /api/v1/burndown', 'GET /api/v1/reports/summary']),
    );
    const failures = await fuzzEach(queried, queryCases, queryRequest, Math.ceil(RUNS * 0.75));
    expect(failures).toEqual([]);
  }, 600_000);

  // ---- path parameters ----------------------------------------------------------------------------

  it('answers a fuzzed id in every path with a shaped 4xx, and writes nothing', async () => {
    const withParams = operations.filter((op) => op.pathParams.length > 0);
    expect(withParams.length).toBeGreaterThanOrEqual(10);
    const id = fc.oneof(
      fc.constantFrom('%00', 'null', '0', '-1', '1e309', '__proto__', 'constructor', '%F0%9F%98%80', '%E2%80%8B'),
      fc.constantFrom(
        '00000000-0000-0000-0000-000000000000',
        '{5c2a9d0e-3f6b-4a8e-b1d7-9e4f2c6a8b13}',
        '5c2a9d0e3f6b4a8eb1d79e4f2c6a8b13',
        '5c2a9d0e-3f6b-4a8e-b1d7-9e4f2c6a8b13a',
      ),
      fc.uuid(),
      fc
        .string({ unit: 'binary', minLength: 1, maxLength: 40 })
        // "." and ".." segments are resolved by the client (another route would be called, a real DELETE).
        .filter((text) => text !== '.' && text !== '..')
        .map(encode),
    );
    const failures = await fuzzEach(
      withParams,
      (op) => fc.tuple(fc.constantFrom(...op.pathParams), id),
      (op, [param, value]) => {
        // Only the chosen parameter is fuzzed (never derived from a real id: a DELETE must miss); the
        // others name real resources so the fuzzed one is what the route judges.
        const path = fillPath(op.template, (p) => (p === param ? value : (resourceFor(op.template, p, ids) ?? value)));
        const body = op.json ? JSON.stringify(withRealIds(op.json.examples[0] ?? {}, ids)) : undefined;
        return { method: op.method, path, body, contentType: body ? 'application/json' : undefined, shown: path };
      },
      Math.ceil(RUNS * 0.4),
    );
    expect(failures).toEqual([]);
    // A fuzzed id never names a real resource, so every one of them still exists.
    for (const path of [`/api/v1/postmortems/${ids.postmortem}`, `/api/v1/actions/${ids.action}/metrics/${ids.metric}`])
      expectStatus(await admin.get(path), 200);
  }, 600_000);
});
