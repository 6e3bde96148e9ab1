import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DatasourceConfig } from '@app/config';
import { rejectionOf } from '@app/testing/rejection';
import { DatasourceError } from '../metric-source';
import { MAX_RESPONSE_BYTES } from './prometheus-http.transport';
import { PrometheusSource } from './prometheus.source';

const MiB = 1024 * 1024;
const RANGE = { query: 'up', start: 1_700_000_000_000, end: 1_700_003_600_000, stepMs: 60_000 };

/** One Prometheus series of a matrix answer, ~1 KiB, distinct per index. */
function seriesJson(index: number): string {
  const values = Array.from({ length: 30 }, (_, i) => `[${1_700_000_000 + i * 60},"${index}.5"]`).join(',');
  return `{"metric":{"__name__":"up","instance":"host-${index}:9100","job":"node"},"values":[${values}]}`;
}

/** A local server whose every request gets `handler`; counts requests and the bytes it managed to write. */
class LocalBackend {
  requests = 0;
  bytesWritten = 0;
  private readonly open = new Set<ServerResponse>();

  private constructor(private readonly server: Server) {}

  static async start(handler: (res: ServerResponse, backend: LocalBackend) => void): Promise<LocalBackend> {
    const server = createServer();
    const backend = new LocalBackend(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      backend.requests += 1;
      backend.open.add(res);
      res.on('close', () => backend.open.delete(res));
      req.resume();
      req.on('end', () => handler(res, backend));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return backend;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Streams a 200,000-series matrix answer (~200 MB) in 64 KiB chunks, honouring backpressure, for as
 * long as the client keeps reading: the bytes written tell how far the client read.
 */
function streamHugeMatrix(res: ServerResponse, backend: LocalBackend): void {
  const SERIES = 200_000;
  res.writeHead(200, { 'Content-Type': 'application/json' });
  let index = 0;
  let chunk = '{"status":"success","data":{"resultType":"matrix","result":[';
  const pump = () => {
    while (!res.destroyed && index < SERIES) {
      while (chunk.length < 64 * 1024 && index < SERIES) chunk += (index > 0 ? ',' : '') + seriesJson(index++);
      const buffer = Buffer.from(index === SERIES ? `${chunk}]}}` : chunk);
      chunk = '';
      backend.bytesWritten += buffer.length;
      if (!res.write(buffer)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

function config(url: string, timeoutMs: number): DatasourceConfig {
  return {
    name: 'prom',
    type: 'prometheus',
    url,
    headers: {},
    timeoutMs,
    maxConcurrency: 4,
    circuitBreaker: { failures: 5, coolDown: '30s' },
  };
}

describe('the Prometheus client reading a hostile answer', () => {
  let backend: LocalBackend | undefined;
  afterEach(async () => {
    await backend?.close();
    backend = undefined;
  });

  it('stops reading an oversized answer at the cap: too_many_series, long before the deadline', async () => {
    backend = await LocalBackend.start(streamHugeMatrix);
    const timeoutMs = 20_000;
    const source = PrometheusSource.fromConfig(config(backend.url, timeoutMs), { sleep: async () => {} });
    const started = performance.now();
    const error = await rejectionOf(source.range(RANGE), DatasourceError);
    const elapsed = performance.now() - started;

    console.info(`oversized answer: refused after ${Math.round(elapsed)} ms, ${backend.bytesWritten} bytes sent`);
    expect(error.kind).toBe('too_many_series');
    expect(error.message).toBe(
      `the answer is larger than ${MAX_RESPONSE_BYTES / MiB} MiB, far more than one series can take: the query returns many series`,
    );
    // Loopback socket buffers let the server get several MiB ahead of the reader (up to ~9 MiB
    // seen), never the whole 200 MB.
    expect(backend.bytesWritten).toBeGreaterThan(MAX_RESPONSE_BYTES);
    expect(backend.bytesWritten).toBeLessThan(2 * MAX_RESPONSE_BYTES);
    expect(elapsed).toBeLessThan(timeoutMs);
    // Not the query's backend being flaky: asking again would only read the same flood.
    expect(backend.requests).toBe(1);
  });

  it('bounds the whole exchange by timeoutMs, body included, when the answer trickles', async () => {
    // Headers at once, then one byte every 50 ms: never idle long enough for a socket timeout.
    backend = await LocalBackend.start((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"status":"success","data":{"resultType":"matrix","result":[');
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 50);
      res.on('close', () => clearInterval(timer));
    });
    const timeoutMs = 500;
    const source = PrometheusSource.fromConfig(config(backend.url, timeoutMs), { sleep: async () => {} });
    const started = performance.now();
    const error = await rejectionOf(source.range(RANGE), DatasourceError);
    const elapsed = performance.now() - started;

    expect([error.kind, error.message]).toEqual(['timeout', `no answer within ${timeoutMs} ms`]);
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 5);
    expect(elapsed).toBeLessThan(timeoutMs + 400);
    expect(backend.requests).toBe(1);
  });

  it('does not retry a query that timed out: exactly one request reaches a backend that never answers', async () => {
    backend = await LocalBackend.start(() => {});
    const timeoutMs = 300;
    const source = PrometheusSource.fromConfig(config(backend.url, timeoutMs), { sleep: async () => {} });
    const started = performance.now();
    const error = await rejectionOf(source.range(RANGE), DatasourceError);
    const elapsed = performance.now() - started;

    expect([error.kind, error.message]).toEqual(['timeout', `no answer within ${timeoutMs} ms`]);
    expect(elapsed).toBeLessThan(timeoutMs + 400);
    // Give a retry, had there been one, time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(backend.requests).toBe(1);
  });
});
