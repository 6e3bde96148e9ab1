import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachDatabase, HttpClient, ServiceProcess } from '@app/testing';
import type { DatabaseChoice } from '@app/testing';

// docs/api.md, "Post-mortems" and "Actions": `q` finds a text anywhere in the title, ignoring case,
// with `%`, `_` and `\` matching themselves rather than acting as wildcards.
const SET = 'title-search-set';
const TITLES = [
  'Checkout pool exhausted',
  'CHECKOUT latency at 100%',
  'db_pool leak',
  'dbxpool typo',
  'Back\\slash path',
];

describeEachDatabase('title search (q)', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;

  beforeAll(async () => {
    service = await ServiceProcess.start({ database });
    editor = await service.clientFor('search editor', 'editor');
    viewer = await service.clientFor('search reader', 'viewer');
    for (const title of TITLES) {
      const pm = await editor.post('/api/v1/postmortems', { kind: 'success', title, services: [SET] });
      expect(pm.status).toBe(201);
      const action = await editor.post('/api/v1/actions', { title, ownerTeam: 'search-team', services: [SET] });
      expect(action.status).toBe(201);
    }
  });
  afterAll(async () => service?.destroy());

  async function titles(list: 'postmortems' | 'actions', q: string): Promise<string[]> {
    const res = await viewer.get(`/api/v1/${list}?service=${SET}&q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return res.body.items.map((item: { title: string }) => item.title).sort();
  }

  it.each(['postmortems', 'actions'] as const)(
    '%s: finds a text anywhere in the title, ignoring case',
    async (list) => {
      expect(await titles(list, 'checkout')).toEqual(['CHECKOUT latency at 100%', 'Checkout pool exhausted']);
      expect(await titles(list, 'POOL')).toEqual(['Checkout pool exhausted', 'db_pool leak', 'dbxpool typo']);
      expect(await titles(list, 'nowhere')).toEqual([]);
    },
  );

  it.each(['postmortems', 'actions'] as const)('%s: takes %%, _ and \\ literally', async (list) => {
    expect(await titles(list, '100%')).toEqual(['CHECKOUT latency at 100%']);
    expect(await titles(list, '%')).toEqual(['CHECKOUT latency at 100%']);
    expect(await titles(list, 'db_pool')).toEqual(['db_pool leak']);
    expect(await titles(list, 'k\\s')).toEqual(['Back\\slash path']);
  });

  it.each(['postmortems', 'actions'] as const)('%s: combines with the other filters and pages', async (list) => {
    const first = await viewer.get(`/api/v1/${list}?service=${SET}&q=pool&limit=2`);
    expect(first.body.items).toHaveLength(2);
    const next = await viewer.get(`/api/v1/${list}?service=${SET}&q=pool&limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.items.map((i: { title: string }) => i.title)).toEqual(['Checkout pool exhausted']);
    expect(next.body.nextCursor).toBeNull();
  });

  it.each(['postmortems', 'actions'] as const)(
    '%s: refuses an empty, too long or NUL-holding q with a 400 naming it',
    async (list) => {
      for (const q of ['', 'x'.repeat(201), 'a%00b']) {
        const res = await viewer.get(`/api/v1/${list}?q=${q}`);
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body.message)).toContain('q');
      }
    },
  );
});
