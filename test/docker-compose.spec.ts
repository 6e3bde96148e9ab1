import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '@app/config';
import { controllerRoutes } from '@app/testing/controller-routes';
import { HealthController } from '../apps/api/src/health/health.controller';
import { MetricsEndpointController } from '../apps/api/src/service-telemetry/metrics-endpoint.controller';
import { OtlpController } from '../apps/api/src/otlp/otlp.controller';

// docker-compose.yml: valid for Compose (its own `config` command resolves and checks it), every
// file it mounts present, its health checks and start order, and every port and path it names
// agreeing with the service's configuration and routes. docs/operation.md, "Running it".

type Tree = Record<string, any>;

const ROOT = process.cwd();
const ADMIN_KEY = 'compose-test-admin-key-0123456789';

/** `docker-compose config`: the file resolved by Compose itself (interpolated, paths absolute). */
function composeConfig(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const resolved = composeConfig({ REMEDIATION_ADMIN_KEY: ADMIN_KEY });
const compose = parse(resolved.stdout) as { services: Record<string, Tree>; volumes: Record<string, unknown> };
const services = compose.services;

interface Mount {
  source: string;
  target: string;
  bind: boolean;
}

/** `source:target[:mode]` as Compose 1.x writes it, or `{type, source, target}` as 2.x does. */
function mounts(service: Tree): Mount[] {
  return ((service.volumes ?? []) as Array<string | Tree>).map((entry) => {
    if (typeof entry !== 'string') return { source: entry.source, target: entry.target, bind: entry.type === 'bind' };
    const [source, target] = entry.split(':');
    return { source, target, bind: isAbsolute(source) };
  });
}

/** The file in the repository mounted at `path` inside the service's container (a file or a folder's). */
function hostFileFor(service: Tree, path: string): string {
  for (const mount of mounts(service).filter((m) => m.bind)) {
    if (path === mount.target) return mount.source;
    if (path.startsWith(`${mount.target}/`)) return join(mount.source, posix.relative(mount.target, path));
  }
  throw new Error(`nothing is mounted at ${path}`);
}

function commandFlag(service: Tree, flag: string): string {
  const entry = (service.command as string[]).find((arg) => arg.startsWith(`${flag}=`));
  if (!entry) throw new Error(`no ${flag} in ${JSON.stringify(service.command)}`);
  return entry.slice(flag.length + 1);
}

const publishedTargets = (service: Tree): number[] => ((service.ports ?? []) as Tree[]).map((p) => Number(p.target));
const readYaml = (file: string): Tree => parse(readFileSync(file, 'utf8')) as Tree;

/** The configuration the service's process loads with the service's environment. */
const configOf = (service: Tree) => loadConfig(service.environment as Record<string, string>, ROOT);

describe('docker-compose.yml', () => {
  it('is valid for Compose, and refuses to start without an admin key', () => {
    expect(resolved.stderr).toBe('');
    expect(resolved.status).toBe(0);
    const without = composeConfig({});
    expect(without.status).not.toBe(0);
    expect(without.stderr).toContain('set REMEDIATION_ADMIN_KEY');
  });

  it('runs PostgreSQL, Prometheus, an OpenTelemetry Collector, the API, two scorers and Grafana', () => {
    expect(Object.keys(services).sort()).toEqual([
      'api',
      'grafana',
      'otel-collector',
      'postgres',
      'prometheus',
      'scorer',
    ]);
    expect(services.scorer.deploy.replicas).toBe(2);
    expect(services['otel-collector'].image).toMatch(/^otel\/opentelemetry-collector-contrib:\d/);
    // One image for the API and the scorers, built from the Dockerfile here.
    expect(services.scorer.image).toBe(services.api.image);
    expect(resolve(services.api.build.context)).toBe(ROOT);
    expect(existsSync(join(ROOT, 'Dockerfile'))).toBe(true);
  });

  it('mounts only files and folders that exist in the repository, and volumes it declares', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const mount of mounts(service)) {
        if (mount.bind) {
          expect([name, relative(ROOT, mount.source), existsSync(mount.source)]).toEqual([
            name,
            relative(ROOT, mount.source),
            true,
          ]);
          expect(mount.source.startsWith(`${ROOT}/config/`)).toBe(true);
        } else {
          expect(Object.keys(compose.volumes)).toContain(mount.source);
        }
      }
    }
  });

  it('starts each service after the services it needs are healthy, each of which has a health check', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [needed, condition] of Object.entries((service.depends_on ?? {}) as Record<string, Tree>)) {
        expect([name, needed, condition.condition]).toEqual([name, needed, 'service_healthy']);
        expect([needed, services[needed]?.healthcheck?.test?.[0]]).toEqual([needed, 'CMD']);
      }
    }
    // Every service but the collector, whose image has no program to run a check with.
    const checked = Object.keys(services).filter((name) => services[name].healthcheck);
    expect(checked.sort()).toEqual(['api', 'grafana', 'postgres', 'prometheus', 'scorer']);
    expect(Object.keys(services.scorer.depends_on)).toContain('api');
    expect(Object.keys(services.api.depends_on)).toEqual(['postgres']);
    expect(Object.keys(services['otel-collector'].depends_on)).toEqual(['api']);
    expect(Object.keys(services.grafana.depends_on)).toEqual(['prometheus']);
  });

  it('runs the API on PostgreSQL with its scheduler off, its port, health check and metrics where its configuration says', () => {
    const api = services.api;
    const config = configOf(api);
    expect(config.scheduler.enabled).toBe(false);
    expect(config.database.url).toBe('postgres://remediation:remediation@postgres:5432/remediation');
    expect(config.auth.adminKey).toBe(ADMIN_KEY);
    expect(publishedTargets(api)).toEqual([config.server.port]);
    const healthUrl = new URL(/fetch\('([^']+)'\)/.exec(api.healthcheck.test.join(' '))![1]);
    expect(Number(healthUrl.port)).toBe(config.server.port);
    expect(controllerRoutes(HealthController)).toContain(`GET ${healthUrl.pathname}`);
    expect(healthUrl.pathname).toBe('/health/ready');
    expect(api.command).toEqual(['node', 'dist/apps/api/src/main.js']);
    expect(existsSync('apps/api/src/main.ts')).toBe(true);
  });

  it('has Prometheus scrape the API and every scorer at the ports and path they serve, and load the alerting rules', () => {
    const prometheus = services.prometheus;
    const configFile = hostFileFor(prometheus, commandFlag(prometheus, '--config.file'));
    expect(relative(ROOT, configFile)).toBe('config/prometheus/prometheus.yml');
    const config = readYaml(configFile);
    // Rule files are relative to the configuration file, inside the container as here.
    for (const rules of config.rule_files as string[]) {
      expect(existsSync(join(dirname(configFile), rules))).toBe(true);
    }
    expect(config.rule_files).toContain('alerts.yml');
    const jobs = Object.fromEntries((config.scrape_configs as Tree[]).map((job) => [job.job_name, job]));

    const apiPort = configOf(services.api).server.port;
    const apiJob = jobs['remediation-api'];
    expect(apiJob.static_configs[0].targets).toEqual([`api:${apiPort}`]);
    expect(controllerRoutes(MetricsEndpointController)).toEqual([`GET ${apiJob.metrics_path}`]);

    const scorerPort = configOf(services.scorer).telemetry.scorerMetricsPort;
    const scorerJob = jobs['remediation-scorer'];
    expect(scorerJob.dns_sd_configs[0]).toEqual({ names: ['scorer'], type: 'A', port: scorerPort });
    // The scorer's listener serves /metrics only (libs/observability), Prometheus's default path.
    expect(scorerJob.metrics_path ?? '/metrics').toBe('/metrics');

    // The datasource the API and the scorers query is this Prometheus, at the port it listens on.
    for (const name of ['api', 'scorer']) {
      const datasource = configOf(services[name]).datasources.find((d) => d.name === 'prometheus');
      expect(datasource?.url).toBe(`http://prometheus:${publishedTargets(prometheus)[0]}`);
    }
    expect(prometheus.healthcheck.test.at(-1)).toBe(`http://127.0.0.1:${publishedTargets(prometheus)[0]}/-/ready`);
  });

  it("has the collector forward OTLP metrics to the API's receiver with an ingest key from its environment", () => {
    const collector = services['otel-collector'];
    const config = readYaml(hostFileFor(collector, commandFlag(collector, '--config')));
    const [exporterName, exporter] = Object.entries(config.exporters as Record<string, Tree>).find(([name]) =>
      name.startsWith('otlphttp'),
    )!;
    const endpoint = new URL(exporter.metrics_endpoint);
    expect(endpoint.hostname).toBe('api');
    expect(Number(endpoint.port)).toBe(configOf(services.api).server.port);
    expect(controllerRoutes(OtlpController)).toEqual([`POST ${endpoint.pathname}`]);
    const variable = /^Bearer \$\{env:([A-Z_]+)\}$/.exec(exporter.headers.Authorization)?.[1];
    expect(variable).toBe('REMEDIATION_INGEST_KEY');
    expect(Object.keys(collector.environment)).toContain(variable);

    const pipelines = Object.values(config.service.pipelines as Record<string, Tree>);
    expect(pipelines.some((p) => p.receivers.includes('otlp') && p.exporters.includes(exporterName))).toBe(true);
    const listening = Object.values(config.receivers.otlp.protocols as Record<string, Tree>).map((p) =>
      Number(p.endpoint.split(':').at(-1)),
    );
    expect(publishedTargets(collector).sort()).toEqual(listening.sort());
  });

  it('provisions Grafana with this Prometheus and the dashboard of config/grafana', () => {
    const grafana = services.grafana;
    const provisioning = hostFileFor(grafana, '/etc/grafana/provisioning');
    expect(statSync(provisioning).isDirectory()).toBe(true);

    const datasources = readYaml(join(provisioning, 'datasources/prometheus.yml')).datasources as Tree[];
    expect(datasources).toHaveLength(1);
    expect(datasources[0]).toMatchObject({
      type: 'prometheus',
      url: `http://prometheus:${publishedTargets(services.prometheus)[0]}`,
      isDefault: true,
    });

    const providers = readYaml(join(provisioning, 'dashboards/remediation-tracker.yml')).providers as Tree[];
    expect(providers).toHaveLength(1);
    const dashboard = join(providers[0].options.path, 'remediation-tracker.json');
    expect(relative(ROOT, hostFileFor(grafana, dashboard))).toBe('config/grafana/remediation-tracker.json');
    const json = JSON.parse(readFileSync(hostFileFor(grafana, dashboard), 'utf8')) as Tree;
    // The dashboard picks a Prometheus datasource through its variable: the provisioned default.
    expect(json.templating.list.find((v: Tree) => v.type === 'datasource')).toMatchObject({ query: 'prometheus' });
    // Grafana listens on 3000 inside its container, published elsewhere: 3000 is the API's.
    expect(publishedTargets(grafana)).toEqual([3000]);
    expect(Number(grafana.ports[0].published)).not.toBe(configOf(services.api).server.port);
  });
});
