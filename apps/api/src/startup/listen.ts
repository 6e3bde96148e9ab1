import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { type INestApplication, Logger } from '@nestjs/common';
import { ADMIN_KEY_FILE } from '@app/auth';
import type { AppConfig } from '@app/config';
import { listenRefusal } from './listen-refusal';

/** A start stopped by something the operator fixes: one line says what, no stack trace. */
export class StartRefusedError extends Error {}

/**
 * Starts serving on `server.host`:`server.port` and logs where, with what a first-time user needs next: the
 * dashboard and the admin key. A port that cannot be had closes the application (freeing the data
 * folder) and refuses with a line naming the port and PORT.
 */
export async function listen(app: INestApplication, config: AppConfig): Promise<void> {
  const wanted = config.server.port;
  const host = config.server.host;
  try {
    await app.listen(wanted, host);
  } catch (err) {
    const refusal = listenRefusal((err as NodeJS.ErrnoException).code, wanted);
    if (!refusal) throw err;
    await app.close();
    throw new StartRefusedError(refusal);
  }
  const { address, port } = app.getHttpServer().address() as AddressInfo;
  const shown = address.includes(':') ? `[${address}]` : address;
  // Every interface and loopback are reached as localhost from this machine; another address as itself.
  const reach = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(address) ? 'localhost' : shown;
  new Logger('Startup').log(
    `listening on http://${shown}:${port}: dashboard at http://${reach}:${port}/, API docs at http://${reach}:${port}/docs, ` +
      `admin key ${adminKeyWhereabouts(config)}`,
  );
}

function adminKeyWhereabouts(config: AppConfig): string {
  if (config.auth.adminKey) return 'from REMEDIATION_ADMIN_KEY';
  const file = join(resolve(config.database.dataDir), ADMIN_KEY_FILE);
  return existsSync(file) ? `in ${file}` : 'one issued earlier (the generated key file was removed)';
}
