import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { ServiceProcess } from '@app/testing';
import type { HttpResult } from '@app/testing';

const guess = (): string => `rt_${randomBytes(32).toString('base64url')}`;

function expectErrorShape(res: HttpResult, status: number): void {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ statusCode: status, error: expect.any(String), message: expect.any(String) });
}

describe('failed authentications counted per client address (docs/api.md, "Rate limits")', () => {
  let service: ServiceProcess;
  beforeAll(async () => {
    service = await ServiceProcess.start({ database: 'postgres' });
  });
  afterAll(async () => service?.destroy());

  it('answers 429 with Retry-After to guesses past server.authFailuresPerMinute (30), while a valid key keeps working', async () => {
    // A key that authenticated before the guessing started, from the same address.
    const colleague = await service.clientFor('colleague', 'viewer');
    expect((await colleague.get('/api/v1/datasources')).status).toBe(200);

    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push((await service.http.get('/api/v1/datasources', { key: guess() })).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses.slice(30)).toEqual(Array(10).fill(429));

    const refused = await service.http.get('/api/v1/postmortems', { key: guess() });
    expectErrorShape(refused, 429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // No key at all is a failed authentication too.
    expectErrorShape(await service.http.get('/api/v1/postmortems', { key: null }), 429);

    // Keys that authenticated lately still pass, from the refused address.
    expect((await colleague.get('/api/v1/datasources')).status).toBe(200);
    expect((await service.http.get('/api/v1/keys')).status).toBe(200);
    // Open routes are not counted or refused.
    expect((await service.http.get('/health/live', { key: null })).status).toBe(200);
  });
});
