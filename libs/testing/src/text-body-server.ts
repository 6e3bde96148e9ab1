import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type TextBodyHandler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/**
 * A real HTTP server on a free loopback port that reads each request's whole body as text before
 * handing it on: what the fake receivers and trackers of the tests stand on. `handler` is asked for
 * once the server listens, so it may belong to an object built with the server's URL.
 */
export async function listenWithTextBodies(handler: () => TextBodyHandler): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler()(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}` };
}
