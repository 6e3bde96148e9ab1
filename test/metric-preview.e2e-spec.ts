import { afterAll, beforeAll, expect, it } from '@jest/globals';
import {
  describeEachDatabase,
  expectStatus,
  HttpClient,
  ScoringApi,
  ServiceProcess,
  type DatabaseChoice,
} from '@app/testing';
import { createIncident } from '@app/testing/scenario-seed';
import { DAY, HOUR, iso, MIDNIGHT } from '@app/testing/scenario-clock';
import { generateSamples, prometheusForFile, type ScenarioSeries } from '@app/testing/prometheus';

/*
 * A preview for an action judges what the saved metric's first check will judge: the same baseline
 * range (the metric's baselineEnd, else the post-mortem's occurredAt, else the action's openedAt)
 * and the same window (from the action's implementedAt).
 */

const ACTIONS = '/api/v1/actions';
const OCCURRED = MIDNIGHT - 30 * DAY;
const OPENED = MIDNIGHT - 20 * DAY;
const SHIPPED = MIDNIGHT - 10 * DAY;
/** Half an evaluation window after the fix: judged on post-fix data alone when implementedAt is known. */
const AT = SHIPPED + 12 * HOUR;

// 400 up to the incident, 500 while the cause lingered, 250 once the fix shipped.
const value = (t: number) => (t <= OCCURRED ? 400 : t < SHIPPED ? 500 : 250);
const SERIES: ScenarioSeries[] = [
  {
    name: 'ledger_latency_ms',
    samples: generateSamples({ from: MIDNIGHT - 45 * DAY, to: MIDNIGHT, stepMs: 5 * 60_000 }, value),
  },
];

const METRIC = {
  name: 'ledger latency',
  datasource: 'prom',
  query: 'ledger_latency_ms',
  direction: 'decrease',
  target: { relativePercent: 25 },
  baselineWindow: '7d',
  evaluationWindow: '1d',
  checkEvery: '1h',
};

const prometheus = prometheusForFile({ series: SERIES, now: MIDNIGHT });

describeEachDatabase('metric preview for an action', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let scorer: HttpClient;
  let postmortemId: string;

  beforeAll(async () => {
    const datasources = [{ name: 'prom', type: 'prometheus', url: prometheus.url, timeoutMs: 5000 }];
    service = await ServiceProcess.start({ database, datasources });
    ({ editor, scorer } = await service.clientsFor({ editor: 'sre', scorer: 'cron' }));
    postmortemId = await createIncident(editor, 'Ledger latency', OCCURRED);
  }, 60_000);
  afterAll(async () => service?.destroy());

  async function shippedAction(body: Record<string, unknown>): Promise<string> {
    const res = await editor.post(ACTIONS, {
      title: 'Cache the ledger lookups',
      ownerTeam: 'ledger',
      openedAt: iso(OPENED),
      status: 'implemented',
      implementedAt: iso(SHIPPED),
      ...body,
    });
    expectStatus(res, 201);
    return res.body.id;
  }

  async function preview(body: Record<string, unknown>): Promise<any> {
    const res = await editor.post('/api/v1/metrics/preview', { ...METRIC, at: iso(AT), ...body });
    expectStatus(res, 200);
    return res.body;
  }

  it("judges the baseline and window the saved metric's first check judges", async () => {
    const actionId = await shippedAction({ postmortemId });
    const previewed = await preview({ actionId });
    expect(previewed).toMatchObject({
      baselineRange: { start: iso(OCCURRED - 7 * DAY), end: iso(OCCURRED) },
      baseline: 400,
      goal: 300,
      value: 250,
      verdict: 'met',
      windowStart: iso(SHIPPED),
      windowEnd: iso(AT),
    });

    expectStatus(await editor.post(`${ACTIONS}/${actionId}/metrics`, METRIC), 201);
    const api = new ScoringApi(editor, scorer);
    expect(await api.run(actionId, AT)).toMatchObject({ scored: 1 });
    const [first] = await api.evaluations(actionId);
    const judged = (r: any) => [r.baseline, r.goal, r.value, r.verdict, r.windowStart, r.windowEnd];
    expect(judged(first)).toEqual(judged(previewed));
  });

  it('without the action, it judges a different baseline and window', async () => {
    const alone = await preview({});
    // The baseline ends where the evaluation window starts, inside the lingering 500s; no fix time is known.
    expect(alone).toMatchObject({
      baselineRange: { start: iso(AT - DAY - 7 * DAY), end: iso(AT - DAY) },
      baseline: 500,
      windowStart: iso(AT - DAY),
    });
    expect(alone.value).toBeGreaterThan(250);
  });

  it("takes the post-mortem's occurredAt for a post-mortem, the action's openedAt without one, and the metric's own baselineEnd first", async () => {
    expect((await preview({ postmortemId })).baselineRange).toEqual({
      start: iso(OCCURRED - 7 * DAY),
      end: iso(OCCURRED),
    });
    const loose = await shippedAction({});
    const byOpened = await preview({ actionId: loose });
    expect(byOpened).toMatchObject({
      baselineRange: { start: iso(OPENED - 7 * DAY), end: iso(OPENED) },
      baseline: 500,
      windowStart: iso(SHIPPED),
    });
    const explicit = await preview({ actionId: loose, baselineEnd: iso(OCCURRED - DAY) });
    expect(explicit).toMatchObject({
      baselineRange: { start: iso(OCCURRED - 8 * DAY), end: iso(OCCURRED - DAY) },
      baseline: 400,
    });
  });

  it('refuses an unknown action or post-mortem, naming the field', async () => {
    const unknown = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
    const byAction = await editor.post('/api/v1/metrics/preview', { ...METRIC, actionId: unknown });
    expectStatus(byAction, 400);
    expect(byAction.body.message).toBe(`actionId: action ${unknown} not found`);
    const byPostmortem = await editor.post('/api/v1/metrics/preview', { ...METRIC, postmortemId: unknown });
    expectStatus(byPostmortem, 400);
    expect(byPostmortem.body.message).toBe(`postmortemId: post-mortem ${unknown} not found`);
    const actionId = await shippedAction({ postmortemId });
    const other = await editor.post('/api/v1/postmortems', {
      kind: 'incident',
      title: 'Another',
      severity: 'SEV3',
      occurredAt: iso(OPENED),
    });
    const mismatch = await editor.post('/api/v1/metrics/preview', { ...METRIC, actionId, postmortemId: other.body.id });
    expectStatus(mismatch, 400);
    expect(mismatch.body.message).toMatch(/^postmortemId: /);
  });
});
