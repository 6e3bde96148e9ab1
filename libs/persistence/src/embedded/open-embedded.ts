import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/**
 * An initialised cluster migrated to the build's schema, holding no data, that `npm run build`
 * leaves in dist/ (scripts/pglite-template.mjs).
 * From dist/libs/persistence/src/embedded/ four levels up is dist/. Run from the sources (jest, as ES
 * modules: no __dirname) there is none, and a fresh folder is initialised in place as before.
 */
export function builtTemplate(): string | null {
  return typeof __dirname === 'string' ? join(__dirname, '..', '..', '..', '..', 'pglite-template.tar.gz') : null;
}

/**
 * PGlite's own start parameters with a 16 MB buffer cache instead of PostgreSQL's 128 MB: the cache
 * lives in the WebAssembly heap, which never shrinks, so once touched it stays resident for the
 * life of the process. The embedded database serves one process and a small team's data, whose
 * hot pages fit in 16 MB.
 */
export const EMBEDDED_SETTINGS: readonly string[] = ['-c', 'shared_buffers=16MB'];

/**
 * Opens the embedded database in `dir`. A fresh folder is filled from the build's template when
 * there is one: initdb and the migrations inside WebAssembly take seconds and leave their heap
 * resident, while unpacking the same files takes a fraction of that. The engine is loaded here, on
 * first use, so a service on PostgreSQL never loads it.
 */
export async function openEmbedded(dir: string, template = builtTemplate()): Promise<PGlite> {
  const engine = await import('@electric-sql/pglite');
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  const loadDataDir = fresh && template && existsSync(template) ? new Blob([readFileSync(template)]) : undefined;
  const startParams = [...engine.PGlite.defaultStartParams, ...EMBEDDED_SETTINGS];
  const db = await engine.PGlite.create({ dataDir: dir, startParams, loadDataDir });
  // The same class: import() resolves the package's ES-module typings, the type above its CommonJS ones.
  return db as unknown as PGlite;
}
