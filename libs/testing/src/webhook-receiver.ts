import type { IncomingHttpHeaders, Server } from 'node:http';
import { listenWithTextBodies } from './text-body-server';

/** One request the receiver got, body as the raw text that was signed. */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered. */
  status: number;
}

/** How a path answers a request: a status, or null to hold it without answering. */
export type WebhookResponder = (request: {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  seen: number;
}) => number | null;

/**
 * A real HTTP server standing in for webhook receivers: it records every request and answers as
 * the test says per path (200 by default). `seen` counts earlier requests of the same event id on
 * that path, so "fail twice, then accept" is one line.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly responders = new Map<string, WebhookResponder>();
  private readonly held: Array<() => void> = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | null = null;
    const { server, url } = await listenWithTextBodies(
      () => (req, body, res) => receiver!.handle(req.url ?? '/', req.headers, body, res),
    );
    receiver = new WebhookReceiver(server, url);
    return receiver;
  }

  /** Sets how requests to `path` are answered from now on. */
  respond(path: string, responder: WebhookResponder): void {
    this.responders.set(path, responder);
  }

  on(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Waits until `condition` holds on what was received (polling); fails with what arrived. */
  async waitFor(condition: (received: ReceivedWebhook[]) => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition(this.received)) {
      if (Date.now() > deadline) {
        const seen = this.received
          .map((r) => `${r.path} ${r.headers['x-remediation-event-type']} ${r.status}`)
          .join('\n');
        throw new Error(`webhook condition not met within ${timeoutMs} ms; received:\n${seen}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    for (const release of this.held.splice(0)) release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(
    path: string,
    headers: IncomingHttpHeaders,
    body: string,
    res: import('node:http').ServerResponse,
  ): void {
    const id = headers['x-remediation-event-id'];
    const seen = this.received.filter((r) => r.path === path && r.headers['x-remediation-event-id'] === id).length;
    const status = (this.responders.get(path) ?? (() => 200))({ path, headers, body, seen });
    if (status === null) {
      this.held.push(() => res.destroy());
      return;
    }
    this.received.push({ path, headers, body, status });
    res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : `answered ${status}`);
  }
}
