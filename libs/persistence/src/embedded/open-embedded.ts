import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * An initialised, empty cluster that `npm run build` leaves in dist/ (scripts/pglite-template.mjs).
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
export const EMBEDDED_START_PARAMS: readonly string[] = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/**
 * Opens the embedded database in `dir`. A fresh folder is filled from the build's template when
 * there is one: initdb inside WebAssembly takes seconds and leaves its own heap resident, while
 * unpacking the same files takes a fraction of that.
 */
export async function openEmbedded(dir: string, template = builtTemplate()): Promise<PGlite> {
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  const loadDataDir = fresh && template && existsSync(template) ? new Blob([readFileSync(template)]) : undefined;
  return PGlite.create({ dataDir: dir, startParams: [...EMBEDDED_START_PARAMS], loadDataDir });
}
