import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { describeEachDatabase, expectStatus, HttpClient, itOnPostgres, ServiceProcess, withClient } from '@app/testing';
import type { DatabaseChoice } from '@app/testing';
import { SUCCESS_METRIC_DEFAULTS } from '@app/domain';
import { CREATE_METRIC_EXAMPLES } from '../apps/api/src/success-metrics/dto/metric.examples';

const ACTIONS = '/api/v1/actions';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const EDITOR = 'sre editor';

const DATASOURCES = [
  { name: 'prom', type: 'prometheus', url: 'http://127.0.0.1:9' },
  { name: 'otel', type: 'otlp' },
];

const PROMQL = {
  name: 'checkout p99 latency',
  datasource: 'prom',
  query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="checkout"}[5m])))',
  direction: 'decrease',
  target: { relativePercent: 25 },
};

/** The API's own example of an OpenTelemetry error ratio, on this file's otlp datasource. */
const OTEL_RATIO: Record<string, unknown> = { ...CREATE_METRIC_EXAMPLES.selector.value, datasource: 'otel' };

describeEachDatabase('success metrics', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;

  beforeAll(async () => {
    service = await ServiceProcess.start({ database, env: { REMEDIATION_DATASOURCES: JSON.stringify(DATASOURCES) } });
    const issue = (name: string, role: string) => service.clientFor(name, role);
    editor = await issue(EDITOR, 'editor');
    viewer = await issue('dashboard', 'viewer');
  });
  afterAll(async () => service?.destroy());

  async function newAction(steps: Array<Record<string, unknown>> = []): Promise<string> {
    const res = await editor.post(ACTIONS, { title: 'Add a retry budget', ownerTeam: 'payments' });
    expectStatus(res, 201);
    for (const step of steps) expectStatus(await editor.patch(`${ACTIONS}/${res.body.id}`, step), 200);
    return res.body.id;
  }

  async function add(actionId: string, body: Record<string, unknown>): Promise<any> {
    const res = await editor.post(`${ACTIONS}/${actionId}/metrics`, body);
    expectStatus(res, 201);
    return res.body;
  }

  async function update(actionId: string, metricId: string, body: Record<string, unknown>): Promise<any> {
    const res = await editor.patch(`${ACTIONS}/${actionId}/metrics/${metricId}`, body);
    expectStatus(res, 200);
    return res.body;
  }

  async function list(actionId: string): Promise<any[]> {
    const res = await viewer.get(`${ACTIONS}/${actionId}/metrics`);
    expectStatus(res, 200);
    expect(res.body.nextCursor).toBeNull();
    return res.body.items;
  }

  async function events(actionId: string): Promise<any[]> {
    const res = await viewer.get(`${ACTIONS}/${actionId}/events?limit=200`);
    expectStatus(res, 200);
    return res.body.items;
  }

  describe('add', () => {
    it('attaches a PromQL metric with the defaults', async () => {
      const actionId = await newAction();
      const metric = await add(actionId, PROMQL);
      expect(metric).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        sourceId: null,
        actionId,
        ...SUCCESS_METRIC_DEFAULTS,
        ...PROMQL,
        translatedQuery: null,
        baselineValue: null,
        // A relative target waits for the baseline.
        goal: null,
        latest: null,
        progress: null,
        metSince: null,
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
      });
      expect(await list(actionId)).toEqual([metric]);
      const one = await viewer.get(`${ACTIONS}/${actionId}/metrics/${metric.id}`);
      expect(one.body).toEqual(metric);
      const action = await viewer.get(`${ACTIONS}/${actionId}`);
      expect(action.body.metrics).toEqual([metric]);
    });

    it('attaches an OpenTelemetry ratio, and every field given', async () => {
      const actionId = await newAction();
      const body = {
        ...OTEL_RATIO,
        aggregation: 'p95',
        baselineWindow: '30d',
        baselineEnd: '2025-01-05T14:02:00Z',
        evaluationWindow: '3d',
        sustainFor: '0s',
        verifyWithin: '60d',
        checkEvery: '15m',
        step: '5m',
        confidence: 0.95,
      };
      const metric = await add(actionId, body);
      expect(metric).toMatchObject({ ...body, query: null, baselineEnd: '2025-01-05T14:02:00.000Z', goal: 0.001 });
    });

    it('accepts a selector on a prometheus datasource', async () => {
      const metric = await add(await newAction(), { ...OTEL_RATIO, datasource: 'prom' });
      expect(metric.selector).toEqual(OTEL_RATIO.selector);
    });

    it.each<[string, Record<string, unknown>, number | null, number | null]>([
      ['decrease, absolute', { direction: 'decrease', target: { absolute: 0.25 } }, null, 0.25],
      ['decrease, relative with a baseline', { direction: 'decrease', target: { relativePercent: 25 } }, 200, 150],
      [
        'decrease, both: the stricter (smaller)',
        { direction: 'decrease', target: { absolute: 160, relativePercent: 25 } },
        200,
        150,
      ],
      [
        'decrease, both: the absolute is stricter',
        { direction: 'decrease', target: { absolute: 100, relativePercent: 25 } },
        200,
        100,
      ],
      ['increase, relative with a baseline', { direction: 'increase', target: { relativePercent: 10 } }, 0.9, 0.99],
      [
        'increase, both: the stricter (larger)',
        { direction: 'increase', target: { absolute: 0.999, relativePercent: 10 } },
        0.9,
        0.999,
      ],
    ])('resolves the goal: %s', async (_, change, baseline, goal) => {
      const metric = await add(await newAction(), { ...PROMQL, ...change, baseline });
      expect(metric.baselineValue).toBe(baseline);
      expect(metric.goal).toBeCloseTo(goal!, 10);
    });

    const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
      [
        'an unknown datasource',
        { datasource: 'thanos' },
        /^datasource: unknown datasource "thanos"; configured: prom, otel, otlp$/,
      ],
      ['PromQL on an otlp datasource', { datasource: 'otel' }, /^query: PromQL needs a prometheus datasource/],
      ['neither query nor selector', { query: undefined }, /^query: give either query/],
      [
        'both query and selector',
        { selector: OTEL_RATIO.selector },
        /^selector: give either query or selector, not both/,
      ],
      ['an empty query', { query: '' }, /^query must be longer than or equal to 1/],
      ['a query over 10000 characters', { query: 'x'.repeat(10_001) }, /^query must be shorter than or equal to 10000/],
      ['no name', { name: undefined }, /^name must be a string/],
      ['a name of 201 characters', { name: 'x'.repeat(201) }, /^name must be shorter than or equal to 200/],
      ['an unknown direction', { direction: 'down' }, /^direction must be one of/],
      ['no target', { target: undefined }, /^target must be an object/],
      ['an empty target', { target: {} }, /^target: give absolute, relativePercent or both$/],
      [
        'a zero relative target',
        { target: { relativePercent: 0 } },
        /^target\.relativePercent: must be a number greater than 0$/,
      ],
      [
        'a decrease by more than 100%',
        { target: { relativePercent: 120 } },
        /^target\.relativePercent: at most 100 for a decrease/,
      ],
      ['a target field it does not know', { target: { percent: 5 } }, /^target\.percent: unknown field$/],
      ['an unknown aggregation', { aggregation: 'median' }, /^aggregation must be one of/],
      [
        'a bad duration',
        { evaluationWindow: '7x' },
        /^evaluationWindow: not a duration "7x" \(expected e\.g\. 30m, 6h, 14d\)$/,
      ],
      ['a bad baselineWindow', { baselineWindow: 'two weeks' }, /^baselineWindow: not a duration "two weeks"/],
      ['checking more often than a minute', { checkEvery: '30s' }, /^checkEvery: at least 1m/],
      ['a bad step', { step: '0m' }, /^step: must be longer than 0$/],
      ['a bad baselineEnd', { baselineEnd: 'last week' }, /^baselineEnd must be an ISO-8601/],
      ['a confidence of 1', { confidence: 1 }, /^confidence: must be between 0 and 1/],
      ['a text baseline', { baseline: 'high' }, /^baseline must be a number/],
      ['a read-only field', { baselineValue: 3 }, /^baselineValue: property baselineValue should not exist/],
      [
        'a selector that is not an object',
        { query: undefined, datasource: 'otel', selector: 'http.requests' },
        /^selector must be an object/,
      ],
      [
        'a bad metric name',
        { query: undefined, selector: { metric: '1st.metric', statistic: 'rate' } },
        /^selector\.metric: must be an OpenTelemetry metric name/,
      ],
      [
        'an unknown statistic',
        { query: undefined, selector: { metric: 'http.requests', statistic: 'median' } },
        /^selector\.statistic: must be one of value, rate/,
      ],
      [
        'a numeric attribute',
        { query: undefined, selector: { metric: 'http.requests', statistic: 'rate', attributes: { code: 500 } } },
        /^selector\.attributes\.code: must be a string/,
      ],
      [
        'a denominator with its own denominator',
        {
          query: undefined,
          selector: {
            metric: 'a',
            statistic: 'rate',
            denominator: { metric: 'b', statistic: 'rate', denominator: { metric: 'c', statistic: 'rate' } },
          },
        },
        /^selector\.denominator\.denominator: unknown field$/,
      ],
      [
        'an unknown seasonality',
        { seasonality: 'hourly' },
        /^seasonality must be one of the following values: none, daily, weekly$/,
      ],
      ['a time zone that does not exist', { timeZone: 'Europe/Atlantis' }, /^timeZone: not an IANA time zone/],
      [
        'a weekly seasonality over a 3-day baseline',
        { seasonality: 'weekly', baselineWindow: '3d' },
        /^baselineWindow: a weekly seasonality needs a baseline window of at least one whole period/,
      ],
    ];

    it.each(refusals)('refuses %s with a 400 naming the field, writing nothing', async (_, change, message) => {
      const actionId = await newAction();
      const res = await editor.post(`${ACTIONS}/${actionId}/metrics`, { ...PROMQL, ...change });
      expectStatus(res, 400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message).toMatch(message);
      expect(await list(actionId)).toEqual([]);
      expect((await events(actionId)).map((e) => e.type)).toEqual(['created']);
    });

    it.each<[string, Array<Record<string, unknown>>, RegExp]>([
      [
        'verified',
        [
          { status: 'in_progress' },
          { status: 'implemented' },
          { status: 'verified', verificationNote: 'load test passes' },
        ],
        /verified action/,
      ],
      ['wont_fix', [{ status: 'wont_fix' }], /wont_fix action/],
    ])('refuses a metric on a %s action with a 409', async (_, steps, message) => {
      const actionId = await newAction(steps);
      const res = await editor.post(`${ACTIONS}/${actionId}/metrics`, PROMQL);
      expectStatus(res, 409);
      expect(res.body.message).toMatch(message);
      expect(await list(actionId)).toEqual([]);
    });

    it('records the addition in the audit trail', async () => {
      const actionId = await newAction();
      const metric = await add(actionId, { ...PROMQL, baseline: 300 });
      const added = (await events(actionId)).at(-1);
      expect(added).toMatchObject({ type: 'metric_added', actor: EDITOR });
      expect(added.changes).toMatchObject({
        metricId: { from: null, to: metric.id },
        name: { from: null, to: PROMQL.name },
        query: { from: null, to: PROMQL.query },
        target: { from: null, to: PROMQL.target },
        baseline: { from: null, to: 300 },
      });
    });
  });

  describe('update', () => {
    it('changes the fields given and records them', async () => {
      const actionId = await newAction();
      const metric = await add(actionId, { ...PROMQL, baseline: 200 });
      const renamed = await update(actionId, metric.id, { name: 'checkout p99 (ms)', checkEvery: '5m' });
      expect(renamed).toEqual({ ...metric, name: 'checkout p99 (ms)', checkEvery: '5m', updatedAt: renamed.updatedAt });
      const last = (await events(actionId)).at(-1);
      expect(last).toMatchObject({ type: 'metric_updated', actor: EDITOR });
      expect(last.changes).toEqual({
        metricId: { from: metric.id, to: metric.id },
        name: { from: PROMQL.name, to: 'checkout p99 (ms)' },
        checkEvery: { from: '1h', to: '5m' },
      });
    });

    it('writes no event when nothing changes', async () => {
      const actionId = await newAction();
      const metric = await add(actionId, PROMQL);
      expect(await update(actionId, metric.id, { name: PROMQL.name, target: { relativePercent: 25 } })).toEqual(metric);
      expect((await events(actionId)).map((e) => e.type)).toEqual(['created', 'metric_added']);
    });

    it('follows a changed explicit baseline, and forgets it when cleared', async () => {
      const actionId = await newAction();
      const metric = await add(actionId, { ...PROMQL, baseline: 200 });
      expect(metric).toMatchObject({ baselineValue: 200, goal: 150 });
      const lowered = await update(actionId, metric.id, { baseline: 120 });
      expect(lowered).toMatchObject({ baseline: 120, baselineValue: 120, goal: 90 });
      const cleared = await update(actionId, metric.id, { baseline: null });
      expect(cleared).toMatchObject({ baseline: null, baselineValue: null, goal: null });
      expect((await events(actionId)).at(-1).changes).toMatchObject({
        baseline: { from: 120, to: null },
        baselineValue: { from: 120, to: null },
      });
    });

    itOnPostgres(
      database,
      'forgets a measured baseline and the met streak when the measurement changes, not when renamed',
      async () => {
        const actionId = await newAction();
        const metric = await add(actionId, PROMQL);
        // What the scorer writes once it has measured the baseline and seen the goal met. A change
        // re-derives the met streak from the metric's checks (there are none here), so it is
        // written again before each change this test looks at.
        const scored = () =>
          withClient(service.database!.url, (c) =>
            c.query(
              `UPDATE success_metrics SET baseline_value = 400, met_since = now() - interval '1 day' WHERE id = $1`,
              [metric.id],
            ),
          );
        await scored();
        const measured = (await viewer.get(`${ACTIONS}/${actionId}/metrics/${metric.id}`)).body;
        expect(measured).toMatchObject({ baselineValue: 400, goal: 300, metSince: expect.stringMatching(ISO) });
        expect(await update(actionId, metric.id, { name: 'renamed' })).toMatchObject({ baselineValue: 400 });
        expect((await events(actionId)).at(-1).changes).toMatchObject({ name: { from: PROMQL.name, to: 'renamed' } });
        expect((await events(actionId)).at(-1).changes).not.toHaveProperty('baselineValue');
        await scored();
        const requeried = await update(actionId, metric.id, { query: 'avg(rate(checkout_latency_seconds_sum[5m]))' });
        expect(requeried).toMatchObject({ baselineValue: null, goal: null, metSince: null });
        expect((await events(actionId)).at(-1).changes).toMatchObject({
          query: { from: PROMQL.query, to: 'avg(rate(checkout_latency_seconds_sum[5m]))' },
          baselineValue: { from: 400, to: null },
          metSince: { from: expect.stringMatching(ISO), to: null },
        });
      },
    );

    itOnPostgres(
      database,
      "forgets the baseline's model with a changed seasonality, and the pre-fix value with any change",
      async () => {
        const actionId = await newAction();
        const metric = await add(actionId, { ...PROMQL, seasonality: 'daily', timeZone: 'America/New_York' });
        expect(metric).toMatchObject({ seasonality: 'daily', timeZone: 'America/New_York' });
        const frozen = (metricId: string) =>
          withClient(service.database!.url, async (c) => {
            const { rows } = await c.query(
              `SELECT baseline_value, baseline_model, pre_fix_value, pre_fix_for FROM success_metrics WHERE id = $1`,
              [metricId],
            );
            return rows[0];
          });
        // What the scorer keeps once it has measured the baseline and the window before the fix.
        const measure = () =>
          withClient(service.database!.url, (c) =>
            c.query(
              `UPDATE success_metrics SET baseline_value = 400, pre_fix_value = 380, pre_fix_for = now(),
                 baseline_model = '{"blockMs": 43200000, "correlationTimeMs": 10800000, "blockMeans": [1, 2, 3, 4, 5], "profile": null}'
               WHERE id = $1`,
              [metric.id],
            ),
          );
        await measure();
        await update(actionId, metric.id, { evaluationWindow: '5d' });
        expect(await frozen(metric.id)).toMatchObject({
          baseline_value: 400,
          baseline_model: { blockMs: 43_200_000 },
          pre_fix_value: null,
          pre_fix_for: null,
        });
        await measure();
        const weekly = await update(actionId, metric.id, { seasonality: 'weekly' });
        expect(weekly).toMatchObject({ seasonality: 'weekly', baselineValue: null });
        expect(await frozen(metric.id)).toMatchObject({
          baseline_value: null,
          baseline_model: null,
          pre_fix_value: null,
        });
        await measure();
        await update(actionId, metric.id, { timeZone: 'UTC' });
        expect(await frozen(metric.id)).toMatchObject({ baseline_value: null, baseline_model: null });
        expect((await events(actionId)).at(-1).changes).toMatchObject({
          timeZone: { from: 'America/New_York', to: 'UTC' },
        });
      },
    );

    it('switches from a query to a selector without an explicit null', async () => {
      const actionId = await newAction();
      const metric = await add(actionId, PROMQL);
      const switched = await update(actionId, metric.id, { datasource: 'otel', selector: OTEL_RATIO.selector });
      expect(switched).toMatchObject({ datasource: 'otel', query: null, selector: OTEL_RATIO.selector });
    });

    it.each<[string, Record<string, unknown>, RegExp]>([
      [
        'a datasource that cannot run the existing query',
        { datasource: 'otel' },
        /^query: PromQL needs a prometheus datasource/,
      ],
      [
        'a direction that makes the target impossible',
        { direction: 'decrease', target: { relativePercent: 150 } },
        /^target\.relativePercent: at most 100/,
      ],
      ['clearing the query without a selector', { query: null }, /^query: give either query/],
      ['a null name', { name: null }, /^name must be a string/],
      ['a bad duration', { sustainFor: '1 week' }, /^sustainFor: not a duration "1 week"/],
      [
        'an unknown datasource',
        { datasource: 'nope' },
        /^datasource: unknown datasource "nope"; configured: prom, otel, otlp$/,
      ],
      ['a read-only field', { goal: 3 }, /^goal: property goal should not exist/],
    ])('refuses %s with a 400 naming the field, changing nothing', async (_, body, message) => {
      const actionId = await newAction();
      const metric = await add(actionId, PROMQL);
      const res = await editor.patch(`${ACTIONS}/${actionId}/metrics/${metric.id}`, body);
      expectStatus(res, 400);
      expect(res.body.message).toMatch(message);
      expect(await list(actionId)).toEqual([metric]);
      expect((await events(actionId)).map((e) => e.type)).toEqual(['created', 'metric_added']);
    });
  });

  describe('remove, ids and roles', () => {
    it('removes a metric and records it', async () => {
      const actionId = await newAction();
      const kept = await add(actionId, OTEL_RATIO);
      const metric = await add(actionId, PROMQL);
      expectStatus(await editor.delete(`${ACTIONS}/${actionId}/metrics/${metric.id}`), 204);
      expectStatus(await viewer.get(`${ACTIONS}/${actionId}/metrics/${metric.id}`), 404);
      expect(await list(actionId)).toEqual([kept]);
      const removed = (await events(actionId)).at(-1);
      expect(removed).toMatchObject({ type: 'metric_removed', actor: EDITOR });
      expect(removed.changes).toMatchObject({
        metricId: { from: metric.id, to: null },
        name: { from: PROMQL.name, to: null },
      });
      expectStatus(await editor.delete(`${ACTIONS}/${actionId}/metrics/${metric.id}`), 404);
    });

    it("answers 404 for another action's metric", async () => {
      const owner = await newAction();
      const other = await newAction();
      const metric = await add(owner, PROMQL);
      const path = `${ACTIONS}/${other}/metrics/${metric.id}`;
      for (const res of [
        await viewer.get(path),
        await editor.patch(path, { name: 'hijacked' }),
        await editor.delete(path),
      ]) {
        expectStatus(res, 404);
        expect(res.body.message).toBe(`success metric ${metric.id} not found`);
      }
      expect(await list(owner)).toEqual([metric]);
    });

    it('refuses malformed ids with a 400 naming them, and unknown actions with a 404', async () => {
      const actionId = await newAction();
      const badMetric = await viewer.get(`${ACTIONS}/${actionId}/metrics/42`);
      expectStatus(badMetric, 400);
      expect(badMetric.body.message).toMatch(/^metricId must be a UUID/);
      const badAction = await editor.post(`${ACTIONS}/x/metrics`, PROMQL);
      expectStatus(badAction, 400);
      expect(badAction.body.message).toMatch(/^id must be a UUID/);
      const unknown = randomUUID();
      for (const res of [
        await viewer.get(`${ACTIONS}/${unknown}/metrics`),
        await editor.post(`${ACTIONS}/${unknown}/metrics`, PROMQL),
      ]) {
        expectStatus(res, 404);
        expect(res.body.message).toBe(`action ${unknown} not found`);
      }
    });

    it('lets a viewer read metrics but not change them', async () => {
      const actionId = await newAction();
      const metric = await add(actionId, PROMQL);
      const path = `${ACTIONS}/${actionId}/metrics`;
      for (const res of [
        await viewer.post(path, PROMQL),
        await viewer.patch(`${path}/${metric.id}`, { name: 'changed' }),
        await viewer.delete(`${path}/${metric.id}`),
      ]) {
        expectStatus(res, 403);
      }
      expect(await list(actionId)).toEqual([metric]);
    });

    it('removes the metrics with their action', async () => {
      const actionId = await newAction();
      const metric = await add(actionId, PROMQL);
      expectStatus(await editor.delete(`${ACTIONS}/${actionId}`), 204);
      expectStatus(await viewer.get(`${ACTIONS}/${actionId}/metrics/${metric.id}`), 404);
      expectStatus(await viewer.get(`${ACTIONS}/${actionId}/metrics`), 404);
    });
  });

  it('keeps metrics across a restart', async () => {
    const actionId = await newAction();
    const metrics = [await add(actionId, { ...PROMQL, baseline: 250 }), await add(actionId, OTEL_RATIO)];
    await service.restart();
    expect(await list(actionId)).toEqual(metrics);
    expect((await viewer.get(`${ACTIONS}/${actionId}`)).body.metrics).toEqual(metrics);
  });
});
