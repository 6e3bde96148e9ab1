import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { describeEachDatabase, expectStatus, HttpClient, HttpResult, ServiceProcess } from '@app/testing';
import type { DatabaseChoice } from '@app/testing';

// docs/api.md, "Validation": bodies and queries a validator cannot safely look at are refused first.
const ACTIONS = '/api/v1/actions';
const POSTMORTEMS = '/api/v1/postmortems';

/** `{"x":{"x":…1…}}` nested `depth` times, as text (an object literal that deep would be the test's problem). */
function nestedObject(depth: number): string {
  return '{"x":'.repeat(depth) + '1' + '}'.repeat(depth);
}

function nestedArray(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

function expectRefused(res: HttpResult, named: string | RegExp): void {
  expectStatus(res, 400);
  expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.any(String) });
  expect(res.body.message).toMatch(named);
}

describeEachDatabase('hostile input', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let editor: HttpClient;
  const run = randomBytes(3).toString('hex');
  let names = 0;
  const unique = (prefix: string): string => `${prefix}-${run}-${++names}`;

  beforeAll(async () => {
    service = await ServiceProcess.start({
      database,
      env: {
        REMEDIATION_DATASOURCES: JSON.stringify([{ name: 'prom', type: 'prometheus', url: 'http://127.0.0.1:9' }]),
      },
    });
    editor = await service.clientFor('hostile input editor', 'editor');
  });
  afterAll(async () => service?.destroy());

  /** POSTs `raw` as JSON text: the only way to send what JSON.stringify would never produce. */
  function postRaw(path: string, raw: string): Promise<HttpResult> {
    return editor.post(path, undefined, { rawBody: raw, headers: { 'content-type': 'application/json' } });
  }

  /** A valid action body as text, for `team`, with `extra` spliced in as further fields. */
  function actionText(team: string, extra: string): string {
    return `{"title":"Add a retry budget","ownerTeam":${JSON.stringify(team)},${extra}}`;
  }

  async function actionsOf(team: string): Promise<unknown[]> {
    const res = await editor.get(`${ACTIONS}?team=${encodeURIComponent(team)}`);
    expectStatus(res, 200);
    return res.body.items;
  }

  /** Post-mortems are found again by a service name no other test uses. */
  function postmortemText(service: string, extra: string): string {
    return JSON.stringify({
      kind: 'incident',
      title: 'Checkout returned 500s',
      severity: 'SEV2',
      occurredAt: '2025-01-05T14:02:00Z',
      services: [service],
    }).replace(/}$/, `,${extra}}`);
  }

  async function postmortemsOf(serviceName: string): Promise<unknown[]> {
    const res = await editor.get(`${POSTMORTEMS}?service=${serviceName}`);
    expectStatus(res, 200);
    return res.body.items;
  }

  async function newActionId(): Promise<string> {
    const res = await editor.post(ACTIONS, { title: 'Add a retry budget', ownerTeam: unique('team') });
    expectStatus(res, 201);
    return res.body.id;
  }

  async function metricsOf(actionId: string): Promise<unknown[]> {
    const res = await editor.get(`${ACTIONS}/${actionId}/metrics`);
    expectStatus(res, 200);
    return res.body.items;
  }

  const METRIC =
    '"name":"checkout p99","datasource":"prom","query":"up","direction":"decrease","target":{"relativePercent":25}';

  describe('deep nesting', () => {
    it('refuses an unknown field nested 5,000 deep on an action, a post-mortem and a metric', async () => {
      const team = unique('team');
      expectRefused(await postRaw(ACTIONS, actionText(team, `"extra":${nestedObject(5000)}`)), /nests deeper than/);
      expect(await actionsOf(team)).toEqual([]);

      const svc = unique('svc');
      expectRefused(await postRaw(POSTMORTEMS, postmortemText(svc, `"extra":${nestedObject(5000)}`)), /nests deeper/);
      expect(await postmortemsOf(svc)).toEqual([]);

      const actionId = await newActionId();
      const metricBody = `{${METRIC},"target":${nestedObject(5000)}}`;
      expectRefused(await postRaw(`${ACTIONS}/${actionId}/metrics`, metricBody), /nests deeper than/);
      expect(await metricsOf(actionId)).toEqual([]);
    });

    it('refuses a 60,000-deep array', async () => {
      const team = unique('team');
      expectRefused(await postRaw(ACTIONS, actionText(team, `"services":${nestedArray(60_000)}`)), /nests deeper/);
      expect(await actionsOf(team)).toEqual([]);
    });

    it('still takes a body nested as deep as a real one', async () => {
      const actionId = await newActionId();
      const res = await postRaw(`${ACTIONS}/${actionId}/metrics`, `{${METRIC}}`);
      expect(res.status).not.toBe(500);
      expect(res.text).not.toMatch(/nests deeper/);
    });
  });

  describe('the NUL character', () => {
    it('refuses it in a title, a nested field and a metric, naming the field', async () => {
      const team = unique('team');
      expectRefused(await editor.post(ACTIONS, { title: 'retry\u0000budget', ownerTeam: team }), /^title .*NUL/);
      expect(await actionsOf(team)).toEqual([]);

      const svc = unique('svc');
      const timeline = '"timeline":[{"at":"2025-01-05T14:02:00Z","text":"alert\\u0000fired"}]';
      expectRefused(await postRaw(POSTMORTEMS, postmortemText(svc, timeline)), /^timeline\.0\.text .*NUL/);
      expect(await postmortemsOf(svc)).toEqual([]);

      const actionId = await newActionId();
      expectRefused(await postRaw(`${ACTIONS}/${actionId}/metrics`, `{${METRIC},"name":"p99\\u0000"}`), /^name .*NUL/);
      expect(await metricsOf(actionId)).toEqual([]);
    });

    it('refuses it in a query filter, naming the parameter', async () => {
      expectRefused(await editor.get(`${ACTIONS}?team=%00`), /^team .*NUL/);
      expectRefused(await editor.get(`${POSTMORTEMS}?service=check%00out`), /^service .*NUL/);
    });
  });

  describe('prototype keys', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      it(`refuses "${key}" like any unknown field, at the top and nested`, async () => {
        const team = unique('team');
        expectRefused(await postRaw(ACTIONS, actionText(team, `"${key}":{"admin":true}`)), `property ${key}`);
        expect(await actionsOf(team)).toEqual([]);

        const svc = unique('svc');
        const nested = `"contributingFactors":[{"kind":"trigger","category":"technology","text":"t","${key}":{}}]`;
        expectRefused(await postRaw(POSTMORTEMS, postmortemText(svc, nested)), `property ${key}`);
        expect(await postmortemsOf(svc)).toEqual([]);

        const actionId = await newActionId();
        const metric = `{"datasource":"prom","query":"up","direction":"decrease","target":{"relativePercent":25,"${key}":1},"name":"p"}`;
        expectRefused(await postRaw(`${ACTIONS}/${actionId}/metrics`, metric), `target: property ${key}`);
        expect(await metricsOf(actionId)).toEqual([]);
      });
    }
  });

  describe('selector attribute names that objects inherit', () => {
    it('keeps hasOwnProperty, toString and valueOf as the attributes they are', async () => {
      const actionId = await newActionId();
      const attributes = { hasOwnProperty: 'a', toString: 'b', valueOf: 'c', isPrototypeOf: 'd' };
      const res = await editor.post(`${ACTIONS}/${actionId}/metrics`, {
        name: 'checkout p99',
        datasource: 'otlp',
        selector: { metric: 'http.server.request.duration', attributes, statistic: 'p99' },
        direction: 'decrease',
        target: { relativePercent: 25 },
      });
      expectStatus(res, 201);
      expect(res.body.selector.attributes).toEqual(attributes);
      const [stored] = (await metricsOf(actionId)) as Array<{ selector: { attributes: unknown } }>;
      expect(stored!.selector.attributes).toEqual(attributes);
    });
  });

  describe('blank text and strict integers', () => {
    for (const [label, blank] of [
      ['zero-width spaces', '\u200b\u200b'],
      ['a zero-width joiner and a byte-order mark', '\u200d\ufeff'],
      ['word joiners and spaces', ' \u2060 '],
    ] as const) {
      it(`refuses a title or team of ${label} like a blank one`, async () => {
        const team = unique('team');
        expectRefused(await editor.post(ACTIONS, { title: blank, ownerTeam: team }), /^title must not be blank/);
        expect(await actionsOf(team)).toEqual([]);
        expectRefused(await editor.post(ACTIONS, { title: 'Retry budget', ownerTeam: blank }), /^ownerTeam .*blank/);

        const svc = unique('svc');
        expectRefused(await postRaw(POSTMORTEMS, postmortemText(svc, `"title":${JSON.stringify(blank)}`)), /^title/);
        expect(await postmortemsOf(svc)).toEqual([]);
      });
    }

    for (const limit of ['0x10', '1e1', '16.0', '+16', ' 16', '0b10']) {
      it(`refuses ?limit=${limit}: only decimal digits are a number`, async () => {
        expectRefused(await editor.get(`${ACTIONS}?limit=${encodeURIComponent(limit)}`), /^limit/);
        expectRefused(await editor.get(`${POSTMORTEMS}?limit=${encodeURIComponent(limit)}`), /^limit/);
      });
    }

    it('still reads ?limit=16 as 16', async () => {
      const team = unique('team');
      for (let i = 0; i < 17; i++) expectStatus(await editor.post(ACTIONS, { title: `a${i}`, ownerTeam: team }), 201);
      const res = await editor.get(`${ACTIONS}?team=${team}&limit=16`);
      expectStatus(res, 200);
      expect(res.body.items).toHaveLength(16);
    });
  });
});
