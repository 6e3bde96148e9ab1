import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeEachDatabase, expectStatus, HttpClient, ServiceProcess } from '@app/testing';
import type { DatabaseChoice, HttpResult } from '@app/testing';

const ACTIONS = '/api/v1/actions';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Slots are multiples of checkEvery from the epoch: hang the checks off the last whole hour.
const LAST_HOUR = Math.floor(Date.now() / HOUR) * HOUR;

const METRIC = {
  datasource: 'down',
  query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="checkout"}[5m])))',
  direction: 'decrease',
  target: { absolute: 0.3 },
};

/** Every list is a page `{items, nextCursor}` walked with `cursor` and `limit` (1–200, default 50). */
describeEachDatabase('lists as pages', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  let scorer: HttpClient;

  beforeAll(async () => {
    const datasources = [{ name: 'down', type: 'prometheus', url: 'http://127.0.0.1:9', timeoutMs: 1000 }];
    service = await ServiceProcess.start({ database, env: { REMEDIATION_DATASOURCES: JSON.stringify(datasources) } });
    const issue = (name: string, role: string) => service.clientFor(name, role);
    editor = await issue('sre', 'editor');
    viewer = await issue('dashboard', 'viewer');
    scorer = await issue('cron', 'scorer');
  });
  afterAll(async () => service?.destroy());

  async function newAction(fields: Record<string, unknown> = {}): Promise<string> {
    const res = await editor.post(ACTIONS, { title: 'Add a retry budget', ownerTeam: 'payments', ...fields });
    expectStatus(res, 201);
    return res.body.id;
  }

  /** Every page of `path` with `limit`, following nextCursor; the page sizes seen. */
  async function walk(path: string, limit: number): Promise<{ items: any[]; sizes: number[] }> {
    const items: any[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    const join = path.includes('?') ? '&' : '?';
    do {
      const res: HttpResult = await viewer.get(
        `${path}${join}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expectStatus(res, 200);
      expect(Object.keys(res.body).sort()).toEqual(['items', 'nextCursor']);
      items.push(...res.body.items);
      sizes.push(res.body.items.length);
      cursor = res.body.nextCursor;
    } while (cursor !== null && sizes.length < 20);
    return { items, sizes };
  }

  describe('an action’s success metrics', () => {
    it('come a page at a time, oldest first, every one once', async () => {
      const actionId = await newAction();
      const names = [
        'checkout p99 latency',
        'checkout error ratio',
        'cart p95 latency',
        'queue depth',
        'payment timeouts',
      ];
      const ids: string[] = [];
      for (const name of names) {
        const res = await editor.post(`${ACTIONS}/${actionId}/metrics`, { ...METRIC, name });
        expectStatus(res, 201);
        ids.push(res.body.id);
      }
      const all = await viewer.get(`${ACTIONS}/${actionId}/metrics`);
      expectStatus(all, 200);
      expect(all.body.items.map((m: { id: string }) => m.id)).toEqual(ids);
      expect(all.body.nextCursor).toBeNull();

      const { items, sizes } = await walk(`${ACTIONS}/${actionId}/metrics`, 2);
      expect(sizes).toEqual([2, 2, 1]);
      expect(items.map((m) => m.name)).toEqual(names);
      expect(items).toEqual(all.body.items);
    });

    it.each([
      ['limit=0', /^limit must not be less than 1/],
      ['limit=201', /^limit must not be greater than 200/],
      ['limit=ten', /^limit must be an integer/],
      ['cursor=bm90LWEtY3Vyc29y', /^cursor: /],
      ['cursor=%21%21', /^cursor: /],
    ])('refuses %s with a 400 naming the parameter', async (query, message) => {
      const actionId = await newAction();
      const res = await viewer.get(`${ACTIONS}/${actionId}/metrics?${query}`);
      expectStatus(res, 400);
      expect(res.body.message).toMatch(message);
    });
  });

  describe('API keys', () => {
    it('come a page at a time, oldest first, every one once, revoked ones included', async () => {
      const issued: string[] = [];
      for (const name of ['ci one', 'ci two', 'ci three']) {
        const res = await service.http.post('/api/v1/keys', { name, role: 'viewer' });
        expectStatus(res, 201);
        issued.push(res.body.id);
      }
      expectStatus(await service.http.delete(`/api/v1/keys/${issued[1]}`), 204);
      const all = await service.http.get('/api/v1/keys');
      expectStatus(all, 200);
      expect(all.body.nextCursor).toBeNull();
      // The admin key first, then the keys issued in beforeAll, then these.
      expect(all.body.items.slice(-3).map((k: { id: string }) => k.id)).toEqual(issued);
      expect(all.body.items.find((k: { id: string }) => k.id === issued[1]).revokedAt).not.toBeNull();

      const pages: any[][] = [];
      let cursor: string | null = null;
      do {
        const res: HttpResult = await service.http.get(
          `/api/v1/keys?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expectStatus(res, 200);
        pages.push(res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor !== null && pages.length < 10);
      expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
      expect(pages.flat()).toEqual(all.body.items);
    });
  });

  describe('flags', () => {
    const team = `flags-${database}`;
    let metricIds: string[];

    beforeAll(async () => {
      // Five actions past due (overdue) and unchanged for 40 days (stalled, but for the one whose only
      // metric gives no evidence: its datasource never answers).
      const openedAt = new Date(LAST_HOUR - 40 * DAY).toISOString();
      const dueAt = new Date(LAST_HOUR - 10 * DAY).toISOString();
      const actionIds: string[] = [];
      for (let i = 0; i < 5; i++) actionIds.push(await newAction({ ownerTeam: team, openedAt, dueAt }));
      const metric = await editor.post(`${ACTIONS}/${actionIds[0]}/metrics`, {
        ...METRIC,
        name: 'checkout p99 latency',
      });
      expectStatus(metric, 201);
      metricIds = [metric.body.id];
      // Three failed checks in a row raise source_error.
      for (const hoursAgo of [2, 1, 0]) {
        const at = new Date(LAST_HOUR - hoursAgo * HOUR).toISOString();
        expectStatus(await scorer.post('/api/v1/scoring/run', { actionIds, at }), 200);
      }
    });

    it('come a page at a time, newest raise first, every one once', async () => {
      const all = await viewer.get(`/api/v1/flags?team=${team}`);
      expectStatus(all, 200);
      expect(all.body.nextCursor).toBeNull();
      const kinds = all.body.items.map((f: { kind: string }) => f.kind);
      // Four stalls: the metric's action gives no evidence (its checks fail). The stall it had on its
      // dates alone when created is history that its checks, dated before, decided again.
      expect(kinds.sort()).toEqual([...Array(5).fill('overdue'), 'source_error', ...Array(4).fill('stalled')]);
      const raised = all.body.items.map((f: { raisedAt: string }) => Date.parse(f.raisedAt));
      expect(raised).toEqual([...raised].sort((a, b) => b - a));

      const { items, sizes } = await walk(`/api/v1/flags?team=${team}`, 4);
      expect(sizes).toEqual([4, 4, 2]);
      expect(items).toEqual(all.body.items);
    });

    it('keeps the filters on every page', async () => {
      const { items } = await walk(`/api/v1/flags?team=${team}&kind=overdue&active=true`, 2);
      expect(items).toHaveLength(5);
      expect(new Set(items.map((f) => f.kind))).toEqual(new Set(['overdue']));
    });

    it('name the metric as its author wrote it, never by id', async () => {
      const res = await viewer.get(`/api/v1/flags?team=${team}&kind=source_error`);
      const [flag] = res.body.items;
      expect(flag.reason).toBe('the last 3 checks of metric "checkout p99 latency" failed with a datasource error');
      expect(flag.reason).not.toContain(metricIds[0]);
    });

    it.each([
      ['limit=0', /^limit must not be less than 1/],
      ['limit=201', /^limit must not be greater than 200/],
      ['cursor=bm90LWEtY3Vyc29y', /^cursor: /],
    ])('refuses %s with a 400 naming the parameter', async (query, message) => {
      const res = await viewer.get(`/api/v1/flags?${query}`);
      expectStatus(res, 400);
      expect(res.body.message).toMatch(message);
    });
  });
});

/** Every instant a request carries needs a time and a zone: a calendar date alone is refused. */
describeEachDatabase('dates without a time', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let actionId: string;
  let postmortemId: string;

  beforeAll(async () => {
    service = await ServiceProcess.start({
      database,
      env: { REMEDIATION_DATASOURCES: JSON.stringify([{ name: 'otel', type: 'otlp' }]) },
    });
    editor = service.http;
    const pm = await editor.post('/api/v1/postmortems', {
      kind: 'incident',
      title: 'Checkout outage',
      severity: 'SEV2',
      occurredAt: '2026-11-02T09:30:00Z',
    });
    expectStatus(pm, 201);
    postmortemId = pm.body.id;
    const action = await editor.post(ACTIONS, { title: 'Add a retry budget', ownerTeam: 'payments' });
    expectStatus(action, 201);
    actionId = action.body.id;
  });
  afterAll(async () => service?.destroy());

  const INCIDENT = { kind: 'incident', title: 'Checkout outage', severity: 'SEV2', occurredAt: '2026-11-02T09:30:00Z' };
  const SELECTOR_METRIC = {
    name: 'queue depth',
    datasource: 'otel',
    selector: { metric: 'queue.depth', statistic: 'value' },
    direction: 'decrease',
    target: { absolute: 3 },
  };

  const cases: Array<[string, string, () => string, Record<string, unknown>, RegExp]> = [
    [
      'post-mortem occurredAt',
      'post',
      () => '/api/v1/postmortems',
      { ...INCIDENT, occurredAt: '2026-11-02' },
      /^occurredAt must be an ISO-8601 date-time with a time zone/,
    ],
    [
      'post-mortem resolvedAt',
      'post',
      () => '/api/v1/postmortems',
      { ...INCIDENT, resolvedAt: '2026-11-03' },
      /^resolvedAt must be an ISO-8601 date-time with a time zone/,
    ],
    [
      'timeline at',
      'post',
      () => '/api/v1/postmortems',
      { ...INCIDENT, timeline: [{ at: '2026-11-02', text: 'paged' }] },
      /^timeline\.0\.at: at must be an ISO-8601 date-time with a time zone/,
    ],
    [
      'occurredAt on a change',
      'patch',
      () => `/api/v1/postmortems/${postmortemId}`,
      { occurredAt: '2026-11-02' },
      /^occurredAt must be an ISO-8601 date-time/,
    ],
    [
      'action openedAt',
      'post',
      () => ACTIONS,
      { title: 'x', ownerTeam: 'payments', openedAt: '2026-11-02' },
      /^openedAt must be an ISO-8601 date-time/,
    ],
    [
      'action dueAt',
      'post',
      () => ACTIONS,
      { title: 'x', ownerTeam: 'payments', dueAt: '2027-01-15' },
      /^dueAt must be an ISO-8601 date-time/,
    ],
    [
      'action implementedAt',
      'patch',
      () => `${ACTIONS}/${actionId}`,
      { status: 'implemented', implementedAt: '2026-11-02' },
      /^implementedAt must be an ISO-8601 date-time/,
    ],
    [
      'metric baselineEnd',
      'post',
      () => `${ACTIONS}/${actionId}/metrics`,
      { ...SELECTOR_METRIC, baselineEnd: '2026-11-02' },
      /^baselineEnd must be an ISO-8601 date-time/,
    ],
    [
      'backfill from',
      'post',
      () => `${ACTIONS}/${actionId}/backfill`,
      { from: '2026-11-02', to: '2026-11-03T00:00:00Z', every: '1h' },
      /^from must be an ISO-8601 date-time/,
    ],
    ['scoring run at', 'post', () => '/api/v1/scoring/run', { at: '2026-11-02' }, /^at must be an ISO-8601 date-time/],
    [
      'preview at',
      'post',
      () => '/api/v1/metrics/preview',
      { ...SELECTOR_METRIC, at: '2026-11-02' },
      /^at must be an ISO-8601 date-time/,
    ],
  ];

  it.each(cases)('refuses a date-only %s with a 400 naming it', async (_, method, path, body, message) => {
    const res = method === 'post' ? await editor.post(path(), body) : await editor.patch(path(), body);
    expectStatus(res, 400);
    expect(res.body.message).toMatch(message);
  });

  it.each([
    ['burndown from', '/api/v1/burndown?from=2026-11-02', /^from must be an ISO-8601 date-time/],
    ['burndown to', '/api/v1/burndown?to=2026-11-02', /^to must be an ISO-8601 date-time/],
    ['post-mortem list from', '/api/v1/postmortems?from=2026-11-02', /^from must be an ISO-8601 date-time/],
  ])('refuses a date-only %s with a 400 naming it', async (_, path, message) => {
    const res = await editor.get(path);
    expectStatus(res, 400);
    expect(res.body.message).toMatch(message);
  });

  it('writes nothing for a refused post-mortem', async () => {
    const before = (await editor.get('/api/v1/postmortems?limit=200')).body.items.length;
    expectStatus(await editor.post('/api/v1/postmortems', { ...INCIDENT, occurredAt: '2026-11-02' }), 400);
    expect((await editor.get('/api/v1/postmortems?limit=200')).body.items).toHaveLength(before);
  });
});
