import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  describeEachDatabase,
  expectStatus,
  HttpClient,
  ServiceProcess,
  tempDir,
  type DatabaseChoice,
} from '@app/testing';
import { DAY, iso, MIDNIGHT, MINUTE } from '@app/testing/scenario-clock';
import { closedPortUrl } from '@app/testing/faulty-proxy';
import { generateSamples, prometheusForFile, relativeGrid, type ScenarioSeries } from '@app/testing/prometheus';
import {
  exposedNames,
  parseExposition,
  seriesOf,
  valueOf,
  type ExposedSample,
} from '@app/testing/prometheus/exposition';

/*
 * GET /metrics as an operator's Prometheus sees it: the remediation gauges read from the database
 * (equal to counts made by hand from what the test created, a combination gone once it no longer
 * exists), the scoring counters and histograms after real runs against a real Prometheus and a
 * datasource nobody listens on, HTTP durations labelled by route template (401/403/404 included),
 * and the Grafana dashboard and alerting rules using only metric names the service exports.
 */

const ACTIONS = '/api/v1/actions';
const OPENED = MIDNIGHT - 40 * DAY;
const SHIPPED = MIDNIGHT - 21 * DAY;
const every5m = relativeGrid(MIDNIGHT, { fromAgoMs: 60 * DAY, stepMs: 5 * MINUTE });
const SERIES: ScenarioSeries[] = [
  {
    name: 'tel_latency_ms',
    labels: { service: 'checkout' },
    samples: generateSamples(every5m, (t) => (t < SHIPPED ? 400 : 200)),
  },
];
const METRIC = {
  name: 'checkout latency',
  datasource: 'prometheus',
  query: 'tel_latency_ms{service="checkout"}',
  direction: 'decrease',
  target: { relativePercent: 25 },
  baselineWindow: '7d',
  evaluationWindow: '1d',
  checkEvery: '1h',
};
/** The gauges are cached this long: the test waits past it before reading a change. */
const CACHE_TTL_MS = 100;
const pastCache = () => new Promise((r) => setTimeout(r, 3 * CACHE_TTL_MS));

const prometheus = prometheusForFile({ series: SERIES, now: MIDNIGHT });

describeEachDatabase('own telemetry on /metrics', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let configDir: string;
  let editor: HttpClient;
  let viewer: HttpClient;
  let scorer: HttpClient;

  beforeAll(async () => {
    configDir = tempDir('rt-telemetry-');
    const configFile = join(configDir, 'telemetry.yaml');
    writeFileSync(configFile, `telemetry:\n  gaugeCacheTtl: ${CACHE_TTL_MS}ms\n`);
    const datasources = [
      { name: 'prometheus', type: 'prometheus', url: prometheus.url },
      { name: 'down', type: 'prometheus', url: await closedPortUrl(), timeoutMs: 500 },
    ];
    service = await ServiceProcess.start({ database, datasources, env: { REMEDIATION_CONFIG: configFile } });
    ({ editor, viewer, scorer } = await service.clientsFor({ editor: 'sre', viewer: 'manager', scorer: 'cron' }));
  }, 90_000);
  afterAll(async () => {
    await service?.destroy();
  });

  async function scrape(): Promise<{ body: string; samples: ExposedSample[] }> {
    const res = await fetch(`${service.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    const body = await res.text();
    return { body, samples: parseExposition(body) };
  }

  async function createAction(fields: Record<string, unknown>): Promise<string> {
    const res = await editor.post(ACTIONS, { title: 'Fix the checkout path', ...fields });
    expectStatus(res, 201);
    return res.body.id;
  }

  async function addMetric(actionId: string, fields: Record<string, unknown> = {}): Promise<string> {
    const res = await editor.post(`${ACTIONS}/${actionId}/metrics`, { ...METRIC, ...fields });
    expectStatus(res, 201);
    return res.body.id;
  }

  async function run(actionIds: string[], at: number): Promise<any> {
    const res = await scorer.post('/api/v1/scoring/run', { actionIds, at: iso(at) });
    expectStatus(res, 200);
    return res.body;
  }

  async function evaluations(actionId: string): Promise<any[]> {
    const res = await viewer.get(`${ACTIONS}/${actionId}/evaluations?limit=50`);
    expectStatus(res, 200);
    return res.body.items;
  }

  const delta = (before: ExposedSample[], after: ExposedSample[], name: string, labels: Record<string, string>) =>
    (valueOf(after, name, labels) ?? 0) - (valueOf(before, name, labels) ?? 0);

  it('shows the checks due from the database, and counts and times a real scoring run', async () => {
    const actionId = await createAction({ ownerTeam: 'checkout', priority: 'P1', openedAt: iso(OPENED) });
    await addMetric(actionId);
    await pastCache();
    const before = (await scrape()).samples;
    // Never checked: due since it was created, and no scheduler runs in this service.
    expect(valueOf(before, 'remediation_scoring_overdue_checks')).toBe(1);
    expect(valueOf(before, 'remediation_scoring_lag_seconds')).toBeGreaterThan(0);

    const at = Date.now();
    expect(await run([actionId], at)).toEqual({ scored: 1, skipped: 0, errors: 0 });
    const [check] = await evaluations(actionId);
    await pastCache();
    const after = (await scrape()).samples;

    expect(
      delta(before, after, 'remediation_evaluations_total', { verdict: check.verdict, datasource: 'prometheus' }),
    ).toBe(1);
    for (const verdict of ['met', 'improving', 'not_met', 'pending', 'no_data', 'error'].filter(
      (v) => v !== check.verdict,
    )) {
      expect([
        verdict,
        delta(before, after, 'remediation_evaluations_total', { verdict, datasource: 'prometheus' }),
      ]).toEqual([verdict, 0]);
    }
    expect(delta(before, after, 'remediation_evaluation_duration_seconds_count', { datasource: 'prometheus' })).toBe(1);
    // The histogram observed the check's own duration, the one the API reports.
    expect(
      delta(before, after, 'remediation_evaluation_duration_seconds_sum', { datasource: 'prometheus' }),
    ).toBeCloseTo(check.durationMs / 1000, 6);
    expect(delta(before, after, 'remediation_scoring_pass_duration_seconds_count', { outcome: 'ok' })).toBe(1);
    expect(valueOf(after, 'remediation_scoring_last_pass_timestamp_seconds')).toBeGreaterThanOrEqual(
      Math.floor(at / 1000),
    );
    // Scored as of now: next due at the next slot, so nothing is behind any more.
    expect(valueOf(after, 'remediation_scoring_overdue_checks')).toBe(0);
    expect(valueOf(after, 'remediation_scoring_lag_seconds')).toBe(0);
  });

  it('counts a failing datasource by name and kind, and its check as an error evaluation', async () => {
    const actionId = await createAction({ ownerTeam: 'search', openedAt: iso(OPENED) });
    await addMetric(actionId, { datasource: 'down' });
    const before = (await scrape()).samples;
    expect(await run([actionId], Date.now())).toEqual({ scored: 1, skipped: 0, errors: 1 });
    const [check] = await evaluations(actionId);
    expect(check.error).toMatch(/^unreachable: /);
    const after = (await scrape()).samples;
    expect(
      delta(before, after, 'remediation_datasource_errors_total', { datasource: 'down', kind: 'unreachable' }),
    ).toBe(1);
    expect(delta(before, after, 'remediation_evaluations_total', { verdict: 'error', datasource: 'down' })).toBe(1);
    expect(
      delta(before, after, 'remediation_datasource_errors_total', { datasource: 'prometheus', kind: 'unreachable' }),
    ).toBe(0);
  });

  it('gives actions by status, team and priority and active flags by kind and team as counted by hand, never a person', async () => {
    const latePayments = await createAction({
      ownerTeam: 'payments',
      priority: 'P0',
      openedAt: iso(OPENED),
      dueAt: iso(MIDNIGHT - 5 * DAY),
      assignee: 'Jane Roe',
    });
    await createAction({ ownerTeam: 'payments', priority: 'P0' });
    await createAction({ ownerTeam: 'payments', priority: 'P1' });
    const moving = await createAction({ ownerTeam: 'identity', priority: 'P2' });
    expectStatus(await editor.patch(`${ACTIONS}/${moving}`, { status: 'in_progress' }), 200);
    const lateIdentity = await createAction({
      ownerTeam: 'identity',
      priority: 'P0',
      openedAt: iso(OPENED),
      dueAt: iso(MIDNIGHT - DAY),
    });
    // No metrics: a requested run gives them their action-level flags (overdue, stalled) as of now.
    await run([latePayments, lateIdentity], Date.now());

    const flags = (await viewer.get('/api/v1/flags?active=true&limit=200')).body.items as Array<{
      actionId: string;
      kind: string;
    }>;
    const teamOf: Record<string, string> = { [latePayments]: 'payments', [lateIdentity]: 'identity' };
    const expectedFlags: Record<string, number> = {};
    for (const flag of flags.filter((f) => teamOf[f.actionId])) {
      const key = `kind=${flag.kind},team=${teamOf[flag.actionId]}`;
      expectedFlags[key] = (expectedFlags[key] ?? 0) + 1;
    }
    expect(expectedFlags).toMatchObject({ 'kind=overdue,team=payments': 1, 'kind=overdue,team=identity': 1 });

    await pastCache();
    const { body, samples } = await scrape();
    const ours = (series: Record<string, number>) =>
      Object.fromEntries(Object.entries(series).filter(([labels]) => /team=(payments|identity)\b/.test(labels)));
    expect(ours(seriesOf(samples, 'remediation_actions'))).toEqual({
      'priority=P0,status=open,team=payments': 2,
      'priority=P1,status=open,team=payments': 1,
      'priority=P2,status=in_progress,team=identity': 1,
      'priority=P0,status=open,team=identity': 1,
    });
    expect(ours(seriesOf(samples, 'remediation_flags_active'))).toEqual(expectedFlags);
    // Both late actions are P0: overdue by team and priority, for the paging alert.
    expect(ours(seriesOf(samples, 'remediation_actions_overdue'))).toEqual({
      'priority=P0,team=payments': 1,
      'priority=P0,team=identity': 1,
    });
    // Every action the service holds, counted once.
    const total = Object.values(seriesOf(samples, 'remediation_actions')).reduce((a, b) => a + b, 0);
    expect(total).toBe((await viewer.get(`${ACTIONS}?limit=100`)).body.items.length);
    expect(body).not.toContain('Jane');
    expect(body).not.toContain('assignee');
  });

  it('drops a combination that no longer exists once the cache has expired', async () => {
    const team = 'platform';
    const only = await createAction({
      ownerTeam: team,
      priority: 'P1',
      openedAt: iso(OPENED),
      dueAt: iso(MIDNIGHT - DAY),
    });
    await run([only], Date.now());
    await pastCache();
    let samples = (await scrape()).samples;
    expect(valueOf(samples, 'remediation_actions', { status: 'open', team, priority: 'P1' })).toBe(1);
    expect(valueOf(samples, 'remediation_flags_active', { kind: 'overdue', team })).toBe(1);
    expect(valueOf(samples, 'remediation_actions_overdue', { team, priority: 'P1' })).toBe(1);

    expectStatus(await editor.patch(`${ACTIONS}/${only}`, { status: 'wont_fix' }), 200);
    // A terminal action is neither overdue nor stalled: the next scoring clears its flags.
    await run([only], Date.now());
    await pastCache();
    samples = (await scrape()).samples;
    expect(valueOf(samples, 'remediation_actions', { status: 'open', team, priority: 'P1' })).toBeUndefined();
    expect(valueOf(samples, 'remediation_actions', { status: 'wont_fix', team, priority: 'P1' })).toBe(1);
    expect(
      Object.keys(seriesOf(samples, 'remediation_flags_active')).filter((k) => k.includes(`team=${team}`)),
    ).toEqual([]);
    expect(
      Object.keys(seriesOf(samples, 'remediation_actions_overdue')).filter((k) => k.includes(`team=${team}`)),
    ).toEqual([]);
  });

  it('times requests by route template, including those refused by guards, and unmatched paths as one label', async () => {
    const id = await createAction({ ownerTeam: 'checkout' });
    const route = '/api/v1/actions/:id';
    const before = (await scrape()).samples;
    expectStatus(await viewer.get(`${ACTIONS}/${id}`), 200);
    expectStatus(await viewer.get(`${ACTIONS}/${id}`), 200);
    expectStatus(await viewer.get(`${ACTIONS}/${id}`, { key: null }), 401);
    expectStatus(await viewer.post(ACTIONS, { title: 'not mine to write', ownerTeam: 'checkout' }), 403);
    expectStatus(await viewer.get(`/no/such/path/${id}`), 404);
    const { body, samples: after } = await scrape();
    const count = (method: string, path: string, status: number) =>
      delta(before, after, 'http_request_duration_seconds_count', { method, route: path, status_code: String(status) });
    expect(count('GET', route, 200)).toBe(2);
    expect(count('GET', route, 401)).toBe(1);
    expect(count('POST', '/api/v1/actions', 403)).toBe(1);
    expect(count('GET', 'unmatched', 404)).toBe(1);
    // Labels are templates: no URL with an id in it ever becomes a series.
    expect(body).not.toContain(id);
    const bucket = valueOf(after, 'http_request_duration_seconds_bucket', {
      method: 'GET',
      route,
      status_code: '200',
      le: '+Inf',
    });
    expect(bucket).toBe(
      valueOf(after, 'http_request_duration_seconds_count', { method: 'GET', route, status_code: '200' }),
    );
  });

  it('exports every metric the Grafana dashboard and the alerting rules use', async () => {
    const { body } = await scrape();
    const exported = exposedNames(body);
    const dashboard = JSON.parse(readFileSync('config/grafana/remediation-tracker.json', 'utf8'));
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const variable = dashboard.templating.list.find((v: any) => v.name === 'datasource');
    expect(variable).toMatchObject({ type: 'datasource', query: 'prometheus' });
    const panels = dashboard.panels.filter((p: any) => p.type !== 'row');
    const exprs: string[] = panels.flatMap((p: any) => p.targets.map((t: any) => t.expr));
    for (const panel of panels) expect([panel.title, panel.datasource.uid]).toEqual([panel.title, '${datasource}']);
    const rules = parse(readFileSync('config/prometheus/alerts.yml', 'utf8')) as {
      groups: Array<{ rules: Array<{ expr: string }> }>;
    };
    exprs.push(...rules.groups.flatMap((g) => g.rules.map((r) => r.expr)));
    const used = new Set(
      exprs.flatMap((e) => [...e.matchAll(/\b((?:remediation|http|process|nodejs)_[a-z0-9_]+)\b/g)].map((m) => m[1])),
    );
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((name) => !exported.has(name))).toEqual([]);
    // Every metric docs/operation.md ("Own telemetry") names is there.
    for (const name of [
      'remediation_actions',
      'remediation_flags_active',
      'remediation_evaluations_total',
      'remediation_evaluation_duration_seconds_bucket',
      'remediation_datasource_errors_total',
      'remediation_scoring_pass_duration_seconds_bucket',
      'remediation_otlp_points_total',
      'http_request_duration_seconds_bucket',
      'process_cpu_user_seconds_total',
    ]) {
      expect([name, exported.has(name)]).toEqual([name, true]);
    }
  });
});

describeEachDatabase('own telemetry of rate-limited requests', (database: DatabaseChoice) => {
  let service: ServiceProcess;

  beforeAll(async () => {
    const configFile = join(tempDir('rt-telemetry-'), 'limited.yaml');
    writeFileSync(configFile, 'server:\n  authFailuresPerMinute: 3\n');
    service = await ServiceProcess.start({ database, env: { REMEDIATION_CONFIG: configFile } });
  }, 90_000);
  afterAll(async () => {
    await service?.destroy();
  });

  it('records a 429 under the route template it was refused on', async () => {
    const path = '/api/v1/actions/6f1c1a3e-0f5e-4a43-9d0b-0d8f1d6b2f11';
    // Failed authentications count per address: three 401s, then 429.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await service.http.get(path, { key: null })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const samples = parseExposition(await (await fetch(`${service.baseUrl}/metrics`)).text());
    const count = (status: string) =>
      valueOf(samples, 'http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/v1/actions/:id',
        status_code: status,
      });
    expect(count('401')).toBe(3);
    expect(count('429')).toBe(1);
  });
});
