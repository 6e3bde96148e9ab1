import { describe } from '@jest/globals';
import type { DatabaseChoice } from './service-process';

/** Every end-to-end suite runs against the embedded database and a real PostgreSQL. */
export const DATABASES: DatabaseChoice[] = ['embedded', 'postgres'];

export function describeEachDatabase(title: string, suite: (database: DatabaseChoice) => void): void {
  for (const database of DATABASES) describe(`${title} [${database}]`, () => suite(database));
}
