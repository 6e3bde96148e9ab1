import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { postgresBinDir, PrivatePostgres, ServiceProcess } from '@app/testing';
import type { HttpResult } from '@app/testing';

const BIN = postgresBinDir();
// A real restart needs a server of the test's own (the shared one is never restarted): initdb.
const describeWithInitdb = BIN ? describe : describe.skip;

const postmortem = (title: string) => ({
  kind: 'incident',
  title,
  severity: 'SEV3',
  occurredAt: '2026-01-05T10:00:00Z',
  services: ['checkout'],
});

/**
 * The API on a private PostgreSQL that is stopped (fast shutdown: open connections get 57P01) and
 * started again under load (docs/operation.md, "Database outages").
 */
describeWithInitdb('a real PostgreSQL restart under load', () => {
  let postgres: PrivatePostgres;
  let service: ServiceProcess;

  beforeAll(async () => {
    postgres = await PrivatePostgres.start(BIN!);
    service = await ServiceProcess.start({ database: 'embedded', env: { DATABASE_URL: postgres.url } });
  }, 120_000);
  afterAll(async () => {
    await service?.destroy();
    postgres?.destroy();
  });

  it('answers 201 or 503 with Retry-After throughout, never 500, and keeps every acknowledged write', async () => {
    const acknowledged: string[] = [];
    const wrong: string[] = [];
    let unavailable = 0;
    let running = true;
    const record = (res: HttpResult): void => {
      if (res.status === 201) acknowledged.push(res.body.id);
      else if (res.status === 503 && Number(res.headers.get('retry-after')) >= 1) unavailable += 1;
      else wrong.push(`${res.status} ${res.text.slice(0, 200)}`);
    };
    const worker = async (n: number): Promise<void> => {
      for (let i = 0; running; i++) {
        record(await service.http.post('/api/v1/postmortems', postmortem(`worker ${n} write ${i}`)));
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const workers = [worker(1), worker(2), worker(3)];

    await new Promise((r) => setTimeout(r, 1_000));
    postgres.stop();
    await new Promise((r) => setTimeout(r, 2_000));
    postgres.startServer();
    // Until writes succeed again, then a little longer.
    const before = acknowledged.length;
    const deadline = Date.now() + 30_000;
    while (acknowledged.length < before + 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    running = false;
    await Promise.all(workers);

    expect(wrong).toEqual([]);
    expect(unavailable).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThanOrEqual(before + 10);
    expect(service.alive).toBe(true);
    const missing: string[] = [];
    for (const id of acknowledged) {
      const read = await service.http.get(`/api/v1/postmortems/${id}`);
      if (read.status !== 200) missing.push(`${id}: ${read.status}`);
    }
    expect(missing).toEqual([]);
  }, 90_000);
});
