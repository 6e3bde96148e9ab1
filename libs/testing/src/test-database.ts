import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server tests use: TEST_DATABASE_URL (set by scripts/test.sh), else the local one. */
export function adminDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file, dropped afterwards. Refuses any name without
 * "test" in it, so a misconfigured run can never drop a real database.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = new URL(adminDatabaseUrl());
  const name = `rt_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await withClient(admin.toString(), (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      if (!name.includes('test')) throw new Error(`refusing to drop ${name}: not a test database`);
      await withClient(admin.toString(), (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
