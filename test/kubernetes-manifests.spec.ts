import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { loadConfig } from '@app/config';
import { MetricsHttpServer, MetricsRegistry } from '@app/observability';
import { controllerRoutes } from '@app/testing/controller-routes';
import { type KubeObject, podContainers, podTemplate, renderKustomization, splitImage } from '@app/testing/kustomize';
import { HealthController } from '../apps/api/src/health/health.controller';
import { MetricsEndpointController } from '../apps/api/src/service-telemetry/metrics-endpoint.controller';

// deploy/: the Kustomize base and overlays, rendered without a cluster and held against the
// application (its routes, ports, environment variables, entry points), the Dockerfile and the
// alerting rules. docs/operation.md, "Running it".

type Tree = Record<string, any>;
type Container = Tree & { name: string; image: string };

const VARIANTS = {
  base: 'deploy/base',
  production: 'deploy/overlays/production',
  cronjob: 'deploy/overlays/cronjob',
};

/** The schema each kind is validated against; a kind not listed here fails the test. */
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/CronJob': CronJob,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule,
};

const rendered = Object.fromEntries(
  Object.entries(VARIANTS).map(([variant, dir]) => [variant, renderKustomization(dir)]),
) as Record<keyof typeof VARIANTS, KubeObject[]>;
const everyVariant = Object.entries(rendered) as Array<[string, KubeObject[]]>;

const find = (objects: KubeObject[], kind: string, name: string): KubeObject | undefined =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);
const get = (objects: KubeObject[], kind: string, name: string): KubeObject => {
  const found = find(objects, kind, name);
  if (!found)
    throw new Error(`no ${kind} ${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
};
const workloads = (objects: KubeObject[]): KubeObject[] => objects.filter((o) => podTemplate(o) !== null);
const containerOf = (workload: KubeObject, name: string): Container => {
  const container = podContainers(workload).find((c) => c.name === name);
  if (!container) throw new Error(`${workload.kind} ${workload.metadata.name} has no container ${name}`);
  return container as Container;
};
const labelsMatch = (selector: Record<string, string>, labels: Record<string, string> = {}): boolean =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

/**
 * The environment the container's process sees: literal values, ConfigMap keys (from the rendered
 * ConfigMap) and a placeholder for each Secret key, which must be present.
 */
function containerEnvironment(container: Container, objects: KubeObject[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const data = get(objects, 'ConfigMap', source.configMapRef.name).data as Record<string, string>;
    Object.assign(env, data);
  }
  for (const entry of container.env ?? []) {
    if (entry.value !== undefined) env[entry.name] = entry.value;
    else if (entry.valueFrom?.configMapKeyRef) {
      const ref = entry.valueFrom.configMapKeyRef;
      env[entry.name] = (get(objects, 'ConfigMap', ref.name).data as Record<string, string>)[ref.key];
    } else if (entry.valueFrom?.secretKeyRef) {
      env[entry.name] = placeholderFor(entry.name);
    }
  }
  return env;
}

/** What the operator's Secret would hold, shaped so the configuration accepts it. */
function placeholderFor(name: string): string {
  if (name === 'DATABASE_URL') return 'postgres://remediation:secret@postgres:5432/remediation';
  return `placeholder-${name.toLowerCase()}-0123456789abcdef`;
}

/** Every environment variable the configuration loader reads (libs/config). */
const LOADER_ENV_NAMES = new Set(
  [...readFileSync('libs/config/src/config.loader.ts', 'utf8').matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]),
);

/** `node dist/apps/X/src/main.js`: the compiled entry point of apps/X/src/main.ts. */
function entrySource(container: Container): string {
  const [program, script] = container.command as string[];
  expect(program).toBe('node');
  const match = /^dist\/(apps\/[a-z-]+\/src\/main)\.js$/.exec(script);
  if (!match) throw new Error(`${container.name}: ${script} is not a compiled entry point under dist/apps`);
  return `${match[1]}.ts`;
}

function namedPort(container: Container, name: string): number {
  const port = (container.ports ?? []).find((p: Tree) => p.name === name);
  if (!port) throw new Error(`${container.name} declares no port named ${name}`);
  return port.containerPort as number;
}

const dockerfile = readFileSync('Dockerfile', 'utf8');
const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
const packageVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

describe('Kubernetes manifests (deploy/)', () => {
  it('render with only the kustomization features the renderer knows, into objects valid against their schemas', () => {
    for (const [variant, objects] of everyVariant) {
      expect([variant, objects.length]).toEqual([variant, expect.any(Number)]);
      expect(objects.length).toBeGreaterThan(5);
      for (const object of objects) {
        const Model = MODELS[`${object.apiVersion}/${object.kind}`];
        expect([variant, `${object.apiVersion}/${object.kind}`, Model !== undefined]).toEqual([
          variant,
          `${object.apiVersion}/${object.kind}`,
          true,
        ]);
        expect(() => new Model(object).validate()).not.toThrow();
      }
      const ids = objects.map((o) => `${o.kind}/${o.metadata.name}`);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('refuse a broken object: the schema validation can fail', () => {
    const api = structuredClone(get(rendered.base, 'Deployment', 'remediation-api'));
    (api.spec as Tree).replicas = 'two';
    expect(() => new Deployment(api as never).validate()).toThrow();
  });

  it('score with scorer replicas in the base and production, with a --once CronJob instead in the cronjob overlay', () => {
    for (const objects of [rendered.base, rendered.production]) {
      const scorer = get(objects, 'Deployment', 'remediation-scorer');
      expect((scorer.spec as Tree).replicas).toBeGreaterThanOrEqual(2);
      expect(find(objects, 'CronJob', 'remediation-scorer')).toBeUndefined();
    }
    const cron = rendered.cronjob;
    expect(find(cron, 'Deployment', 'remediation-scorer')).toBeUndefined();
    expect(find(cron, 'PodDisruptionBudget', 'remediation-scorer')).toBeUndefined();
    expect(find(cron, 'Service', 'remediation-scorer')).toBeUndefined();
    const job = get(cron, 'CronJob', 'remediation-scorer');
    expect(job.spec).toMatchObject({ concurrencyPolicy: 'Forbid' });
    const container = containerOf(job, 'scorer');
    expect(entrySource(container)).toBe('apps/scorer/src/main.ts');
    expect(container.args).toEqual(['--once']);
    // The scorer's entry point reads that flag (test/scorer-crash.e2e-spec.ts runs it).
    expect(readFileSync('apps/scorer/src/main.ts', 'utf8')).toContain("process.argv.includes('--once')");
    expect(podTemplate(job)?.spec.restartPolicy).toBe('Never');
  });

  it('run the API with its scheduler off, on PostgreSQL, listening on its declared container port', () => {
    for (const [variant, objects] of everyVariant) {
      const api = containerOf(get(objects, 'Deployment', 'remediation-api'), 'api');
      expect(entrySource(api)).toBe('apps/api/src/main.ts');
      const config = loadConfig(containerEnvironment(api, objects), process.cwd());
      expect([variant, config.scheduler.enabled]).toEqual([variant, false]);
      expect(config.database.url).toMatch(/^postgres:\/\//);
      expect(config.server.port).toBe(namedPort(api, 'http'));
      expect(config.auth.adminKey).toBeTruthy();
    }
  });

  it('point the API probes at its health routes on its http port', () => {
    const routes = controllerRoutes(HealthController);
    expect(routes).toEqual(expect.arrayContaining(['GET /health/live', 'GET /health/ready']));
    for (const [, objects] of everyVariant) {
      const api = containerOf(get(objects, 'Deployment', 'remediation-api'), 'api');
      expect(api.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      for (const probe of [api.livenessProbe, api.startupProbe, api.readinessProbe]) {
        expect(routes).toContain(`GET ${probe.httpGet.path}`);
        expect(namedPort(api, probe.httpGet.port)).toBeGreaterThan(0);
      }
    }
  });

  describe('scorer replicas', () => {
    const scorer = containerOf(get(rendered.base, 'Deployment', 'remediation-scorer'), 'scorer');
    const config = loadConfig(containerEnvironment(scorer, rendered.base), process.cwd());
    const registry = new MetricsRegistry();
    const server = new MetricsHttpServer(registry);
    let port = 0;
    beforeAll(async () => {
      port = await server.listen(0, '127.0.0.1');
    });
    afterAll(() => server.close());

    it('serve their metrics on the port they declare, which their probes use', async () => {
      expect(entrySource(scorer)).toBe('apps/scorer/src/main.ts');
      expect(config.database.url).toMatch(/^postgres:\/\//);
      expect(config.telemetry.scorerMetricsPort).toBe(namedPort(scorer, 'metrics'));
      for (const probe of [scorer.livenessProbe, scorer.readinessProbe, scorer.startupProbe]) {
        expect(probe.httpGet.port).toBe('metrics');
        // The scorer's own listener answers that path (and nothing else).
        const res = await fetch(`http://127.0.0.1:${port}${probe.httpGet.path}`);
        expect([probe.httpGet.path, res.status]).toEqual([probe.httpGet.path, 200]);
      }
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(404);
    });
  });

  it('set only environment variables the configuration reads, and the datasources it accepts', () => {
    expect(LOADER_ENV_NAMES).toContain('DATABASE_URL');
    for (const [variant, objects] of everyVariant) {
      for (const workload of workloads(objects)) {
        for (const container of podContainers(workload) as Container[]) {
          const names = Object.keys(containerEnvironment(container, objects));
          const unknown = names.filter((name) => !LOADER_ENV_NAMES.has(name));
          expect([variant, container.name, unknown]).toEqual([variant, container.name, []]);
          // The same datasources for the API and every scorer: success metrics name them.
          const config = loadConfig(containerEnvironment(container, objects), process.cwd());
          expect(config.datasources.map((d) => d.name)).toEqual(['prometheus', 'otlp']);
        }
      }
    }
  });

  it('take the database URL and the admin key from a Secret, never from a literal', () => {
    for (const [, objects] of everyVariant) {
      for (const workload of workloads(objects)) {
        for (const container of podContainers(workload) as Container[]) {
          for (const entry of container.env ?? []) {
            if (['DATABASE_URL', 'REMEDIATION_ADMIN_KEY'].includes(entry.name)) {
              expect([entry.name, entry.valueFrom?.secretKeyRef?.name]).toEqual([entry.name, 'remediation-tracker']);
            }
          }
        }
      }
      for (const map of objects.filter((o) => o.kind === 'ConfigMap')) {
        expect(Object.keys(map.data as object)).not.toContain('DATABASE_URL');
        expect(Object.keys(map.data as object)).not.toContain('REMEDIATION_ADMIN_KEY');
      }
    }
  });

  it('run one image, the version of package.json, as the non-root user of the Dockerfile, with requests and limits', () => {
    expect(runtimeStage).toMatch(/^USER node$/m);
    expect(runtimeStage).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(runtimeStage).toMatch(/^WORKDIR \/app$/m);
    const expectedName = { base: 'remediation-tracker', production: 'registry.example.com/remediation-tracker' };
    for (const [variant, objects] of everyVariant) {
      for (const workload of workloads(objects)) {
        const pod = podTemplate(workload)!.spec;
        // The node user of node:*-bookworm-slim.
        expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
        for (const container of podContainers(workload) as Container[]) {
          const [name, tag] = splitImage(container.image);
          expect(name).toBe(expectedName[variant as keyof typeof expectedName] ?? expectedName.base);
          expect(tag).toBe(packageVersion);
          // The image's working directory: commands are relative to /app.
          expect(container.workingDir).toBeUndefined();
          expect(existsSync(entrySource(container))).toBe(true);
          expect(container.resources).toEqual({
            requests: { cpu: expect.any(String), memory: expect.any(String) },
            limits: { cpu: expect.any(String), memory: expect.any(String) },
          });
        }
      }
    }
    const api = containerOf(get(rendered.production, 'Deployment', 'remediation-api'), 'api');
    expect(api.resources.limits.memory).toBe('1Gi');
    expect(get(rendered.production, 'Deployment', 'remediation-api').metadata.namespace).toBe('remediation');
  });

  it('expose the ports the pods declare, and protect the replicas with disruption budgets', () => {
    for (const [variant, objects] of everyVariant) {
      for (const service of objects.filter((o) => o.kind === 'Service')) {
        const spec = service.spec as Tree;
        const pods = workloads(objects).filter((w) => labelsMatch(spec.selector, podTemplate(w)?.metadata?.labels));
        expect([variant, service.metadata.name, pods.length]).toEqual([variant, service.metadata.name, 1]);
        const declared = podContainers(pods[0]).flatMap((c) => (c.ports as Tree[] | undefined) ?? []);
        for (const port of spec.ports as Tree[]) {
          expect(declared.map((p) => p.name)).toContain(port.targetPort);
        }
      }
      for (const budget of objects.filter((o) => o.kind === 'PodDisruptionBudget')) {
        const selector = (budget.spec as Tree).selector.matchLabels;
        const targets = objects.filter(
          (o) => o.kind === 'Deployment' && labelsMatch(selector, podTemplate(o)?.metadata?.labels),
        );
        expect([budget.metadata.name, targets.length]).toEqual([budget.metadata.name, 1]);
      }
      expect(find(objects, 'PodDisruptionBudget', 'remediation-api')).toBeDefined();
    }
  });

  it('scrape /metrics, the route the API serves, from every Service port named in the ServiceMonitor', () => {
    expect(controllerRoutes(MetricsEndpointController)).toEqual(['GET /metrics']);
    for (const [variant, objects] of everyVariant) {
      const monitor = get(objects, 'ServiceMonitor', 'remediation-tracker').spec as Tree;
      const services = objects.filter(
        (o) => o.kind === 'Service' && labelsMatch(monitor.selector.matchLabels, o.metadata.labels),
      );
      const servicePorts = services.flatMap((s) => ((s.spec as Tree).ports as Tree[]).map((p) => p.name));
      expect(servicePorts).toContain('http');
      // Scorer replicas are scraped too, wherever they run.
      const scraped = (monitor.endpoints as Tree[]).map((e) => e.port);
      if (find(objects, 'Deployment', 'remediation-scorer')) expect(scraped).toContain('metrics');
      for (const endpoint of monitor.endpoints as Tree[]) {
        expect(endpoint.path).toBe('/metrics');
        expect([variant, servicePorts]).toEqual([variant, expect.arrayContaining([endpoint.port])]);
      }
    }
  });

  it('carry the same alerting rule groups as config/prometheus/alerts.yml (node scripts/prometheus-rule.mjs)', () => {
    const alerts = parse(readFileSync('config/prometheus/alerts.yml', 'utf8')) as { groups: unknown[] };
    expect(alerts.groups.length).toBeGreaterThan(0);
    for (const [, objects] of everyVariant) {
      const rule = get(objects, 'PrometheusRule', 'remediation-tracker');
      expect((rule.spec as Tree).groups).toEqual(alerts.groups);
    }
  });
});
