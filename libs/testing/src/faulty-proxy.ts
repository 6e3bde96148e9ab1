import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from './free-port';

/**
 * What the proxy does with a request:
 * - `forward`: passes it to `target` (after `delayMs`), recording it;
 * - `stall`: never answers (until the proxy closes) — for timeouts;
 * - `garbage`: 200 with an HTML body — for bad_response;
 * - `bad-gateway`: 502 with an HTML body, as nginx answers when its upstream is down;
 * - `reset`: destroys the connection without answering (ECONNRESET).
 */
export type FaultMode = 'forward' | 'stall' | 'garbage' | 'bad-gateway' | 'reset';

export interface FaultyProxyOptions {
  mode: FaultMode;
  /** Where `forward` (and requests after `faultyRequests`) go. */
  target?: string;
  /** Only the first N requests get the fault; later ones are forwarded. Default: all of them. */
  faultyRequests?: number;
  /** Delay before forwarding, so concurrent requests overlap long enough to be counted. */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A tiny HTTP server on a free loopback port standing between a client and a backend. */
export class FaultyProxy {
  readonly requests: RecordedRequest[] = [];
  private inFlight = 0;
  private peak = 0;

  private mode: FaultMode;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly options: FaultyProxyOptions,
  ) {
    this.mode = options.mode;
  }

  static async start(options: FaultyProxyOptions): Promise<FaultyProxy> {
    if ((options.mode === 'forward' || options.faultyRequests !== undefined) && !options.target)
      throw new Error('forwarding needs a target');
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const proxy = new FaultyProxy(server, (server.address() as AddressInfo).port, options);
    server.on('request', (req, res) => void proxy.handle(req, res));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** From now on, requests get this mode (a datasource going down, or coming back with `forward`). */
  switchTo(mode: FaultMode): void {
    if (mode === 'forward' && !this.options.target) throw new Error('forwarding needs a target');
    this.mode = mode;
  }

  /** Requests open now (a stalled one until its client closes the connection). */
  get open(): number {
    return this.inFlight;
  }

  /** The most requests that were open at the same time. */
  get maxInFlight(): number {
    return this.peak;
  }

  /** Ends every open connection (stalled ones included) and stops listening. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    };
    this.requests.push(recorded);
    const faulty = this.requests.length <= (this.options.faultyRequests ?? Infinity);
    const mode = faulty ? this.mode : 'forward';
    this.inFlight += 1;
    this.peak = Math.max(this.peak, this.inFlight);
    res.on('close', () => (this.inFlight -= 1));
    switch (mode) {
      case 'stall':
        return;
      case 'garbage':
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<html><body>Welcome to the login portal</body></html>');
        return;
      case 'bad-gateway':
        res
          .writeHead(502, 'Bad Gateway', { 'content-type': 'text/html' })
          .end('<html><body><h1>502 Bad Gateway</h1></body></html>');
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'forward':
        if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
        this.forward(recorded, res);
    }
  }

  private forward(recorded: RecordedRequest, res: ServerResponse): void {
    const target = new URL(recorded.path, this.options.target);
    const upstream = request(
      target,
      { method: recorded.method, headers: { ...recorded.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    upstream.end(recorded.body);
  }
}

/** A loopback URL nothing listens on: a port that was free a moment ago (connection refused). */
export async function closedPortUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}
