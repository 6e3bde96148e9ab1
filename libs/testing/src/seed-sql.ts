import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ServiceProcess } from './service-process';
import { withClient } from './test-database';

/**
 * Runs SQL against a running service's own database, for rows the API cannot write (a past
 * closedAt, a flag cleared last month). PostgreSQL is reached directly. The embedded database
 * belongs to the service process and takes one connection, so the service is stopped, the data
 * folder opened here, and the service started again on it.
 */
export async function seedSql(service: ServiceProcess, sql: string): Promise<void> {
  if (service.database) {
    await withClient(service.database.url, (client) => client.query(sql));
    return;
  }
  await service.stop();
  const db = await PGlite.create({ dataDir: join(service.dataDir, 'db') });
  try {
    await db.exec(sql);
  } finally {
    await db.close();
  }
  await service.launch();
}
