import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { reviewWithoutFacts } from '@app/testing/record-defaults';
import { randomUUID } from 'node:crypto';
import { describeEachDatabase, HttpClient, ServiceProcess } from '@app/testing';
import type { DatabaseChoice, HttpResult } from '@app/testing';

const BASE = '/api/v1/postmortems';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const INCIDENT = {
  kind: 'incident',
  title: 'Checkout returned 500s',
  severity: 'SEV2',
  occurredAt: '2025-01-05T14:02:00Z',
  resolvedAt: '2025-01-05T16:17:00+01:00',
  services: ['checkout', 'payments-api', 'checkout'],
  summary: '# Impact\n\nPayments failed for **2 h**.',
  timeline: [
    { at: '2025-01-05T15:00:00Z', text: 'rolled back' },
    { at: '2025-01-05T14:02:00Z', text: 'alert fired' },
  ],
  contributingFactors: [
    { kind: 'trigger', category: 'technology', text: 'config push without validation' },
    { kind: 'latent', category: 'process', text: 'no canary stage' },
  ],
};

/** A test-name-sized rendering of a request body. */
function brief(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Links a corrective action to a post-mortem through the API; returns a way to move it off. */
async function linkAction(editor: HttpClient, postmortemId: string): Promise<() => Promise<void>> {
  const created = await editor.post('/api/v1/actions', {
    postmortemId,
    title: 'Add a canary stage',
    ownerTeam: 'platform',
  });
  expect(created.status).toBe(201);
  return async () => {
    expect((await editor.patch(`/api/v1/actions/${created.body.id}`, { postmortemId: null })).status).toBe(200);
  };
}

describeEachDatabase('post-mortems', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;

  beforeAll(async () => {
    service = await ServiceProcess.start({ database });
    const issue = (name: string, role: string) => service.clientFor(name, role);
    editor = await issue('postmortem editor', 'editor');
    viewer = await issue('postmortem reader', 'viewer');
  });
  afterAll(async () => service?.destroy());

  /** Every stored post-mortem, as the list returns them (walking all pages). */
  async function everything(): Promise<Array<Record<string, unknown>>> {
    const all: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    do {
      const page: HttpResult = await viewer.get(`${BASE}?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return all;
  }

  async function create(body: Record<string, unknown>): Promise<Record<string, any>> {
    const created = await editor.post(BASE, body);
    expect(created.status).toBe(201);
    return created.body;
  }

  describe('create and read', () => {
    it('creates an incident with normalised fields and reads it back', async () => {
      const created = await editor.post(BASE, INCIDENT);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        sourceId: null,
        kind: 'incident',
        title: 'Checkout returned 500s',
        severity: 'SEV2',
        occurredAt: '2025-01-05T14:02:00.000Z',
        resolvedAt: '2025-01-05T15:17:00.000Z',
        services: ['checkout', 'payments-api'],
        summary: '# Impact\n\nPayments failed for **2 h**.',
        timeline: [
          { at: '2025-01-05T14:02:00.000Z', text: 'alert fired' },
          { at: '2025-01-05T15:00:00.000Z', text: 'rolled back' },
        ],
        contributingFactors: INCIDENT.contributingFactors,
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
      });
      expect(created.body.updatedAt).toBe(created.body.createdAt);
      expect(Math.abs(Date.parse(created.body.createdAt) - Date.now())).toBeLessThan(60_000);

      const read = await viewer.get(`${BASE}/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    });

    it.each(['success', 'premortem'])(
      'creates a %s review without severity or occurredAt, with empty defaults',
      async (kind) => {
        const created = await create({ kind, title: `A ${kind} review` });
        expect(created).toMatchObject({ kind, ...reviewWithoutFacts() });
      },
    );

    it('accepts a summary of exactly 100 KB of UTF-8', async () => {
      const summary = 'é'.repeat(51_200);
      const created = await create({ kind: 'success', title: 'Long summary', summary });
      expect(created.summary).toBe(summary);
    });
  });

  describe('refuses invalid input with a 400 naming the field, and writes nothing', () => {
    const timelineOf = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        at: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(),
        text: `step ${i}`,
      }));
    it.each(
      (
        [
          ['title', { title: undefined }],
          ['title', { title: '' }],
          ['title', { title: 'x'.repeat(201) }],
          ['title', { title: '   ' }],
          ['kind', { kind: undefined }],
          ['kind', { kind: 'outage' }],
          ['severity', { severity: 'SEV5' }],
          ['severity', { severity: undefined }],
          ['severity', { severity: null }],
          ['occurredAt', { occurredAt: undefined }],
          ['occurredAt', { occurredAt: 'yesterday' }],
          ['occurredAt', { occurredAt: '2025-02-30T10:00:00Z' }],
          ['occurredAt', { occurredAt: '2025-01-05T14:02:00' }],
          ['resolvedAt', { resolvedAt: '2025-01-05T14:01:59Z' }],
          ['resolvedAt', { resolvedAt: 'later' }],
          ['services', { services: 'checkout' }],
          ['services', { services: null }],
          ['services', { services: ['Checkout'] }],
          ['services', { services: ['check out'] }],
          ['services', { services: ['x'.repeat(101)] }],
          ['services', { services: Array.from({ length: 51 }, (_, i) => `svc-${i}`) }],
          ['summary', { summary: 'é'.repeat(51_201) }],
          ['summary', { summary: 42 }],
          ['timeline', { timeline: { at: '2025-01-05T14:02:00Z', text: 'x' } }],
          ['timeline', { timeline: timelineOf(501) }],
          ['timeline.0.at', { timeline: [{ at: 'noon', text: 'x' }] }],
          [
            'timeline.1.text',
            {
              timeline: [
                { at: '2025-01-05T14:02:00Z', text: 'ok' },
                { at: '2025-01-05T14:03:00Z', text: '' },
              ],
            },
          ],
          ['timeline.0.text', { timeline: [{ at: '2025-01-05T14:02:00Z', text: 'x'.repeat(2001) }] }],
          ['timeline.0.who', { timeline: [{ at: '2025-01-05T14:02:00Z', text: 'x', who: 'someone' }] }],
          [
            'contributingFactors.0.kind',
            { contributingFactors: [{ kind: 'root-cause', category: 'people', text: 'x' }] },
          ],
          [
            'contributingFactors.0.category',
            { contributingFactors: [{ kind: 'latent', category: 'luck', text: 'x' }] },
          ],
          ['contributingFactors.0.text', { contributingFactors: [{ kind: 'latent', category: 'process' }] }],
          ['id', { id: randomUUID() }],
          ['createdAt', { createdAt: '2025-01-01T00:00:00Z' }],
        ] as Array<[string, Record<string, unknown>]>
      ).map(([field, change]) => [field, brief(change), change] as const),
    )('%s: %s', async (field, _brief, change) => {
      const before = await everything();
      const refused = await editor.post(BASE, { ...INCIDENT, ...change });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(refused.body.message).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}\\b`));
      expect(await everything()).toEqual(before);
    });

    it('refuses a body that is not JSON', async () => {
      const refused = await editor.request('POST', BASE, {
        rawBody: '{"kind":',
        headers: { 'content-type': 'application/json' },
      });
      expect(refused.status).toBe(400);
    });
  });

  describe('update', () => {
    it('changes only the fields given, keeps createdAt and moves updatedAt', async () => {
      const original = await create(INCIDENT);
      const patched = await editor.patch(`${BASE}/${original.id}`, {
        title: 'Checkout returned 500s for two hours',
        services: ['checkout', 'edge', 'edge'],
        timeline: [
          { at: '2025-01-05T16:00:00Z', text: 'all clear' },
          { at: '2025-01-05T14:02:00Z', text: 'alert fired' },
        ],
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toEqual({
        ...original,
        title: 'Checkout returned 500s for two hours',
        services: ['checkout', 'edge'],
        timeline: [
          { at: '2025-01-05T14:02:00.000Z', text: 'alert fired' },
          { at: '2025-01-05T16:00:00.000Z', text: 'all clear' },
        ],
        updatedAt: expect.stringMatching(ISO),
      });
      expect(Date.parse(patched.body.updatedAt)).toBeGreaterThan(Date.parse(original.updatedAt));
      expect((await viewer.get(`${BASE}/${original.id}`)).body).toEqual(patched.body);
    });

    it('clears nullable fields given as null', async () => {
      const original = await create({
        kind: 'premortem',
        title: 'Launch day',
        severity: 'SEV3',
        occurredAt: '2025-05-01T00:00:00Z',
        resolvedAt: '2025-05-02T00:00:00Z',
      });
      const patched = await editor.patch(`${BASE}/${original.id}`, {
        severity: null,
        occurredAt: null,
        resolvedAt: null,
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ severity: null, occurredAt: null, resolvedAt: null, title: 'Launch day' });
    });

    it('checks the cross-field rules on the merged result', async () => {
      const review = await create({ kind: 'success', title: 'Smooth failover' });
      const toIncident = await editor.patch(`${BASE}/${review.id}`, {
        kind: 'incident',
        severity: 'SEV3',
        occurredAt: '2025-03-01T10:00:00Z',
      });
      expect(toIncident.status).toBe(200);
      expect(toIncident.body).toMatchObject({
        kind: 'incident',
        severity: 'SEV3',
        occurredAt: '2025-03-01T10:00:00.000Z',
      });
      const resolved = await editor.patch(`${BASE}/${review.id}`, { resolvedAt: '2025-03-01T10:00:00Z' });
      expect(resolved.status).toBe(200);
    });

    it('accepts an empty patch and changes nothing', async () => {
      const original = await create(INCIDENT);
      const patched = await editor.patch(`${BASE}/${original.id}`, {});
      expect(patched.status).toBe(200);
      expect(patched.body).toEqual(original);
    });

    describe('refuses an invalid patch with a 400 naming the field, and changes nothing', () => {
      let incident: Record<string, any>;
      let review: Record<string, any>;
      beforeAll(async () => {
        incident = await create(INCIDENT);
        review = await create({ kind: 'success', title: 'Calm release' });
      });

      it.each(
        (
          [
            ['severity', 'incident', { severity: null }],
            ['occurredAt', 'incident', { occurredAt: null }],
            ['resolvedAt', 'incident', { resolvedAt: '2025-01-05T14:00:00Z' }],
            ['resolvedAt', 'incident', { occurredAt: '2025-01-06T00:00:00Z' }],
            ['severity', 'review', { kind: 'incident', occurredAt: '2025-01-05T14:00:00Z' }],
            ['occurredAt', 'review', { kind: 'incident', severity: 'SEV1' }],
            ['title', 'incident', { title: null }],
            ['title', 'incident', { title: 'x'.repeat(201) }],
            ['kind', 'incident', { kind: null }],
            ['services', 'incident', { services: null }],
            ['services', 'incident', { services: ['UPPER'] }],
            ['summary', 'incident', { summary: null }],
            ['summary', 'incident', { summary: '€'.repeat(34_134) }],
            ['timeline', 'incident', { timeline: null }],
            ['timeline.0.at', 'incident', { timeline: [{ at: '2025-13-01T00:00:00Z', text: 'x' }] }],
            ['contributingFactors', 'incident', { contributingFactors: null }],
            [
              'contributingFactors.0.kind',
              'incident',
              { contributingFactors: [{ kind: 'cause', category: 'people', text: 'x' }] },
            ],
            ['id', 'incident', { id: randomUUID() }],
            ['updatedAt', 'incident', { updatedAt: '2025-01-01T00:00:00Z' }],
          ] as Array<[string, string, Record<string, unknown>]>
        ).map(([field, which, change]) => [field, which, brief(change), change] as const),
      )('%s on the %s: %s', async (field, which, _brief, change) => {
        const target = which === 'incident' ? incident : review;
        const refused = await editor.patch(`${BASE}/${target.id}`, change);
        expect(refused.status).toBe(400);
        expect(refused.body.message).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}\\b`));
        expect((await viewer.get(`${BASE}/${target.id}`)).body).toEqual(target);
      });
    });
  });

  describe('delete', () => {
    it('deletes a post-mortem without actions: 204, then 404', async () => {
      const doomed = await create({ kind: 'premortem', title: 'Never mind' });
      const deleted = await editor.delete(`${BASE}/${doomed.id}`);
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      expect((await viewer.get(`${BASE}/${doomed.id}`)).status).toBe(404);
      expect((await editor.delete(`${BASE}/${doomed.id}`)).status).toBe(404);
      expect((await everything()).map((p) => p.id)).not.toContain(doomed.id);
    });

    it('refuses with 409 while corrective actions link to it', async () => {
      const linked = await create(INCIDENT);
      const moveFirst = await linkAction(editor, linked.id);
      const refused = await editor.delete(`${BASE}/${linked.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: 'post-mortem has 1 corrective action; delete or move them first',
      });
      expect((await viewer.get(`${BASE}/${linked.id}`)).body).toEqual(linked);
      const moveSecond = await linkAction(editor, linked.id);
      expect((await editor.delete(`${BASE}/${linked.id}`)).body.message).toBe(
        'post-mortem has 2 corrective actions; delete or move them first',
      );
      await moveFirst();
      await moveSecond();
      expect((await editor.delete(`${BASE}/${linked.id}`)).status).toBe(204);
      expect((await viewer.get(`${BASE}/${linked.id}`)).status).toBe(404);
    });
  });

  describe('ids and roles', () => {
    it.each([
      ['GET', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['GET', '/report'],
    ])('%s %s on an unknown id is 404', async (method, suffix) => {
      const id = randomUUID();
      const res = await editor.request(method, `${BASE}/${id}${suffix}`, {
        body: method === 'PATCH' ? { title: 'x' } : undefined,
      });
      expect(res.status).toBe(404);
      expect(res.body.message).toBe(`post-mortem ${id} not found`);
    });

    it.each([
      ['GET', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['GET', '/report'],
    ])('%s %s on a malformed id is 400 naming id', async (method, suffix) => {
      const res = await editor.request(method, `${BASE}/not-a-uuid${suffix}`, {
        body: method === 'PATCH' ? { title: 'x' } : undefined,
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('id must be a UUID');
    });

    it('lets a viewer read but not write', async () => {
      const existing = await create(INCIDENT);
      const before = await everything();
      const posted = await viewer.post(BASE, INCIDENT);
      expect(posted.status).toBe(403);
      expect(posted.body.message).toContain('editor');
      expect((await viewer.patch(`${BASE}/${existing.id}`, { title: 'Changed' })).status).toBe(403);
      expect((await viewer.delete(`${BASE}/${existing.id}`)).status).toBe(403);
      expect(await everything()).toEqual(before);
      expect((await viewer.get(`${BASE}/${existing.id}`)).status).toBe(200);
    });

    it('needs an API key', async () => {
      expect((await service.http.get(BASE, { key: null })).status).toBe(401);
      expect((await service.http.post(BASE, INCIDENT, { key: null })).status).toBe(401);
    });
  });

  describe('list', () => {
    // A service name of its own, so the other tests' post-mortems do not count.
    const SET = 'list-filter-set';
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const made = [
        [
          'a',
          {
            kind: 'incident',
            title: 'A',
            severity: 'SEV1',
            occurredAt: '2025-01-10T00:00:00Z',
            services: [SET, 'flt-checkout'],
          },
        ],
        [
          'b',
          {
            kind: 'incident',
            title: 'B',
            severity: 'SEV2',
            occurredAt: '2025-02-10T12:00:00Z',
            services: [SET, 'flt-payments'],
          },
        ],
        ['c', { kind: 'success', title: 'C', services: [SET] }],
        [
          'd',
          {
            kind: 'premortem',
            title: 'D',
            severity: 'SEV2',
            occurredAt: '2025-03-10T00:00:00Z',
            services: ['flt-checkout', SET],
          },
        ],
      ] as const;
      for (const [name, body] of made) ids[name] = (await create(body)).id;
    });

    async function titles(query: string): Promise<string[]> {
      const res = await viewer.get(`${BASE}?service=${SET}&${query}`);
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      return res.body.items.map((p: { title: string }) => p.title);
    }

    it.each([
      ['', ['D', 'C', 'B', 'A']],
      ['kind=incident', ['B', 'A']],
      ['kind=success', ['C']],
      ['severity=SEV2', ['D', 'B']],
      ['kind=incident&severity=SEV2', ['B']],
      ['from=2025-02-01T00:00:00Z', ['D', 'B']],
      ['from=2025-02-10T12:00:00Z', ['D', 'B']],
      ['to=2025-02-10T12:00:00Z', ['A']],
      ['from=2025-02-10T12:00:00Z&to=2025-02-10T12:00:00.001Z', ['B']],
      ['from=2025-01-01T00:00:00Z&to=2025-04-01T00:00:00Z&kind=premortem', ['D']],
      ['from=2026-01-01T00:00:00Z', []],
    ])('filters by %s (with service=%s)', async (query, expected) => {
      expect(await titles(query)).toEqual(expected);
    });

    it('filters by a service the post-mortems list among others', async () => {
      const res = await viewer.get(`${BASE}?service=flt-checkout`);
      expect(res.body.items.map((p: { id: string }) => p.id)).toEqual([ids.d, ids.a]);
      expect((await viewer.get(`${BASE}?service=flt-nowhere`)).body).toEqual({ items: [], nextCursor: null });
    });

    it('walks every page newest first, without duplicates, even while new ones arrive', async () => {
      const PAGED = 'list-page-set';
      const created: string[] = [];
      for (let i = 0; i < 7; i++)
        created.push((await create({ kind: 'success', title: `Page ${i}`, services: [PAGED] })).id);
      const seen: string[] = [];
      const sizes: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: HttpResult = await viewer.get(
          `${BASE}?service=${PAGED}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((p: { id: string }) => p.id));
        sizes.push(res.body.items.length);
        cursor = res.body.nextCursor;
        if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        // Added after the walk began: newer than the cursor, so it must not show up on a later page.
        if (pages++ === 0) await create({ kind: 'success', title: 'Late arrival', services: [PAGED] });
      } while (cursor && pages < 10);
      expect(sizes).toEqual([3, 3, 1]);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual([...created].reverse());
    });

    it('returns 50 items by default', async () => {
      for (let i = 0; i < 52; i++) await create({ kind: 'premortem', title: `Bulk ${i}`, services: ['list-bulk-set'] });
      const first = await viewer.get(`${BASE}?service=list-bulk-set`);
      expect(first.body.items).toHaveLength(50);
      const rest = await viewer.get(`${BASE}?service=list-bulk-set&cursor=${first.body.nextCursor}`);
      expect(rest.body.items).toHaveLength(2);
      expect(rest.body.nextCursor).toBeNull();
    });

    it.each([
      ['limit', 'limit=0'],
      ['limit', 'limit=201'],
      ['limit', 'limit=ten'],
      ['limit', 'limit=1.5'],
      ['cursor', 'cursor=not-ours'],
      ['cursor', `cursor=${Buffer.from('x').toString('base64url')}`],
      ['from', 'from=yesterday'],
      ['to', 'to=2025-02-30T00:00:00Z'],
      ['from', 'from=2025-03-01T00:00:00Z&to=2025-02-01T00:00:00Z'],
      ['kind', 'kind=outage'],
      ['severity', 'severity=SEV0'],
      ['service', 'service=Checkout'],
      ['sort', 'sort=title'],
    ])('refuses a bad %s (%s) with a 400 naming it', async (param, query) => {
      const res = await viewer.get(`${BASE}?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(new RegExp(`^${param}\\b`));
    });
  });
});
