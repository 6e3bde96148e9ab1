import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsRegistry } from '../metrics-registry';

/**
 * A bare GET /metrics listener for processes without an HTTP API (the standalone scorer): the
 * registry in the Prometheus text format, anything else 404.
 */
export class MetricsHttpServer {
  private server: Server | null = null;

  constructor(private readonly metrics: MetricsRegistry) {}

  /** Listens on `port` (0: any free port) and answers the port it got. */
  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET' || path !== '/metrics') {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
        return;
      }
      this.metrics.metrics().then(
        (body) => res.writeHead(200, { 'Content-Type': this.metrics.contentType }).end(body),
        (err: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${(err as Error).message}\n`),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
