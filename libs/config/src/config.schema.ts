import { z } from 'zod';
import { isMetricNamePattern, METRIC_NAME_PATTERN_RULE, NOTIFICATION_EVENT_TYPES } from '@app/domain';
import { trackersSchema } from './tracker-config.schema';

const DURATION = /^\d+(ms|s|m|h|d|w)$/;
const duration = z.string().regex(DURATION, 'a duration such as 30s, 5m, 14d');

const datasourceSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-_.]{0,62}$/, 'lowercase letters, digits, "-", "_" or "."'),
    type: z.enum(['prometheus', 'otlp']),
    url: z.url().optional(),
    headers: z.record(z.string(), z.string()).default({}),
    timeoutMs: z.number().int().min(100).max(600_000).default(10_000),
    maxConcurrency: z.number().int().min(1).max(256).default(8),
    // Calls in a row that found the backend down (unreachable, timed out) open the circuit; while
    // open, calls fail at once for coolDown, then one trial call decides (docs/operation.md).
    circuitBreaker: z
      .object({
        // 0: never opens.
        failures: z.number().int().min(0).max(1000).default(5),
        coolDown: duration.default('30s'),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((ds, ctx) => {
    if (ds.type === 'prometheus' && !ds.url) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'a prometheus datasource needs a url' });
    }
  });

/**
 * The OTLP receiver's datasource, present whatever list the operator configures (a file or
 * REMEDIATION_DATASOURCES replaces the list whole), unless that list has a datasource named `otlp`:
 * that one then takes its place, with its own settings.
 */
const BUILT_IN_OTLP_NAME = 'otlp';

type Datasource = z.infer<typeof datasourceSchema>;

function withBuiltInOtlp(list: Datasource[]): Datasource[] {
  if (list.some((ds) => ds.name === BUILT_IN_OTLP_NAME)) return list;
  return [...list, datasourceSchema.parse({ name: BUILT_IN_OTLP_NAME, type: 'otlp' })];
}

const webhookSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-_.]{0,62}$/, 'lowercase letters, digits, "-", "_" or "."'),
    url: z.url({ protocol: /^https?$/ }),
    // HMAC-SHA256 key for X-Remediation-Signature; none: deliveries are not signed.
    secret: z.string().min(16, 'at least 16 characters').optional(),
    // Event types sent to this target; absent: all of them.
    events: z.array(z.enum(NOTIFICATION_EVENT_TYPES)).min(1).optional(),
    format: z.enum(['json', 'slack']).default('json'),
    headers: z.record(z.string(), z.string()).default({}),
    timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
  })
  .strict();

/** Weekdays in ISO order (Monday first), as the digest schedule names them. */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const ROLES_GRANTED = ['viewer', 'editor', 'admin'] as const;

const oidcSchema = z
  .object({
    // The provider's issuer URL; its discovery document is read at start. https, except a
    // loopback address (a provider on the same host, as in tests).
    issuer: z
      .url({ protocol: /^https?$/ })
      .refine(
        (u) => u.startsWith('https://') || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|\/|$)/.test(u),
        'an https URL (plain http only for localhost)',
      ),
    clientId: z.string().min(1),
    // Or clientSecretFile, or REMEDIATION_OIDC_CLIENT_SECRET.
    clientSecret: z.string().min(1).nullable().default(null),
    clientSecretFile: z.string().min(1).nullable().default(null),
    // The claim (ID token or userinfo) naming the person's groups or roles: a string or a list.
    roleClaim: z.string().min(1).default('groups'),
    // Claim value → role; the highest role among the person's values wins; none: sign-in refused.
    roles: z
      .record(z.string().min(1), z.enum(ROLES_GRANTED))
      .refine((r) => Object.keys(r).length > 0, 'at least one claim value mapped to viewer, editor or admin'),
    // This service's URL as browsers reach it; the redirect URL is <publicUrl>/auth/callback.
    // null: notifications.publicUrl, else the address each request came to.
    publicUrl: z
      .url({ protocol: /^https?$/ })
      .nullable()
      .default(null),
    scopes: z.array(z.string().min(1)).default(['openid', 'profile', 'email']),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (!o.clientSecret && !o.clientSecretFile)
      ctx.addIssue({
        code: 'custom',
        path: ['clientSecret'],
        message: 'a client secret: clientSecret, clientSecretFile or REMEDIATION_OIDC_CLIENT_SECRET',
      });
  });

const slaDays = z.number().int().positive().nullable();

export const configSchema = z
  .object({
    server: z
      .object({
        port: z.number().int().min(0).max(65535).default(3000),
        bodyLimit: z
          .string()
          .regex(/^\d+(b|kb|mb)$/i, 'a size such as 512kb or 1mb')
          .default('1mb'),
        // Address to listen on: 0.0.0.0 (every interface, what a container needs) or e.g. 127.0.0.1.
        host: z.string().trim().min(1, 'an address such as 0.0.0.0 or 127.0.0.1').default('0.0.0.0'),
        // Requests per minute per authenticated API key; 0 disables.
        rateLimitPerMinute: z.number().int().min(0).default(600),
        // Failed authentications per minute per client address before it is answered 429; 0 disables.
        authFailuresPerMinute: z.number().int().min(0).default(30),
        // Requests per minute per client address to the public pages and feed; 0 disables.
        publicRequestsPerMinute: z.number().int().min(0).default(120),
      })
      .strict()
      .prefault({}),
    database: z
      .object({
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
          .nullable()
          .default(null),
        dataDir: z.string().min(1).default('./data'),
      })
      .strict()
      .prefault({}),
    auth: z
      .object({
        adminKey: z.string().min(16, 'at least 16 characters').nullable().default(null),
        // Sign-in for people through an OpenID Connect provider (docs/operation.md, "Sign-in");
        // null: API keys only.
        oidc: oidcSchema.nullable().default(null),
        session: z
          .object({
            // A session unused this long ends.
            idleTimeout: duration.default('2h'),
            // A session ends this long after sign-in, however used.
            absoluteTimeout: duration.default('12h'),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    scheduler: z
      .object({ enabled: z.boolean().default(true) })
      .strict()
      .prefault({}),
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
    limits: z
      .object({
        // Longest range a selector or subquery of caller-written PromQL may span (docs/operation.md).
        maxQueryRange: duration.default('31d'),
        // Success metrics one action may have.
        maxMetricsPerAction: z.number().int().min(1).max(1000).default(20),
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
        maxBodyBytes: z
          .number()
          .int()
          .min(1024)
          .max(256 * 1024 * 1024)
          .default(4 * 1024 * 1024),
        // Data points a minute the receiver decodes (all senders together); 0 disables.
        maxPointsPerMinute: z.number().int().min(0).default(1_000_000),
        // Exports one process holds at once; beyond it 429 with Retry-After, so memory stays bounded
        // under overload. 0 disables.
        maxConcurrentExports: z.number().int().min(0).default(16),
        // Series kept per metric name; points of new series beyond it are rejected.
        maxSeriesPerMetric: z.number().int().min(1).default(10_000),
        // Series kept across all metrics; points of new series beyond it are rejected.
        maxSeries: z.number().int().min(1).default(100_000),
        // Metric-name patterns of the metrics kept; the points of any other metric are dropped.
        keep: z
          .array(z.string().refine(isMetricNamePattern, METRIC_NAME_PATTERN_RULE))
          .min(1, 'at least one pattern: leave otlp.keep out to keep every metric')
          .default(['*']),
        retention: duration.default('35d'),
        purgeEvery: duration.default('10m'),
      })
      .strict()
      .prefault({}),
    notifications: z
      .object({
        // Whether this process delivers webhooks and sends the weekly digest (events are written
        // by every process that changes actions, whatever this says).
        enabled: z.boolean().default(true),
        // Base URL of this service as receivers reach it; payloads then link each action.
        publicUrl: z
          .url({ protocol: /^https?$/ })
          .nullable()
          .default(null),
        pollEvery: duration.default('5s'),
        batchSize: z.number().int().min(1).max(1000).default(20),
        maxAttempts: z.number().int().min(1).max(100).default(12),
        backoffBase: duration.default('30s'),
        backoffMax: duration.default('6h'),
        leaseFor: duration.default('5m'),
        digest: z
          .object({
            enabled: z.boolean().default(true),
            weekday: z.enum(WEEKDAYS).default('monday'),
            time: z
              .string()
              .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM')
              .default('09:00'),
            timezone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin').default('UTC'),
          })
          .strict()
          .prefault({}),
        webhooks: z
          .array(webhookSchema)
          .default([])
          .superRefine((list, ctx) => {
            const seen = new Set<string>();
            list.forEach((w, i) => {
              if (seen.has(w.name))
                ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate webhook name "${w.name}"` });
              seen.add(w.name);
            });
          }),
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
    publications: z
      .object({
        // Who publishes the public post-mortems: named on every page and as the feed's author.
        publisher: z.string().trim().min(1).max(200).default('Engineering'),
      })
      .strict()
      .prefault({}),
    datasources: z
      .array(datasourceSchema)
      .default([])
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((ds, i) => {
          if (seen.has(ds.name))
            ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate datasource name "${ds.name}"` });
          seen.add(ds.name);
        });
      })
      .transform(withBuiltInOtlp),
    // Issue trackers actions link to (docs/trackers.md); their secrets are Secret values.
    trackers: trackersSchema,
  })
  .strict();

export type AppConfig = z.infer<typeof configSchema>;
export type DatasourceConfig = AppConfig['datasources'][number];
export type OidcConfig = NonNullable<AppConfig['auth']['oidc']>;
export type Priority = keyof AppConfig['remediationSlo'];
export type NotificationsConfig = AppConfig['notifications'];
export type WebhookConfig = NotificationsConfig['webhooks'][number];
export { DURATION as DURATION_PATTERN };
