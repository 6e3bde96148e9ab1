import { z } from 'zod';
import { SOURCE_ID_PATTERN, SOURCE_ID_RULE } from '@app/domain';

/*
 * The definitions file (docs/definitions.md): post-mortems, their corrective actions and each
 * action's success metrics, each keyed by a stable `id` the file gives. The shapes and enums are
 * checked here, before anything is sent; the API still judges every value (query, cross-field
 * rules) and a refusal then names the YAML path of the item it refused.
 */

export const API_VERSION = 'remediation/v1';
export const KIND = 'Definitions';

/** A stable id: what the API stores as `sourceId`; lowercase so a rename in a review is visible. */
const stableId = z.string().regex(SOURCE_ID_PATTERN, SOURCE_ID_RULE);
// YAML 1.2 reads timestamps as strings; the API insists on a time zone, and so does this.
const instant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
    'must be a date-time with a zone, e.g. 2026-11-02T14:05:00Z',
  );
const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h|d|w)$/, 'must be a whole number and a unit (ms, s, m, h, d, w), e.g. 14d');
const service = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lowercase letters, digits, "-", "_" or "."');

const selectorTerm = z.strictObject({
  metric: z.string().min(1),
  attributes: z.record(z.string(), z.string()).optional(),
  statistic: z.string().min(1),
});

export const metricSchema = z
  .strictObject({
    id: stableId,
    name: z.string().min(1),
    datasource: z.string().min(1),
    query: z.string().min(1).optional(),
    selector: selectorTerm.extend({ denominator: selectorTerm.optional() }).optional(),
    direction: z.enum(['decrease', 'increase']),
    target: z
      .strictObject({ absolute: z.number().optional(), relativePercent: z.number().optional() })
      .refine((t) => t.absolute !== undefined || t.relativePercent !== undefined, 'needs absolute or relativePercent'),
    aggregation: z.enum(['avg', 'min', 'max', 'p50', 'p90', 'p95', 'p99', 'last']).optional(),
    baselineWindow: duration.optional(),
    baselineEnd: instant.nullable().optional(),
    baseline: z.number().nullable().optional(),
    evaluationWindow: duration.optional(),
    sustainFor: duration.optional(),
    verifyWithin: duration.optional(),
    checkEvery: duration.optional(),
    step: duration.nullable().optional(),
    confidence: z.number().gt(0).lt(1).nullable().optional(),
    seasonality: z.enum(['none', 'daily', 'weekly']).optional(),
    timeZone: z.string().min(1).optional(),
  })
  .refine((m) => (m.query === undefined) !== (m.selector === undefined), {
    message: 'exactly one of query and selector',
    path: ['query'],
  });

export const actionSchema = z.strictObject({
  id: stableId,
  title: z.string().min(1).max(200),
  description: z.string().optional(),
  ownerTeam: z.string().min(1),
  assignee: z.string().nullable().optional(),
  priority: z.enum(['P0', 'P1', 'P2', 'P3']).optional(),
  services: z.array(service).optional(),
  externalRef: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .optional(),
  openedAt: instant.optional(),
  dueAt: instant.nullable().optional(),
  metrics: z.array(metricSchema).optional(),
});

export const postmortemSchema = z.strictObject({
  id: stableId,
  kind: z.enum(['incident', 'success', 'premortem']),
  title: z.string().min(1).max(200),
  severity: z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']).nullable().optional(),
  occurredAt: instant.nullable().optional(),
  resolvedAt: instant.nullable().optional(),
  services: z.array(service).optional(),
  summary: z.string().optional(),
  timeline: z.array(z.strictObject({ at: instant, text: z.string().min(1) })).optional(),
  contributingFactors: z
    .array(
      z.strictObject({
        kind: z.enum(['trigger', 'latent']),
        category: z.enum(['people', 'process', 'technology']),
        text: z.string().min(1),
      }),
    )
    .optional(),
  actions: z.array(actionSchema).optional(),
});

export const definitionsSchema = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal(KIND),
  postmortems: z.array(postmortemSchema).optional(),
  /** Actions that belong to no post-mortem. */
  actions: z.array(actionSchema).optional(),
});

export type MetricDefinition = z.infer<typeof metricSchema>;
export type ActionDefinition = z.infer<typeof actionSchema>;
export type PostmortemDefinition = z.infer<typeof postmortemSchema>;
export type Definitions = z.infer<typeof definitionsSchema>;
