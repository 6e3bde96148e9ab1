import { describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { ServiceProcess } from '@app/testing';

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Addresses of this machine other than 127.0.0.1: 127.0.0.2 (the whole of 127/8 is loopback on
 * Linux, but a socket bound to 127.0.0.1 does not answer on it) and any non-loopback IPv4 address.
 */
function otherAddresses(): string[] {
  const external = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
  return ['127.0.0.2', ...external];
}

const listeningLine = (service: ServiceProcess): string | undefined =>
  service.logs
    .split('\n')
    .map((line) => {
      try {
        return (JSON.parse(line) as { msg?: string }).msg ?? '';
      } catch {
        return '';
      }
    })
    .find((m) => m.startsWith('listening on '));

describe('server.host (HOST): the address the API listens on', () => {
  it('listens on every interface by default', async () => {
    const service = await ServiceProcess.start({ database: 'embedded' });
    try {
      expect(listeningLine(service)).toContain(`http://0.0.0.0:${service.port}`);
      for (const address of otherAddresses()) expect(await accepts(address, service.port)).toBe(true);
    } finally {
      await service.destroy();
    }
  });

  it('with HOST=127.0.0.1 answers on 127.0.0.1 alone', async () => {
    const service = await ServiceProcess.start({ database: 'embedded', env: { HOST: '127.0.0.1' } });
    try {
      expect(listeningLine(service)).toContain(`http://127.0.0.1:${service.port}`);
      expect(await accepts('127.0.0.1', service.port)).toBe(true);
      for (const address of otherAddresses()) expect(await accepts(address, service.port)).toBe(false);
    } finally {
      await service.destroy();
    }
  });
});
