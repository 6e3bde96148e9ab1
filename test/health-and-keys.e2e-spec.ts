import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachDatabase, ServiceProcess } from '@app/testing';

describeEachDatabase('health and API keys', (database) => {
  let service: ServiceProcess;
  beforeAll(async () => {
    service = await ServiceProcess.start({ database });
  });
  afterAll(async () => service?.destroy());

  it('is live and ready', async () => {
    expect((await service.http.get('/health/live', { key: null })).status).toBe(200);
    const ready = await service.http.get('/health/ready', { key: null });
    expect(ready.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('issues a key once and accepts it for its role only', async () => {
    const issued = await service.http.post('/api/v1/keys', { name: 'viewer one', role: 'viewer' });
    expect(issued.status).toBe(201);
    expect(issued.body.key).toMatch(/^rt_/);
    const asViewer = service.http.withKey(issued.body.key);
    expect((await asViewer.get('/api/v1/datasources')).status).toBe(200);
    const denied = await asViewer.get('/api/v1/keys');
    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain('admin');
    const listed = await service.http.get('/api/v1/keys');
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.key);
  });
});
