import { existsSync } from 'node:fs';
// Global setup runs outside jest's module mapper, so no @app alias here.
import { API_ENTRY } from '../../libs/testing/src/service-process';
import { adminDatabaseUrl, withClient } from '../../libs/testing/src/test-database';

/** Fails fast, with the fix in the message, when the build or the test PostgreSQL is missing. */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(API_ENTRY))
    throw new Error(`${API_ENTRY} is missing: run the tests with "npm test", which builds first`);
  try {
    await withClient(adminDatabaseUrl(), (c) => c.query('SELECT 1'));
  } catch (err) {
    throw new Error(
      `no PostgreSQL at ${adminDatabaseUrl()} (${(err as Error).message}). ` +
        'Run the tests with "npm test", which starts a private one when none answers, or set TEST_DATABASE_URL.',
      { cause: err },
    );
  }
}
