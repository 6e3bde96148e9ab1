import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectStatus, freePort, HttpClient, SCORER_ENTRY, ServiceProcess, tempDir } from '@app/testing';
import { generateSamples, PrometheusFixture, relativeGrid } from '@app/testing/prometheus';
import { parseExposition, valueOf, type ExposedSample } from '@app/testing/prometheus/exposition';

/*
 * The standalone scorer beside the API on one PostgreSQL: its own GET /metrics
 * (telemetry.scorerMetricsPort) counts the checks it scored, and the API's gauges, read from the
 * shared database, show the backlog gone although the API itself scored nothing.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const MIDNIGHT = Math.floor(Date.now() / DAY) * DAY;
const iso = (ms: number) => new Date(ms).toISOString();

async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the standalone scorer on /metrics [postgres]', () => {
  let prometheus: PrometheusFixture;
  let api: ServiceProcess;
  let scorer: ChildProcess | null = null;
  let scorerLogs = '';
  let scorerPort: number;
  let editor: HttpClient;

  beforeAll(async () => {
    const grid = relativeGrid(MIDNIGHT, { fromAgoMs: 30 * DAY, stepMs: 5 * MINUTE });
    prometheus = await PrometheusFixture.start({
      series: [{ name: 'scorer_latency_ms', labels: { service: 'api' }, samples: generateSamples(grid, () => 300) }],
      now: MIDNIGHT,
    });
    const datasources = JSON.stringify([{ name: 'prometheus', type: 'prometheus', url: prometheus.url }]);
    const dir = tempDir('rt-scorer-telemetry-');
    const apiConfig = join(dir, 'api.yaml');
    writeFileSync(apiConfig, 'telemetry:\n  gaugeCacheTtl: 100ms\n');
    api = await ServiceProcess.start({
      database: 'postgres',
      env: { REMEDIATION_DATASOURCES: datasources, REMEDIATION_CONFIG: apiConfig },
    });
    const res = await api.http.post('/api/v1/keys', { name: 'sre', role: 'editor' });
    expectStatus(res, 201);
    editor = api.http.withKey(res.body.key);

    scorerPort = await freePort();
    const scorerConfig = join(dir, 'scorer.yaml');
    writeFileSync(scorerConfig, `telemetry:\n  scorerMetricsPort: ${scorerPort}\nscoring:\n  tickEvery: 1s\n`);
    scorer = spawn(process.execPath, [SCORER_ENTRY], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: api.database!.url,
        REMEDIATION_DATA_DIR: tempDir('rt-scorer-data-'),
        REMEDIATION_SCHEDULER: 'on',
        REMEDIATION_DATASOURCES: datasources,
        REMEDIATION_CONFIG: scorerConfig,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    scorer.stdout!.on('data', (d: Buffer) => (scorerLogs += d.toString()));
    scorer.stderr!.on('data', (d: Buffer) => (scorerLogs += d.toString()));
    await waitUntil(`the scorer's /metrics (${scorerLogs})`, async () =>
      (await fetch(`http://127.0.0.1:${scorerPort}/metrics`)).ok ? true : undefined,
    );
  }, 120_000);
  afterAll(async () => {
    if (scorer && scorer.exitCode === null) {
      const exited = new Promise((r) => scorer!.once('exit', r));
      scorer.kill('SIGTERM');
      await exited;
    }
    await api?.destroy();
    await prometheus?.stop();
  });

  async function scrape(url: string): Promise<ExposedSample[]> {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    return parseExposition(await res.text());
  }

  it('counts the checks it scored on its own /metrics, and the API shows no backlog', async () => {
    const scorerMetrics = `http://127.0.0.1:${scorerPort}/metrics`;
    const before = await scrape(scorerMetrics);
    expect(valueOf(before, 'remediation_evaluations_total', { verdict: 'no_data', datasource: 'prometheus' })).toBe(0);

    const action = await editor.post('/api/v1/actions', {
      title: 'Keep the API fast',
      ownerTeam: 'platform',
      openedAt: iso(MIDNIGHT - 20 * DAY),
    });
    expectStatus(action, 201);
    const metric = await editor.post(`/api/v1/actions/${action.body.id}/metrics`, {
      name: 'api latency',
      datasource: 'prometheus',
      query: 'scorer_latency_ms{service="api"}',
      direction: 'decrease',
      target: { absolute: 250 },
      baselineWindow: '7d',
      evaluationWindow: '1d',
      checkEvery: '1h',
    });
    expectStatus(metric, 201);
    // The API runs no scheduler: only the scorer process can score it.
    const [check] = await waitUntil('a check by the scorer', async () => {
      const items = (await editor.get(`/api/v1/actions/${action.body.id}/evaluations`)).body.items as any[];
      return items.length > 0 ? items : undefined;
    });

    const after = await scrape(scorerMetrics);
    expect(valueOf(after, 'remediation_evaluations_total', { verdict: check.verdict, datasource: 'prometheus' })).toBe(
      1,
    );
    expect(valueOf(after, 'remediation_evaluation_duration_seconds_count', { datasource: 'prometheus' })).toBe(1);
    expect(valueOf(after, 'remediation_scoring_pass_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(valueOf(after, 'remediation_scoring_last_pass_timestamp_seconds')).toBeGreaterThan(0);

    await new Promise((r) => setTimeout(r, 300));
    const apiSamples = await scrape(`${api.baseUrl}/metrics`);
    expect(valueOf(apiSamples, 'remediation_scoring_overdue_checks')).toBe(0);
    expect(valueOf(apiSamples, 'remediation_scoring_lag_seconds')).toBe(0);
    // The API scored nothing itself.
    expect(valueOf(apiSamples, 'remediation_scoring_pass_duration_seconds_count', { outcome: 'ok' }) ?? 0).toBe(0);
  });
});
