import { describe, it } from '@jest/globals';
import type { DatabaseChoice } from './service-process';

/** Every end-to-end suite runs against the embedded database and a real PostgreSQL. */
export const DATABASES: DatabaseChoice[] = ['embedded', 'postgres'];

export function describeEachDatabase(title: string, suite: (database: DatabaseChoice) => void): void {
  for (const database of DATABASES) describe(`${title} [${database}]`, () => suite(database));
}

/**
 * A test that must reach the database from outside the service (to put in place a row only a later
 * stage writes, say). Only a PostgreSQL server allows that; the embedded database lives inside the
 * service process, so on it the test is not defined at all (rather than skipped).
 */
export function itOnPostgres(database: DatabaseChoice, name: string, fn: () => Promise<void>): void {
  if (database === 'postgres') it(name, fn);
}
