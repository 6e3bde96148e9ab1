import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from './config.errors';
import { loadConfig } from './config.loader';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A working directory with its own config/default.yaml (omitted when `defaults` is null). */
function workdir(defaults: string | null, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'rt-config-'));
  dirs.push(dir);
  if (defaults !== null) {
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'config/default.yaml'), defaults);
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The ConfigError `fn` throws (failing the test when it throws nothing or something else). */
function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError, got none');
}

const prometheus = (name: string, url = 'http://prom.example:9090') => ({ name, type: 'prometheus', url });
const BUILT_IN_OTLP = {
  name: 'otlp',
  type: 'otlp',
  headers: {},
  timeoutMs: 10_000,
  maxConcurrency: 8,
  circuitBreaker: { failures: 5, coolDown: '30s' },
};

describe('the built-in otlp datasource', () => {
  const names = (env: Record<string, string>, cwd = workdir(null)) =>
    loadConfig(env, cwd).datasources.map((d) => [d.name, d.type]);

  it('stays when REMEDIATION_DATASOURCES replaces the list without naming it', () => {
    expect(names({ REMEDIATION_DATASOURCES: JSON.stringify([prometheus('thanos')]) })).toEqual([
      ['thanos', 'prometheus'],
      ['otlp', 'otlp'],
    ]);
  });

  it('stays when a configuration file replaces the list without naming it', () => {
    const cwd = workdir(`datasources:\n  - {name: mimir, type: prometheus, url: "http://mimir:9009"}\n`);
    expect(names({}, cwd)).toEqual([
      ['mimir', 'prometheus'],
      ['otlp', 'otlp'],
    ]);
  });

  it('stays beside another otlp-type datasource of another name', () => {
    expect(names({ REMEDIATION_DATASOURCES: JSON.stringify([{ name: 'otel', type: 'otlp' }]) })).toEqual([
      ['otel', 'otlp'],
      ['otlp', 'otlp'],
    ]);
  });

  it('is replaced by a datasource the operator names otlp, in its place and with its settings', () => {
    const env = {
      REMEDIATION_DATASOURCES: JSON.stringify([{ name: 'otlp', type: 'otlp', timeoutMs: 2_000 }, prometheus('p')]),
    };
    const { datasources } = loadConfig(env, workdir(null));
    expect(datasources.map((d) => d.name)).toEqual(['otlp', 'p']);
    expect(datasources[0].timeoutMs).toBe(2_000);
  });

  it('gives its name up to a prometheus datasource named otlp', () => {
    expect(names({ REMEDIATION_DATASOURCES: JSON.stringify([prometheus('otlp')]) })).toEqual([['otlp', 'prometheus']]);
  });

  it('does not hide duplicate names among the configured ones', () => {
    const env = { REMEDIATION_DATASOURCES: JSON.stringify([prometheus('otlp'), { name: 'otlp', type: 'otlp' }]) };
    const error = configError(() => loadConfig(env, workdir(null)));
    expect(error.key).toBe('datasources.1.name');
    expect(error.message).toContain('duplicate datasource name "otlp"');
  });
});

describe('loadConfig sources', () => {
  it('applies the schema defaults when there is no file and no variable', () => {
    const config = loadConfig({}, workdir(null));
    expect(config.server).toEqual({
      port: 3000,
      host: '0.0.0.0',
      bodyLimit: '1mb',
      rateLimitPerMinute: 600,
      authFailuresPerMinute: 30,
      publicRequestsPerMinute: 120,
    });
    expect(config.publications).toEqual({ publisher: 'Engineering' });
    expect(config.database).toEqual({ url: null, dataDir: './data' });
    expect(config.auth.adminKey).toBeNull();
    expect(config.scheduler.enabled).toBe(true);
    expect(config.datasources).toEqual([BUILT_IN_OTLP]);
  });

  it('loads the repository default.yaml as it is, plus the built-in otlp datasource', () => {
    const root = resolve(process.cwd());
    const file = parse(readFileSync(join(root, 'config/default.yaml'), 'utf8')) as {
      datasources: Array<{ name: string }>;
    };
    const config = loadConfig({}, root);
    expect(config.datasources.map((d) => d.name)).toEqual([
      ...file.datasources.map((d) => d.name).filter((n) => n !== 'otlp'),
      'otlp',
    ]);
  });

  it('lets REMEDIATION_CONFIG override default.yaml, and the environment override both', () => {
    const cwd = workdir(
      ['server:', '  port: 1111', '  bodyLimit: 10kb', 'log:', '  level: warn', 'remediationSlo:', '  P0: 7'].join(
        '\n',
      ),
      { 'site.yaml': ['server:', '  port: 2222', 'log:', '  level: error', 'remediationSlo:', '  P1: 14'].join('\n') },
    );
    const fileOnly = loadConfig({ REMEDIATION_CONFIG: 'site.yaml' }, cwd);
    expect(fileOnly.server.port).toBe(2222);
    expect(fileOnly.log.level).toBe('error');
    // Mappings merge key by key: what the file does not name comes from default.yaml.
    expect(fileOnly.server.bodyLimit).toBe('10kb');
    expect(fileOnly.remediationSlo).toMatchObject({ P0: 7, P1: 14 });

    const withEnv = loadConfig({ REMEDIATION_CONFIG: 'site.yaml', PORT: '3333', LOG_LEVEL: 'debug' }, cwd);
    expect(withEnv.server.port).toBe(3333);
    expect(withEnv.log.level).toBe('debug');
    expect(withEnv.server.bodyLimit).toBe('10kb');
  });

  it('replaces lists whole: a file or REMEDIATION_DATASOURCES replaces the datasources', () => {
    const defaults = `datasources:\n  - {name: a, type: prometheus, url: "http://a:9090"}\n  - {name: b, type: otlp}\n`;
    const cwd = workdir(defaults, { 'site.yaml': `datasources:\n  - {name: c, type: otlp}\n` });
    expect(loadConfig({}, cwd).datasources.map((d) => d.name)).toEqual(['a', 'b', 'otlp']);
    expect(loadConfig({ REMEDIATION_CONFIG: 'site.yaml' }, cwd).datasources.map((d) => d.name)).toEqual(['c', 'otlp']);
    const env = { REMEDIATION_CONFIG: 'site.yaml', REMEDIATION_DATASOURCES: JSON.stringify([prometheus('d')]) };
    expect(loadConfig(env, cwd).datasources.map((d) => d.name)).toEqual(['d', 'otlp']);
  });

  it('reads REMEDIATION_CONFIG relative to the working directory, or absolute', () => {
    const cwd = workdir(null, { 'site.yaml': 'server:\n  port: 4444\n' });
    expect(loadConfig({ REMEDIATION_CONFIG: 'site.yaml' }, cwd).server.port).toBe(4444);
    expect(loadConfig({ REMEDIATION_CONFIG: join(cwd, 'site.yaml') }, workdir(null)).server.port).toBe(4444);
  });

  it('treats an empty YAML file as no settings', () => {
    const cwd = workdir('', { 'empty.yaml': '' });
    expect(loadConfig({ REMEDIATION_CONFIG: 'empty.yaml' }, cwd).server.port).toBe(3000);
  });

  it('returns a frozen object', () => {
    const config = loadConfig({}, workdir(null));
    expect(Object.isFrozen(config.server)).toBe(true);
    expect(() => {
      (config.server as { port: number }).port = 1;
    }).toThrow(TypeError);
  });
});

describe('loadConfig environment variables', () => {
  const datasources = [prometheus('thanos', 'http://thanos:10902'), { name: 'otlp', type: 'otlp' }];
  it.each<[string, string, (c: ReturnType<typeof loadConfig>) => unknown, unknown]>([
    ['PORT', '8080', (c) => c.server.port, 8080],
    ['PORT', '0', (c) => c.server.port, 0],
    ['DATABASE_URL', 'postgres://u:p@db:5432/rt', (c) => c.database.url, 'postgres://u:p@db:5432/rt'],
    ['DATABASE_URL', 'postgresql://db/rt', (c) => c.database.url, 'postgresql://db/rt'],
    ['REMEDIATION_DATA_DIR', '/var/lib/rt', (c) => c.database.dataDir, '/var/lib/rt'],
    ['REMEDIATION_ADMIN_KEY', 'a-long-enough-admin-key', (c) => c.auth.adminKey, 'a-long-enough-admin-key'],
    ['REMEDIATION_SCHEDULER', 'off', (c) => c.scheduler.enabled, false],
    ['REMEDIATION_SCHEDULER', 'OFF', (c) => c.scheduler.enabled, false],
    ['REMEDIATION_SCHEDULER', 'false', (c) => c.scheduler.enabled, false],
    ['REMEDIATION_SCHEDULER', '0', (c) => c.scheduler.enabled, false],
    ['REMEDIATION_SCHEDULER', 'on', (c) => c.scheduler.enabled, true],
    ['REMEDIATION_SCHEDULER', 'true', (c) => c.scheduler.enabled, true],
    ['LOG_LEVEL', 'silent', (c) => c.log.level, 'silent'],
    [
      'REMEDIATION_DATASOURCES',
      JSON.stringify(datasources),
      (c) => c.datasources.map((d) => d.name),
      ['thanos', 'otlp'],
    ],
    ['REMEDIATION_DATASOURCES', '[]', (c) => c.datasources, [BUILT_IN_OTLP]],
    ['REMEDIATION_SCORER_METRICS_PORT', '9464', (c) => c.telemetry.scorerMetricsPort, 9464],
  ])('%s=%s', (name, value, read, expected) => {
    // default.yaml says otherwise for each of these, so the variable must win to pass.
    const defaults = [
      'server:\n  port: 1234',
      'database:\n  url: postgres://other/db\n  dataDir: ./elsewhere',
      'auth:\n  adminKey: the-default-file-admin-key',
      `scheduler:\n  enabled: ${name === 'REMEDIATION_SCHEDULER' ? !expected : true}`,
      'log:\n  level: warn',
      'telemetry:\n  scorerMetricsPort: 9100',
      'datasources:\n  - {name: from-default, type: otlp}',
    ].join('\n');
    expect(read(loadConfig({ [name]: value }, workdir(defaults)))).toEqual(expected);
  });

  it('fills datasource defaults for entries given in REMEDIATION_DATASOURCES', () => {
    const [ds] = loadConfig({ REMEDIATION_DATASOURCES: JSON.stringify([prometheus('p')]) }, workdir(null)).datasources;
    expect(ds.headers).toEqual({});
    expect(ds.timeoutMs).toBeGreaterThanOrEqual(100);
    expect(ds.maxConcurrency).toBeGreaterThanOrEqual(1);
    expect(ds.circuitBreaker).toEqual({ failures: 5, coolDown: '30s' });
  });

  it('takes a datasource circuit breaker given in part, and refuses one that makes no sense, naming the field', () => {
    const load = (circuitBreaker: unknown) =>
      loadConfig({ REMEDIATION_DATASOURCES: JSON.stringify([{ ...prometheus('p'), circuitBreaker }]) }, workdir(null))
        .datasources[0].circuitBreaker;
    expect(load({ coolDown: '2m' })).toEqual({ failures: 5, coolDown: '2m' });
    expect(load({ failures: 0 })).toEqual({ failures: 0, coolDown: '30s' });
    expect(configError(() => load({ failures: -1 })).message).toMatch(/datasources\.0\.circuitBreaker\.failures/);
    expect(configError(() => load({ coolDown: '30 seconds' })).message).toMatch(
      /datasources\.0\.circuitBreaker\.coolDown/,
    );
    expect(configError(() => load({ failures: 3, open: true })).message).toMatch(/open/);
  });
});

describe('OTLP receiver budgets and kept metrics', () => {
  const otlp = (yaml: string | null) =>
    loadConfig(yaml === null ? {} : { REMEDIATION_CONFIG: 'site.yaml' }, workdir(null, { 'site.yaml': yaml ?? '' }))
      .otlp;

  it('keeps every metric within 100,000 series by default', () => {
    expect(otlp(null)).toMatchObject({ keep: ['*'], maxSeries: 100_000, maxSeriesPerMetric: 10_000 });
  });

  it('takes the metric-name patterns and the overall series budget from the file', () => {
    expect(otlp('otlp:\n  keep: ["http.server.*", checkout.queue.depth]\n  maxSeries: 500\n')).toMatchObject({
      keep: ['http.server.*', 'checkout.queue.depth'],
      maxSeries: 500,
    });
  });

  it.each<[string, string, string, string]>([
    [
      'a regex instead of a pattern',
      'otlp:\n  keep: ["http\\\\.server\\\\..+"]\n',
      'otlp.keep.0',
      'any run of characters',
    ],
    ['a pattern with a space', 'otlp:\n  keep: ["*", "http server"]\n', 'otlp.keep.1', 'any run of characters'],
    ['an empty pattern', 'otlp:\n  keep: [""]\n', 'otlp.keep.0', 'any run of characters'],
    ['an empty list', 'otlp:\n  keep: []\n', 'otlp.keep', 'leave otlp.keep out to keep every metric'],
    ['a pattern that is not a string', 'otlp:\n  keep: [42]\n', 'otlp.keep.0', ''],
    ['a zero series budget', 'otlp:\n  maxSeries: 0\n', 'otlp.maxSeries', ''],
  ])('refuses %s, naming the key', (_, yaml, key, text) => {
    const error = configError(() => otlp(yaml));
    expect(error.key).toBe(key);
    expect(error.message).toContain(`"${key}"`);
    expect(error.message).toContain(text);
  });
});

describe('loadConfig errors name the key', () => {
  it.each<[string, Record<string, string>, string]>([
    ['a non-numeric PORT', { PORT: 'abc' }, 'PORT'],
    ['a negative PORT', { PORT: '-1' }, 'PORT'],
    ['a PORT out of range', { PORT: '70000' }, 'server.port'],
    [
      'a non-numeric REMEDIATION_SCORER_METRICS_PORT',
      { REMEDIATION_SCORER_METRICS_PORT: 'ninety' },
      'REMEDIATION_SCORER_METRICS_PORT',
    ],
    ['an unknown REMEDIATION_SCHEDULER', { REMEDIATION_SCHEDULER: 'sometimes' }, 'REMEDIATION_SCHEDULER'],
    ['REMEDIATION_DATASOURCES that is not JSON', { REMEDIATION_DATASOURCES: '[{name: p}' }, 'REMEDIATION_DATASOURCES'],
    ['REMEDIATION_DATASOURCES that is not a list', { REMEDIATION_DATASOURCES: '{"name":"p"}' }, 'datasources'],
    [
      'a datasource URL that is not a URL',
      { REMEDIATION_DATASOURCES: JSON.stringify([prometheus('p', 'not a url')]) },
      'datasources.0.url',
    ],
    [
      'a prometheus datasource without URL',
      { REMEDIATION_DATASOURCES: '[{"name":"otlp","type":"otlp"},{"name":"p","type":"prometheus"}]' },
      'datasources.1.url',
    ],
    [
      'an unknown datasource type',
      { REMEDIATION_DATASOURCES: '[{"name":"p","type":"graphite"}]' },
      'datasources.0.type',
    ],
    [
      'a datasource name in capitals',
      { REMEDIATION_DATASOURCES: JSON.stringify([prometheus('Prom')]) },
      'datasources.0.name',
    ],
    [
      'a datasource timeout below the minimum',
      { REMEDIATION_DATASOURCES: JSON.stringify([{ ...prometheus('p'), timeoutMs: 1 }]) },
      'datasources.0.timeoutMs',
    ],
    [
      'duplicate datasource names',
      { REMEDIATION_DATASOURCES: JSON.stringify([prometheus('p'), prometheus('q'), prometheus('p')]) },
      'datasources.2.name',
    ],
    ['a DATABASE_URL that is not PostgreSQL', { DATABASE_URL: 'mysql://db/rt' }, 'database.url'],
    ['a short REMEDIATION_ADMIN_KEY', { REMEDIATION_ADMIN_KEY: 'short' }, 'auth.adminKey'],
    ['an unknown LOG_LEVEL', { LOG_LEVEL: 'verbose' }, 'log.level'],
  ])('%s', (_, env, key) => {
    const error = configError(() => loadConfig(env, workdir(null)));
    expect(error.key).toBe(key);
    expect(error.message).toContain(`"${key}"`);
  });

  it('names an unknown field of a datasource entry', () => {
    const env = { REMEDIATION_DATASOURCES: JSON.stringify([{ ...prometheus('p'), token: 'x' }]) };
    const error = configError(() => loadConfig(env, workdir(null)));
    expect(error.key).toBe('datasources.0');
    expect(error.message).toContain('token');
  });

  it('says which datasource name is duplicated', () => {
    const env = {
      REMEDIATION_DATASOURCES: JSON.stringify([
        { name: 'otlp', type: 'otlp' },
        { name: 'otlp', type: 'otlp' },
      ]),
    };
    expect(configError(() => loadConfig(env, workdir(null))).message).toContain('duplicate datasource name "otlp"');
  });

  it.each<[string, string, string, string]>([
    ['an unknown key in a section', 'server:\n  prot: 8080\n', 'server', 'prot'],
    ['an unknown top-level key', 'sever:\n  port: 8080\n', '(root)', 'sever'],
    ['a wrongly typed value', 'server:\n  rateLimitPerMinute: many\n', 'server.rateLimitPerMinute', 'number'],
    ['a bad body limit', 'server:\n  bodyLimit: huge\n', 'server.bodyLimit', 'size'],
  ])('rejects %s in a YAML file', (_, yaml, key, mentioned) => {
    const cwd = workdir(null, { 'site.yaml': yaml });
    const error = configError(() => loadConfig({ REMEDIATION_CONFIG: 'site.yaml' }, cwd));
    expect(error.key).toBe(key);
    expect(error.message).toContain(mentioned);
  });

  it('rejects an unknown key in default.yaml too', () => {
    const error = configError(() => loadConfig({}, workdir('database:\n  host: db\n')));
    expect(error.key).toBe('database');
    expect(error.message).toContain('host');
  });

  it('names REMEDIATION_CONFIG and the path when the file is missing', () => {
    const cwd = workdir(null);
    const error = configError(() => loadConfig({ REMEDIATION_CONFIG: 'nowhere.yaml' }, cwd));
    expect(error.key).toBe('REMEDIATION_CONFIG');
    expect(error.message).toContain(join(cwd, 'nowhere.yaml'));
  });

  it('names the file when it is not valid YAML', () => {
    const cwd = workdir(null, { 'broken.yaml': 'server:\n  port: [1\n' });
    expect(configError(() => loadConfig({ REMEDIATION_CONFIG: 'broken.yaml' }, cwd)).key).toBe(
      join(cwd, 'broken.yaml'),
    );
  });

  it('names the file when it is YAML but not a mapping', () => {
    const cwd = workdir(null, { 'list.yaml': '- a\n- b\n' });
    expect(configError(() => loadConfig({ REMEDIATION_CONFIG: 'list.yaml' }, cwd)).key).toBe(join(cwd, 'list.yaml'));
  });

  it('checks the environment after the files, so a bad variable fails even when the files are fine', () => {
    const cwd = workdir('server:\n  port: 1111\n');
    expect(configError(() => loadConfig({ PORT: '80a' }, cwd)).key).toBe('PORT');
  });
});

describe('config/example.yaml', () => {
  const root = resolve(process.cwd());
  const example = join(root, 'config/example.yaml');

  /** Dotted paths of every key under mappings (lists are one key). */
  function keyPaths(tree: unknown, prefix = ''): string[] {
    if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) return [prefix];
    return Object.entries(tree).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
  }

  it('is a valid configuration that states the defaults', () => {
    expect(loadConfig({ REMEDIATION_CONFIG: example }, workdir(null))).toEqual(loadConfig({}, root));
  });

  it('shows every key the schema knows, datasource fields included', () => {
    const raw = parse(readFileSync(example, 'utf8')) as { datasources: Array<Record<string, unknown>> };
    const known = keyPaths(loadConfig({}, workdir(null)));
    expect(keyPaths(raw).sort()).toEqual(known.sort());
    const [first] = loadConfig(
      { REMEDIATION_DATASOURCES: JSON.stringify([prometheus('p')]) },
      workdir(null),
    ).datasources;
    expect(Object.keys(raw.datasources[0]).sort()).toEqual(Object.keys(first).sort());
  });
});

describe('notifications configuration', () => {
  const hook = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    url: `https://hooks.example.com/${name}`,
    ...extra,
  });

  it('has the dispatcher on, no targets and a Monday 09:00 UTC digest by default', () => {
    const { notifications } = loadConfig({}, workdir(null));
    expect(notifications).toMatchObject({
      enabled: true,
      publicUrl: null,
      webhooks: [],
      digest: { enabled: true, weekday: 'monday', time: '09:00', timezone: 'UTC' },
    });
  });

  it('takes REMEDIATION_WEBHOOKS in place of the configured targets, with defaults filled', () => {
    const defaults = `notifications:\n  webhooks:\n    - {name: from-file, url: "https://file.example.com"}`;
    const env = {
      REMEDIATION_WEBHOOKS: JSON.stringify([
        hook('slack', { format: 'slack', events: ['digest.weekly'] }),
        hook('bot', { secret: 'sixteen-characters!' }),
      ]),
    };
    const { webhooks } = loadConfig(env, workdir(defaults)).notifications;
    expect(webhooks).toEqual([
      {
        name: 'slack',
        url: 'https://hooks.example.com/slack',
        format: 'slack',
        events: ['digest.weekly'],
        headers: {},
        timeoutMs: 10_000,
      },
      {
        name: 'bot',
        url: 'https://hooks.example.com/bot',
        secret: 'sixteen-characters!',
        format: 'json',
        headers: {},
        timeoutMs: 10_000,
      },
    ]);
  });

  it.each([
    ['off', false],
    ['on', true],
  ])('REMEDIATION_NOTIFICATIONS=%s', (value, enabled) => {
    const defaults = `notifications:\n  enabled: ${!enabled}`;
    expect(loadConfig({ REMEDIATION_NOTIFICATIONS: value }, workdir(defaults)).notifications.enabled).toBe(enabled);
  });

  it.each<[string, Record<string, string>, string]>([
    ['REMEDIATION_WEBHOOKS that is not JSON', { REMEDIATION_WEBHOOKS: '[{' }, 'REMEDIATION_WEBHOOKS'],
    ['an unknown REMEDIATION_NOTIFICATIONS', { REMEDIATION_NOTIFICATIONS: 'maybe' }, 'REMEDIATION_NOTIFICATIONS'],
    [
      'a webhook URL that is not http(s)',
      { REMEDIATION_WEBHOOKS: JSON.stringify([hook('a', { url: 'ftp://x.example.com' })]) },
      'notifications.webhooks.0.url',
    ],
    [
      'an unknown event type',
      { REMEDIATION_WEBHOOKS: JSON.stringify([hook('a', { events: ['flag.raised', 'action.opened'] })]) },
      'notifications.webhooks.0.events.1',
    ],
    [
      'an empty event list',
      { REMEDIATION_WEBHOOKS: JSON.stringify([hook('a', { events: [] })]) },
      'notifications.webhooks.0.events',
    ],
    [
      'a short secret',
      { REMEDIATION_WEBHOOKS: JSON.stringify([hook('a', { secret: 'short' })]) },
      'notifications.webhooks.0.secret',
    ],
    [
      'an unknown format',
      { REMEDIATION_WEBHOOKS: JSON.stringify([hook('a', { format: 'teams' })]) },
      'notifications.webhooks.0.format',
    ],
    [
      'duplicate webhook names',
      { REMEDIATION_WEBHOOKS: JSON.stringify([hook('a'), hook('a')]) },
      'notifications.webhooks.1.name',
    ],
  ])('names the key for %s', (_, env, key) => {
    expect(configError(() => loadConfig(env, workdir(null))).key).toBe(key);
  });

  it('names an unknown field of a webhook target', () => {
    const error = configError(() =>
      loadConfig({ REMEDIATION_WEBHOOKS: JSON.stringify([hook('a', { token: 'x' })]) }, workdir(null)),
    );
    expect(error.key).toBe('notifications.webhooks.0');
    expect(error.message).toContain('token');
  });

  it.each([
    ['digest:\n    timezone: Mars/Olympus', 'notifications.digest.timezone'],
    ['digest:\n    time: "9:00"', 'notifications.digest.time'],
    ['digest:\n    weekday: someday', 'notifications.digest.weekday'],
    ['publicUrl: not-a-url', 'notifications.publicUrl'],
  ])('refuses %j', (yaml, key) => {
    expect(configError(() => loadConfig({}, workdir(`notifications:\n  ${yaml}`))).key).toBe(key);
  });
});

describe('auth.oidc', () => {
  const OIDC = [
    'auth:',
    '  oidc:',
    '    issuer: https://login.example.com/realms/acme',
    '    clientId: remediation-tracker',
    '    roles: { sre: editor }',
  ].join('\n');

  it('is off by default, with session timeouts', () => {
    const config = loadConfig({}, workdir(null));
    expect(config.auth.oidc).toBeNull();
    expect(config.auth.session).toEqual({ idleTimeout: '2h', absoluteTimeout: '12h' });
  });

  it('takes the client secret from the environment, with defaults for the rest', () => {
    const config = loadConfig({ REMEDIATION_OIDC_CLIENT_SECRET: 'from-env' }, workdir(OIDC));
    expect(config.auth.oidc).toMatchObject({
      clientSecret: 'from-env',
      roleClaim: 'groups',
      publicUrl: null,
      scopes: ['openid', 'profile', 'email'],
    });
  });

  it('configures no provider from the secret alone', () => {
    expect(loadConfig({ REMEDIATION_OIDC_CLIENT_SECRET: 'x' }, workdir(null)).auth.oidc).toBeNull();
  });

  it('accepts plain http for a loopback issuer only', () => {
    const local = OIDC.replace('https://login.example.com/realms/acme', 'http://localhost:9000');
    expect(loadConfig({ REMEDIATION_OIDC_CLIENT_SECRET: 's' }, workdir(local)).auth.oidc?.issuer).toBe(
      'http://localhost:9000',
    );
    const remote = OIDC.replace('https://', 'http://');
    expect(configError(() => loadConfig({ REMEDIATION_OIDC_CLIENT_SECRET: 's' }, workdir(remote))).key).toBe(
      'auth.oidc.issuer',
    );
  });

  it.each([
    ['no secret', OIDC, 'auth.oidc.clientSecret'],
    [
      'a role that people cannot have',
      OIDC.replace('sre: editor', 'sre: scorer') + '\n    clientSecret: s',
      'auth.oidc.roles.sre',
    ],
    ['no roles', OIDC.replace('roles: { sre: editor }', 'roles: {}') + '\n    clientSecret: s', 'auth.oidc.roles'],
    ['a bad timeout', 'auth:\n  session:\n    idleTimeout: soon', 'auth.session.idleTimeout'],
  ])('refuses %s', (_, yaml, key) => {
    expect(configError(() => loadConfig({}, workdir(yaml))).key).toBe(key);
  });
});
