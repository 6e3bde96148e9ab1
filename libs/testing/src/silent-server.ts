import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A bare TCP server on a loopback port that accepts connections and reads what is sent, as a
 * backend whose process hangs would: the connection is fine, no answer ever comes. Until `hang()`,
 * it answers every request at once with an HTML page (bad_response), so metrics can be attached
 * without waiting on it.
 */
export class SilentServer {
  private readonly sockets = new Set<Socket>();
  private hanging = false;
  /** Connections accepted while hanging. */
  accepted = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<SilentServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const silent = new SilentServer(server, (server.address() as AddressInfo).port);
    server.on('connection', (socket) => silent.accept(socket));
    return silent;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** From now on, nothing is ever written back. */
  hang(): void {
    this.hanging = true;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    if (this.hanging) this.accepted += 1;
    socket.on('data', () => {
      if (this.hanging) return;
      const body = '<html><body>starting up</body></html>';
      socket.end(
        `HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
      );
    });
  }
}
