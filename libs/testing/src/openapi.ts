import { randomBytes } from 'node:crypto';
import { expectStatus, HttpClient, HttpResult } from './http-client';

/** The parts of the OpenAPI document (served at /docs-json) the table-driven tests read. */
export interface OpenApiSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  items?: OpenApiSchema;
  required?: string[];
  properties?: Record<string, OpenApiSchema>;
}

interface OpenApiParameter {
  name: string;
  in: string;
  schema?: OpenApiSchema;
}

interface OpenApiOperation {
  'x-roles'?: string[];
  parameters?: OpenApiParameter[];
  requestBody?: {
    content: Record<string, { schema?: OpenApiSchema; examples?: Record<string, { value: Record<string, unknown> }> }>;
  };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

/** One documented operation, flattened. */
export interface DocumentedOperation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As documented, e.g. /api/v1/actions/{id}/metrics/{metricId}. */
  template: string;
  /** `x-roles`, or null when the operation declares none. */
  roles: string[] | null;
  pathParams: string[];
  query: Array<{ name: string; schema: OpenApiSchema }>;
  /** Whether it takes a JSON body, its schema (resolved) and its examples. */
  json: { schema: OpenApiSchema; examples: Record<string, unknown>[] } | null;
  /** Whether it takes a body of another kind (the OTLP receiver's protobuf). */
  otherBody: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export async function fetchOpenApiDocument(http: HttpClient): Promise<OpenApiDocument> {
  const res = await http.get('/docs-json', { key: null });
  expectStatus(res, 200);
  return res.body as OpenApiDocument;
}

export function resolveSchema(doc: OpenApiDocument, schema: OpenApiSchema): OpenApiSchema {
  if (!schema.$ref) return schema;
  return doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {};
}

/** Every operation in the document, in document order. */
export function documentedOperations(doc: OpenApiDocument): DocumentedOperation[] {
  const operations: DocumentedOperation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const json = content['application/json'];
      operations.push({
        method: method.toUpperCase() as DocumentedOperation['method'],
        template,
        roles: op['x-roles'] ?? null,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        json: json
          ? {
              schema: resolveSchema(doc, json.schema ?? {}),
              examples: Object.values(json.examples ?? {}).map((e) => e.value),
            }
          : null,
        otherBody: Object.keys(content).some((type) => type !== 'application/json'),
      });
    }
  }
  return operations;
}

/** Real resources, so that a route with path parameters gets past its 404. */
export interface ExistingResources {
  postmortem: string;
  action: string;
  metric: string;
  key: string;
  /** The post-mortem's public address's last segment: it is published. */
  slug: string;
  /** A configured datasource the caller may list the metric names of; without one, `{name}` stays unknown. */
  datasource?: string;
}

/**
 * Creates a post-mortem (published), an action of it and a PromQL metric on it, plus a viewer key, with `http`
 * (an admin client). The metric names the datasource `datasource`, which must be configured.
 */
export async function createResources(http: HttpClient, datasource: string): Promise<ExistingResources> {
  const pm = await http.post('/api/v1/postmortems', {
    kind: 'incident',
    title: 'Checkout latency spike',
    severity: 'SEV2',
    occurredAt: '2026-11-02T14:05:00Z',
    services: ['checkout'],
  });
  expectStatus(pm, 201);
  const action = await http.post('/api/v1/actions', {
    postmortemId: pm.body.id,
    title: 'Size the checkout connection pool',
    ownerTeam: 'payments',
    priority: 'P1',
    services: ['checkout'],
  });
  expectStatus(action, 201);
  const metric = await http.post(`/api/v1/actions/${action.body.id}/metrics`, {
    name: 'checkout p99 latency',
    datasource,
    query: 'up',
    direction: 'decrease',
    target: { relativePercent: 30 },
  });
  expectStatus(metric, 201);
  const key = await http.post('/api/v1/keys', {
    name: `a key to address ${randomBytes(4).toString('hex')}`,
    role: 'viewer',
  });
  expectStatus(key, 201);
  const publication = await http.post(`/api/v1/postmortems/${pm.body.id}/publication`, {
    summary: 'Checkout was slow for two hours; the connection pool is being resized.',
  });
  expectStatus(publication, 201);
  return {
    postmortem: pm.body.id,
    action: action.body.id,
    metric: metric.body.id,
    key: key.body.id,
    slug: publication.body.slug,
  };
}

/** The id a path parameter names, by the resource before it (`/actions/{id}` is an action). */
export function resourceFor(template: string, param: string, ids: ExistingResources): string | null {
  if (param === 'metricId') return ids.metric;
  if (param === 'slug') return ids.slug;
  const before = template.split(`/{${param}}`)[0].split('/').pop();
  if (before === 'postmortems') return ids.postmortem;
  if (before === 'actions') return ids.action;
  if (before === 'keys') return ids.key;
  if (before === 'datasources') return ids.datasource ?? null;
  return null;
}

/** The template with every path parameter filled by `fill` (already URL-safe). */
export function fillPath(template: string, fill: (param: string) => string): string {
  return template.replace(/\{([^}]+)\}/g, (_, param: string) => fill(param));
}

/** An example body with the ids of real resources where it names some (as a reader would send it). */
export function withRealIds(example: Record<string, unknown>, ids: ExistingResources): Record<string, unknown> {
  const body = { ...example };
  if ('postmortemId' in body) body.postmortemId = ids.postmortem;
  if ('actionIds' in body) body.actionIds = [ids.action];
  return body;
}

/** `{statusCode, error, message}` with statusCode equal to the HTTP status, and nothing else; else a description. */
export function errorShapeProblem(res: HttpResult): string | null {
  const body = res.body as Record<string, unknown> | string;
  if (typeof body !== 'object' || body === null) return `not a JSON error body: ${res.text.slice(0, 200)}`;
  const keys = Object.keys(body).sort().join(',');
  if (keys !== 'error,message,statusCode') return `error body has keys ${keys}`;
  if (body.statusCode !== res.status) return `statusCode ${String(body.statusCode)} on a ${res.status}`;
  if (typeof body.error !== 'string' || typeof body.message !== 'string') return 'error or message is not text';
  return null;
}
