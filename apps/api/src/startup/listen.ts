import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { type INestApplication, Logger } from '@nestjs/common';
import { ADMIN_KEY_FILE } from '@app/auth';
import type { AppConfig } from '@app/config';
import { listenRefusal } from './listen-refusal';

const HOST = '0.0.0.0';

/** A start stopped by something the operator fixes: one line says what, no stack trace. */
export class StartRefusedError extends Error {}

/**
 * Starts serving on `server.port` and logs where, with what a first-time user needs next: the
 * dashboard and the admin key. A port that cannot be had closes the application (freeing the data
 * folder) and refuses with a line naming the port and PORT.
 */
export async function listen(app: INestApplication, config: AppConfig): Promise<void> {
  const wanted = config.server.port;
  try {
    await app.listen(wanted, HOST);
  } catch (err) {
    const refusal = listenRefusal((err as NodeJS.ErrnoException).code, wanted);
    if (!refusal) throw err;
    await app.close();
    throw new StartRefusedError(refusal);
  }
  const port = (app.getHttpServer().address() as AddressInfo).port;
  new Logger('Startup').log(
    `listening on http://${HOST}:${port}: dashboard at http://localhost:${port}/, API docs at http://localhost:${port}/docs, ` +
      `admin key ${adminKeyWhereabouts(config)}`,
  );
}

function adminKeyWhereabouts(config: AppConfig): string {
  if (config.auth.adminKey) return 'from REMEDIATION_ADMIN_KEY';
  const file = join(resolve(config.database.dataDir), ADMIN_KEY_FILE);
  return existsSync(file) ? `in ${file}` : 'one issued earlier (the generated key file was removed)';
}
