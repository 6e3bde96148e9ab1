import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { type AppConfig, configSchema } from './config.schema';
import { ConfigError } from './config.errors';
import { withTrackerSecretFiles } from './tracker-secret-files';

type Env = Record<string, string | undefined>;
type Tree = Record<string, unknown>;

/**
 * The only place that reads configuration: config/default.yaml, then the YAML file named by
 * REMEDIATION_CONFIG, then the environment, later winning. Validated once, typed, frozen.
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const defaultFile = resolve(cwd, 'config/default.yaml');
  let tree: Tree = existsSync(defaultFile) ? readYaml(defaultFile) : {};
  if (env.REMEDIATION_CONFIG) {
    const file = resolve(cwd, env.REMEDIATION_CONFIG);
    if (!existsSync(file)) throw new ConfigError('REMEDIATION_CONFIG', `file not found: ${file}`);
    tree = merge(tree, readYaml(file));
  }
  tree = merge(tree, fromEnvironment(env));
  // The client secret fills a configured provider; alone it configures none.
  const oidc = (tree.auth as Tree | undefined)?.oidc;
  if (env.REMEDIATION_OIDC_CLIENT_SECRET && isMapping(oidc)) oidc.clientSecret = env.REMEDIATION_OIDC_CLIENT_SECRET;
  if ('trackers' in tree) tree.trackers = withTrackerSecretFiles(tree.trackers, cwd);
  const parsed = configSchema.safeParse(tree);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(issue.path.join('.') || '(root)', issue.message);
  }
  return deepFreeze(parsed.data);
}

function readYaml(file: string): Tree {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(file, `not valid YAML: ${(err as Error).message}`);
  }
  if (doc == null) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError(file, 'must be a YAML mapping');
  return doc as Tree;
}

function fromEnvironment(env: Env): Tree {
  const tree: Tree = {};
  const set = (path: string[], value: unknown): void => {
    let node = tree;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Tree;
    node[path[path.length - 1]] = value;
  };
  if (env.PORT !== undefined) set(['server', 'port'], integer('PORT', env.PORT));
  if (env.HOST) set(['server', 'host'], env.HOST);
  if (env.DATABASE_URL) set(['database', 'url'], env.DATABASE_URL);
  if (env.REMEDIATION_DATA_DIR) set(['database', 'dataDir'], env.REMEDIATION_DATA_DIR);
  if (env.REMEDIATION_ADMIN_KEY) set(['auth', 'adminKey'], env.REMEDIATION_ADMIN_KEY);
  if (env.REMEDIATION_SCHEDULER !== undefined)
    set(['scheduler', 'enabled'], onOff('REMEDIATION_SCHEDULER', env.REMEDIATION_SCHEDULER));
  if (env.LOG_LEVEL) set(['log', 'level'], env.LOG_LEVEL);
  const tracing = tracingFromOtelEnvironment(env);
  if (tracing !== null) set(['telemetry', 'tracing'], tracing);
  if (env.REMEDIATION_SCORER_METRICS_PORT)
    set(
      ['telemetry', 'scorerMetricsPort'],
      integer('REMEDIATION_SCORER_METRICS_PORT', env.REMEDIATION_SCORER_METRICS_PORT),
    );
  if (env.REMEDIATION_DATASOURCES !== undefined)
    set(['datasources'], json('REMEDIATION_DATASOURCES', env.REMEDIATION_DATASOURCES));
  if (env.REMEDIATION_NOTIFICATIONS !== undefined)
    set(['notifications', 'enabled'], onOff('REMEDIATION_NOTIFICATIONS', env.REMEDIATION_NOTIFICATIONS));
  if (env.REMEDIATION_WEBHOOKS !== undefined)
    set(['notifications', 'webhooks'], json('REMEDIATION_WEBHOOKS', env.REMEDIATION_WEBHOOKS));
  if (env.REMEDIATION_TRACKERS !== undefined) set(['trackers'], json('REMEDIATION_TRACKERS', env.REMEDIATION_TRACKERS));
  return tree;
}

/**
 * The standard OpenTelemetry variables decide whether spans are exported: an OTLP endpoint turns
 * it on; OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none turn it off. null: they say nothing.
 */
function tracingFromOtelEnvironment(env: Env): boolean | null {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = env.OTEL_TRACES_EXPORTER?.split(',').map((e) => e.trim().toLowerCase());
  if (exporters?.includes('none')) return false;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || exporters?.includes('otlp'))
    return true;
  return null;
}

function integer(name: string, raw: string): number {
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `expected an integer, got "${raw}"`);
  return Number(raw);
}

function onOff(name: string, raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['on', 'true', '1', 'yes'].includes(value)) return true;
  if (['off', 'false', '0', 'no'].includes(value)) return false;
  throw new ConfigError(name, `expected "on" or "off", got "${raw}"`);
}

function json(name: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new ConfigError(name, `not valid JSON: ${(err as Error).message}`);
  }
}

/** Mappings merge key by key; anything else (lists included) is replaced whole. */
function merge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isMapping(prev) && isMapping(value) ? merge(prev, value) : value;
  }
  return out;
}

function isMapping(v: unknown): v is Tree {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
