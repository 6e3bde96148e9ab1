import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { claimDataFolder, type DataFolderLock } from './embedded/data-folder-lock';
import { EmbeddedPool } from './embedded/embedded-pool';
import { openEmbedded } from './embedded/open-embedded';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming.strategy';

export interface DatabaseSettings {
  /** postgres:// URL; null selects the embedded database in `dataDir`. */
  url: string | null;
  dataDir: string;
}

export type DatabaseKind = 'postgres' | 'embedded';

export function databaseKind(settings: DatabaseSettings): DatabaseKind {
  return settings.url ? 'postgres' : 'embedded';
}

const COMMON = {
  type: 'postgres' as const,
  entities: ENTITIES,
  migrations: MIGRATIONS,
  migrationsRun: false,
  synchronize: false,
  namingStrategy: new SnakeNamingStrategy(),
  // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; uuid-ossp is not in PGlite.
  uuidExtension: 'pgcrypto' as const,
  installExtensions: false,
};

/**
 * Claims the embedded database's data folder for this process (`role`: what the process is, for
 * the message a second process gets); null on PostgreSQL, which any number of processes share.
 * Throws DataFolderInUseError when another process holds it. Entry points call it first, so a
 * refused start stops before anything else; opening the database claims it anyway.
 */
export function claimEmbeddedDatabase(settings: DatabaseSettings, role: string): DataFolderLock | null {
  return databaseKind(settings) === 'embedded' ? claimDataFolder(settings.dataDir, role) : null;
}

/**
 * Settings of every PostgreSQL session the service opens. No JIT: the service's heaviest reads
 * (burndown, summary) scan at most the actions table, which JIT compiles in tens of milliseconds
 * for a few saved on execution, once the table is big enough to pass jit_above_cost.
 */
export const POSTGRES_SESSION_OPTIONS = '-c jit=off';

/** Builds TypeORM options for PostgreSQL, or for PGlite in `<dataDir>/db`, created on first use. */
export async function dataSourceOptions(settings: DatabaseSettings): Promise<DataSourceOptions> {
  if (settings.url) {
    return {
      ...COMMON,
      url: settings.url,
      poolSize: 10,
      connectTimeoutMS: 5000,
      applicationName: 'remediation-tracker',
      extra: { options: POSTGRES_SESSION_OPTIONS },
    };
  }
  const lock = claimDataFolder(settings.dataDir, 'service');
  const dir = resolve(settings.dataDir, 'db');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const db = await openEmbedded(dir);
  const pool = new EmbeddedPool(db, 30_000, () => lock.release());
  // TypeORM calls `new driver.Pool(options)`; a constructor returning an object yields that object.
  const driver = {
    Pool: function EmbeddedPoolFactory() {
      return pool;
    },
  };
  return { ...COMMON, driver } as DataSourceOptions;
}

/**
 * Applies pending migrations and returns the names applied. On PostgreSQL an advisory lock keeps
 * an API and several scorers starting together from applying the same migration twice; the
 * embedded database has one process and one connection, so it needs none (and taking one would
 * hold the only connection the migrations need).
 */
export async function migrate(dataSource: DataSource, kind: DatabaseKind): Promise<string[]> {
  if (kind === 'embedded') return names(await dataSource.runMigrations({ transaction: 'all' }));
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(72150001)');
    return names(await dataSource.runMigrations({ transaction: 'all' }));
  } finally {
    await runner.query('SELECT pg_advisory_unlock(72150001)').catch(() => undefined);
    await runner.release();
  }
}

function names(migrations: Array<{ name: string }>): string[] {
  return migrations.map((m) => m.name);
}

export function embeddedDatabasePath(settings: DatabaseSettings): string {
  return join(resolve(settings.dataDir), 'db');
}
