import { z } from 'zod';

const DURATION = /^\d+(ms|s|m|h|d|w)$/;

const datasourceSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-_.]{0,62}$/, 'lowercase letters, digits, "-", "_" or "."'),
    type: z.enum(['prometheus', 'otlp']),
    url: z.url().optional(),
    headers: z.record(z.string(), z.string()).default({}),
    timeoutMs: z.number().int().min(100).max(600_000).default(10_000),
    maxConcurrency: z.number().int().min(1).max(256).default(8),
  })
  .strict()
  .superRefine((ds, ctx) => {
    if (ds.type === 'prometheus' && !ds.url) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'a prometheus datasource needs a url' });
    }
  });

const duration = z.string().regex(DURATION, 'a duration such as 30s, 5m, 14d');

const slaDays = z.number().int().positive().nullable();

export const configSchema = z
  .object({
    server: z
      .object({
        port: z.number().int().min(0).max(65535).default(3000),
        bodyLimit: z.string().regex(/^\d+(b|kb|mb)$/i, 'a size such as 512kb or 1mb').default('1mb'),
        // Requests per minute per API key (or per address when unauthenticated); 0 disables.
        rateLimitPerMinute: z.number().int().min(0).default(600),
      })
      .strict()
      .prefault({}),
    database: z
      .object({
        url: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').nullable().default(null),
        dataDir: z.string().min(1).default('./data'),
      })
      .strict()
      .prefault({}),
    auth: z
      .object({
        adminKey: z.string().min(16, 'at least 16 characters').nullable().default(null),
      })
      .strict()
      .prefault({}),
    scheduler: z.object({ enabled: z.boolean().default(true) }).strict().prefault({}),
    scoring: z
      .object({
        improvingThreshold: z.number().min(0).max(1).default(0.05),
        stallAfter: duration.default('14d'),
        minProgressGain: z.number().min(0).max(1).default(0.1),
        regressionChecks: z.number().int().min(1).max(100).default(2),
        watchFor: duration.default('30d'),
        tickEvery: duration.default('30s'),
        leaseFor: duration.default('5m'),
        batchSize: z.number().int().min(1).max(10_000).default(50),
        concurrency: z.number().int().min(1).max(256).default(8),
      })
      .strict()
      .prefault({}),
    log: z
      .object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
      .strict()
      .prefault({}),
    remediationSlo: z
      .object({ P0: slaDays.default(28), P1: slaDays.default(56), P2: slaDays.default(90), P3: slaDays.default(null) })
      .strict()
      .prefault({}),
    otlp: z
      .object({
        // Largest request body, compressed and inflated (gzip), for POST /v1/metrics.
        maxBodyBytes: z.number().int().min(1024).max(256 * 1024 * 1024).default(4 * 1024 * 1024),
        // Data points a minute the receiver decodes (all senders together); 0 disables.
        maxPointsPerMinute: z.number().int().min(0).default(1_000_000),
        // Series kept per metric name; points of new series beyond it are rejected.
        maxSeriesPerMetric: z.number().int().min(1).default(10_000),
        retention: duration.default('35d'),
        purgeEvery: duration.default('10m'),
      })
      .strict()
      .prefault({}),
    telemetry: z
      .object({
        // How long /metrics reuses the gauges it read from the database (a scrape storm is one query).
        gaugeCacheTtl: duration.default('5s'),
        // Port of the standalone scorer's own /metrics listener; null: no listener.
        scorerMetricsPort: z.number().int().min(0).max(65535).nullable().default(null),
        // Export trace spans over OTLP/HTTP. Also turned on by the standard OTEL_EXPORTER_OTLP_*
        // endpoint variables and off by OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none.
        tracing: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    datasources: z
      .array(datasourceSchema)
      .default([])
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((ds, i) => {
          if (seen.has(ds.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate datasource name "${ds.name}"` });
          seen.add(ds.name);
        });
      }),
  })
  .strict();

export type AppConfig = z.infer<typeof configSchema>;
export type DatasourceConfig = AppConfig['datasources'][number];
export type Priority = keyof AppConfig['remediationSlo'];
export { DURATION as DURATION_PATTERN };
