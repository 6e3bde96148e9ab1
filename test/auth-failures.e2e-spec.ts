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

  it('answers 429 with Retry-After to guesses past server.authFailuresPerMinute (30), while valid keys keep working', async () => {
    // A key that authenticated before the guessing started, from the same address.
    const colleague = await service.clientFor('colleague', 'viewer');
    expect((await colleague.get('/api/v1/datasources')).status).toBe(200);
    // And one issued but not used until the address is being refused.
    const newcomer = await service.clientFor('newcomer', 'viewer');

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

    // Active keys still pass from the refused address, used before or not.
    expect((await colleague.get('/api/v1/datasources')).status).toBe(200);
    expect((await newcomer.get('/api/v1/datasources')).status).toBe(200);
    expect((await service.http.get('/api/v1/keys')).status).toBe(200);
    // Open routes are not counted or refused.
    expect((await service.http.get('/health/live', { key: null })).status).toBe(200);
  });

  it('refuses a key revoked while its address is being refused', async () => {
    const issued = await service.http.post('/api/v1/keys', { name: 'revoked under refusal', role: 'viewer' });
    const revoked = service.http.withKey(issued.body.key);
    expect((await revoked.get('/api/v1/datasources')).status).toBe(200);
    expect((await service.http.delete(`/api/v1/keys/${issued.body.id}`)).status).toBe(204);
    expectErrorShape(await revoked.get('/api/v1/datasources'), 429);
  });
});
