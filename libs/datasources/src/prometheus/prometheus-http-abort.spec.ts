import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rejectionOf } from '@app/testing/rejection';
import { PrometheusHttpTransport } from './prometheus-http.transport';
import { TransportFailure } from './prometheus.transport';

/** A backend that reads each request and never answers; it records when each connection closes. */
describe('PrometheusHttpTransport and its caller signal', () => {
  let server: Server;
  const seen: Array<{ closed: Promise<void> }> = [];
  let url: string;

  beforeAll(async () => {
    server = createServer((req) => {
      seen.push({ closed: new Promise((resolve) => req.socket.once('close', () => resolve())) });
      req.resume();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('ends the request when the caller aborts, closing the connection, long before its deadline', async () => {
    const transport = new PrometheusHttpTransport({ url, timeoutMs: 120_000 });
    const controller = new AbortController();
    const pending = transport.post('/api/v1/query', new URLSearchParams({ query: 'up' }), controller.signal);
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    const failure = await rejectionOf(pending, TransportFailure);
    expect(failure.kind).toBe('aborted');
    // Resolves once the backend's socket is closed; the test's own timeout is the bound.
    await seen[0]!.closed;
  });
});
