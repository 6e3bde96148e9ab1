import { afterEach, describe, expect, it } from '@jest/globals';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '../metrics-registry';
import { MetricsHttpServer } from './metrics-http.server';

describe('MetricsHttpServer', () => {
  let server: MetricsHttpServer | null = null;
  afterEach(async () => {
    await server?.close();
  });

  it('serves the registry on GET /metrics and nothing else', async () => {
    const registry = new MetricsRegistry();
    new Counter({ name: 'scorer_test_total', help: 'a test counter', registers: [registry.registry] }).inc(3);
    server = new MetricsHttpServer(registry);
    const port = await server.listen(0, '127.0.0.1');
    const res = await fetch(`http://127.0.0.1:${port}/metrics?x=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await res.text();
    expect(body).toMatch(/^scorer_test_total 3$/m);
    expect(body).toMatch(/^process_cpu_user_seconds_total /m);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});
