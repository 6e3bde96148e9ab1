import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { describeEachDatabase, expectStatus, HttpClient, ServiceProcess, type DatabaseChoice } from '@app/testing';

/*
 * Importing existing action items from a spreadsheet's CSV: a dry run answers what would be
 * created and writes nothing; a file with any bad row is refused whole, every problem named by
 * row and column; a good file creates every row, audited as its status implies; importing the same
 * file again creates nothing.
 */

const IMPORT = '/api/v1/actions/import';
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

describeEachDatabase('importing action items from CSV', (database: DatabaseChoice) => {
  let service: ServiceProcess;
  let editor: HttpClient;
  let viewer: HttpClient;
  const run = randomBytes(3).toString('hex');
  const team = `csv-${run}`;
  let postmortemId: string;

  beforeAll(async () => {
    service = await ServiceProcess.start({ database });
    editor = await service.clientFor('spreadsheet importer', 'editor');
    viewer = await service.clientFor('dashboard', 'viewer');
    const res = await editor.post('/api/v1/postmortems', {
      sourceId: `outage-${run}`,
      kind: 'incident',
      title: 'Checkout outage',
      severity: 'SEV2',
      occurredAt: iso(Date.now() - 60 * DAY),
    });
    expectStatus(res, 201);
    postmortemId = res.body.id;
  }, 60_000);
  afterAll(async () => service?.destroy());

  const upload = (csv: string, query = '', client = editor) =>
    client.post(`${IMPORT}${query}`, undefined, { rawBody: csv, headers: { 'content-type': 'text/csv' } });
  const actionsOfTeam = async (ownerTeam: string) => {
    const res = await viewer.get(`/api/v1/actions?team=${ownerTeam}&limit=100`);
    expectStatus(res, 200);
    return res.body.items as Array<Record<string, any>>;
  };

  function backlog(ownerTeam: string, prefix: string): string {
    const opened = iso(Date.now() - 40 * DAY);
    const shipped = iso(Date.now() - 10 * DAY);
    return [
      'sourceId,postmortem,title,ownerTeam,priority,services,status,openedAt,implementedAt,dueAt,description',
      `${prefix}-1,outage-${run},Cap client retries,${ownerTeam},P1,"checkout, cart",implemented,${opened},${shipped},,"Two lines,\nwith a comma"`,
      '',
      `${prefix}-2,${postmortemId},Alert on pool saturation,${ownerTeam},P3,,open,${opened},,none,`,
      `,,Document the failover,${ownerTeam},,,,,,,`,
    ].join('\r\n');
  }

  it('answers a dry run with what would be created, and writes nothing', async () => {
    const ownerTeam = `${team}-dry`;
    const res = await upload(backlog(ownerTeam, `dry-${run}`), '?dryRun=true');
    expectStatus(res, 200);
    expect(res.body.dryRun).toBe(true);
    expect(res.body.created).toEqual([]);
    expect(res.body.wouldCreate.map((a: any) => [a.row, a.id, a.title, a.status, a.postmortemId])).toEqual([
      [2, null, 'Cap client retries', 'implemented', postmortemId],
      [4, null, 'Alert on pool saturation', 'open', postmortemId],
      [5, null, 'Document the failover', 'open', null],
    ]);
    expect(await actionsOfTeam(ownerTeam)).toEqual([]);
  });

  it('creates every row, with the defaults and the audited moves a create would give it', async () => {
    const ownerTeam = `${team}-real`;
    const res = await upload(backlog(ownerTeam, `real-${run}`));
    expectStatus(res, 201);
    expect(res.body.created).toHaveLength(3);
    const byTitle = new Map((await actionsOfTeam(ownerTeam)).map((a) => [a.title, a]));
    const retries = byTitle.get('Cap client retries')!;
    expect(retries).toMatchObject({
      id: res.body.created[0].id,
      sourceId: `real-${run}-1`,
      postmortemId,
      priority: 'P1',
      services: ['checkout', 'cart'],
      status: 'implemented',
      description: 'Two lines,\nwith a comma',
    });
    // An empty dueAt takes the priority's remediation SLO from openedAt; "none" means no due date.
    expect(Date.parse(retries.dueAt) - Date.parse(retries.openedAt)).toBe(56 * DAY);
    expect(byTitle.get('Alert on pool saturation')!.dueAt).toBeNull();
    expect(byTitle.get('Document the failover')!).toMatchObject({ priority: 'P2', status: 'open' });
    const trail = await viewer.get(`/api/v1/actions/${retries.id}/events`);
    expect(trail.body.items.map((e: any) => [e.type, e.actor, e.changes.status?.to])).toEqual([
      ['created', 'spreadsheet importer', 'open'],
      ['status_changed', 'spreadsheet importer', 'in_progress'],
      ['status_changed', 'spreadsheet importer', 'implemented'],
    ]);
  });

  it('skips the rows whose sourceId it imported before; a row without one is created again', async () => {
    const ownerTeam = `${team}-again`;
    const file = backlog(ownerTeam, `again-${run}`);
    const first = await upload(file);
    expectStatus(first, 201);
    const second = await upload(file);
    expectStatus(second, 201);
    expect(second.body.created.map((a: any) => [a.row, a.sourceId])).toEqual([[5, null]]);
    expect(second.body.skipped).toEqual([
      { row: 2, sourceId: `again-${run}-1`, actionId: first.body.created[0].id },
      { row: 4, sourceId: `again-${run}-2`, actionId: first.body.created[1].id },
    ]);
    expect(await actionsOfTeam(ownerTeam)).toHaveLength(4);
    const withIdsOnly = file.split('\r\n').slice(0, -1).join('\r\n');
    const third = await upload(withIdsOnly);
    expectStatus(third, 200);
    expect([third.body.created, third.body.skipped.length]).toEqual([[], 2]);
  });

  it('refuses the whole file when any row is bad, naming every problem by row and column', async () => {
    const ownerTeam = `${team}-bad`;
    const csv = [
      'title,ownerTeam,priority,postmortem,status,closedAt,sourceId',
      `Good row,${ownerTeam},P1,,,,bad-${run}-1`,
      `Bad priority,${ownerTeam},P7,,,,`,
      `,${ownerTeam},,,,,`,
      `Unknown post-mortem,${ownerTeam},,no-such-postmortem,,,`,
      `Closed before opened,${ownerTeam},,,wont_fix,2001-01-01T00:00:00Z,`,
      `Same id,${ownerTeam},,,,,bad-${run}-1`,
      'Too few cells',
    ].join('\n');
    const res = await upload(csv);
    expectStatus(res, 400);
    expect(res.body.errors.map((e: any) => [e.row, e.column])).toEqual([
      [3, 'priority'],
      [4, 'title'],
      [5, 'postmortem'],
      [6, 'closedAt'],
      [7, 'sourceId'],
      [8, null],
    ]);
    expect(res.body.message).toMatch(/^the file was not imported: 6 problems: row 3, priority: .*; row 4, title: /);
    expect(res.body.errors[2].message).toBe('no post-mortem has the id or sourceId "no-such-postmortem"');
    expect(res.body.errors[4].message).toBe(`"bad-${run}-1" is also the sourceId of row 2`);
    expect(await actionsOfTeam(ownerTeam)).toEqual([]);
  });

  it('refuses a header it does not understand before reading any row', async () => {
    const res = await upload(`title,team\nA,${team}\n`);
    expectStatus(res, 400);
    expect(res.body.errors).toEqual([
      { row: 1, column: null, message: expect.stringMatching(/^unknown column "team"; the columns are /) },
      { row: 1, column: 'ownerTeam', message: 'is required' },
    ]);
  });

  it('takes the file only as text/csv, only from an editor, and only within the body limit', async () => {
    const json = await editor.post(IMPORT, { title: 'A', ownerTeam: team });
    expectStatus(json, 415);
    expect(json.body.message).toBe('send the file with Content-Type: text/csv');
    expectStatus(await upload(`title,ownerTeam\nA,${team}-viewer\n`, '', viewer), 403);
    expect(await actionsOfTeam(`${team}-viewer`)).toEqual([]);
    const huge = `title,ownerTeam\n${`A,${team}-huge\n`.repeat(200_000)}`;
    expectStatus(await upload(huge), 413);
    expectStatus(await upload(`title,ownerTeam\nA,${team}\n`, '?dryRun=maybe'), 400);
  });
});
