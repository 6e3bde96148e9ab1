import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachDatabase, expectStatus, GitHubServer, ServiceProcess } from '@app/testing';
import type { DatabaseChoice } from '@app/testing';
import { generateSamples, PrometheusFixture, relativeGrid } from '@app/testing/prometheus';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface Schema {
  $ref?: string;
  required?: string[];
  properties?: Record<string, unknown>;
}

interface Operation {
  parameters?: Array<{ name: string; in: string }>;
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  requestBody?: {
    content: Record<
      string,
      { schema?: Schema; examples?: Record<string, { summary?: string; value: Record<string, unknown> }> }
    >;
  };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

interface BodyOperation {
  method: string;
  path: string;
  schema: Schema;
  examples: Array<[string, Record<string, unknown>]>;
}

/** The order a reader would send them in: what a later request names comes first. */
const ORDER = ['postmortems', 'actions', 'metrics', 'preview', 'backfill', 'run', 'digest', 'keys'];

/** By the resource a path ends with (`/actions/{id}/metrics/{metricId}` is about metrics), creations first. */
function rank(op: BodyOperation): number {
  const resource =
    op.path
      .split('/')
      .filter((part) => part && !part.startsWith('{'))
      .pop() ?? '';
  const index = ORDER.indexOf(resource);
  return (index < 0 ? ORDER.length : index) * 2 + (op.method === 'post' ? 0 : 1);
}

/**
 * The OpenAPI document as a reader uses it: every request body has examples, each one fits its
 * schema, and each one, sent as it is (with the ids of what the earlier examples created), is
 * accepted.
 */
describeEachDatabase('request examples in the OpenAPI document', (database: DatabaseChoice) => {
  let prometheus: PrometheusFixture;
  let service: ServiceProcess;
  let github: GitHubServer;
  let doc: OpenApiDocument;
  let operations: BodyOperation[];

  beforeAll(async () => {
    const now = Date.now();
    prometheus = await PrometheusFixture.start({
      now,
      series: [
        {
          name: 'http_request_duration_seconds_bucket',
          labels: { service: 'checkout', le: '+Inf' },
          samples: generateSamples(
            relativeGrid(now, { fromAgoMs: 60 * DAY, stepMs: 5 * MINUTE }),
            (at) => (at - now + 60 * DAY) / 1000,
          ),
        },
      ],
    });
    const datasources = [
      { name: 'prometheus', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 },
      { name: 'otlp', type: 'otlp' },
    ];
    // A tracker for the import example to search (an empty one: the example is a dry run).
    github = await GitHubServer.start();
    const trackers = [
      {
        name: 'github',
        type: 'github',
        url: github.url,
        token: github.token,
        webhookSecret: 'a-webhook-secret-of-some-length',
        defaultTeam: 'sre',
      },
    ];
    service = await ServiceProcess.start({
      database,
      env: { REMEDIATION_DATASOURCES: JSON.stringify(datasources), REMEDIATION_TRACKERS: JSON.stringify(trackers) },
    });
    const res = await service.http.get('/docs-json', { key: null });
    expectStatus(res, 200);
    doc = res.body as OpenApiDocument;
    operations = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const json = op.requestBody?.content['application/json'];
        if (!json) continue;
        operations.push({
          method,
          path,
          schema: resolve(json.schema ?? {}),
          examples: Object.entries(json.examples ?? {}).map(([name, e]) => [name, e.value]),
        });
      }
    }
    operations.sort((a, b) => rank(a) - rank(b));
  });
  afterAll(async () => {
    await service?.destroy();
    await prometheus?.stop();
    await github?.stop();
  });

  function resolve(schema: Schema): Schema {
    if (!schema.$ref) return schema;
    return doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
  }

  it('has an example for every request body', () => {
    expect(operations.length).toBeGreaterThanOrEqual(11);
    const missing = operations.filter((op) => op.examples.length === 0).map((op) => `${op.method} ${op.path}`);
    expect(missing).toEqual([]);
  });

  it.each(['/api/v1/flags', '/api/v1/actions/{id}/metrics'])(
    'describes GET %s as a page walked with cursor and limit',
    (path) => {
      const get = doc.paths[path].get;
      const page = resolve(get.responses?.['200']?.content?.['application/json']?.schema ?? {});
      expect(Object.keys(page.properties ?? {}).sort()).toEqual(['items', 'nextCursor']);
      expect(page.required?.sort()).toEqual(['items', 'nextCursor']);
      const query = (get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      expect(query).toEqual(expect.arrayContaining(['cursor', 'limit']));
    },
  );

  it('has examples that carry every required field and no field the schema does not know', () => {
    const problems: string[] = [];
    for (const op of operations) {
      const known = Object.keys(op.schema.properties ?? {});
      for (const [name, value] of op.examples) {
        for (const field of op.schema.required ?? [])
          if (!(field in value)) problems.push(`${op.method} ${op.path} ${name}: no ${field}`);
        for (const field of Object.keys(value))
          if (!known.includes(field)) problems.push(`${op.method} ${op.path} ${name}: unknown ${field}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('accepts every example as it is sent', async () => {
    const ids: Record<string, string> = {};
    const answers: string[] = [];
    for (const op of operations) {
      for (const [name, example] of op.examples) {
        // What a reader fills in: the ids the examples before returned.
        const body = { ...example };
        if ('postmortemId' in body) body.postmortemId = ids.postmortem;
        if ('actionIds' in body) body.actionIds = [ids.action];
        const path = op.path
          .replace(/\/postmortems\/\{id\}/, `/postmortems/${ids.postmortem}`)
          .replace(/\/actions\/\{id\}/, `/actions/${ids.action}`)
          .replace('{metricId}', ids.metric)
          .replace('/trackers/{name}', '/trackers/github');
        // A post-mortem is published once: the next example publishes it again after a withdrawal.
        if (op.method === 'post' && op.path.endsWith('/publication')) await service.http.delete(path);
        const res = await service.http.request(op.method.toUpperCase(), path, { body });
        answers.push(
          `${op.method} ${op.path} ${name}: ${res.status}${res.status >= 300 ? ` ${JSON.stringify(res.body)}` : ''}`,
        );
        if (op.method !== 'post') continue;
        if (op.path === '/api/v1/postmortems') ids.postmortem = res.body.id;
        if (op.path === '/api/v1/actions') ids.action = res.body.id;
        if (op.path === '/api/v1/actions/{id}/metrics' && name === 'query') ids.metric = res.body.id;
      }
    }
    expect(answers.filter((a) => !/: 2\d\d$/.test(a))).toEqual([]);
    expect(github.violations).toEqual([]);
    expect(answers.length).toBeGreaterThanOrEqual(13);
  });
});
