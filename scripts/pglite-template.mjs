// Writes dist/pglite-template.tar.gz: the files of a freshly initialised, empty embedded database.
// A fresh data folder is filled from it (libs/persistence/src/embedded/open-embedded.ts) instead of
// running initdb inside WebAssembly at the first start. Run by `npm run build`; built from the
// installed PGlite, so it always matches the engine that opens it.
import { PGlite } from '@electric-sql/pglite';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'pglite-template.tar.gz');

const db = await PGlite.create();
await db.query('CHECKPOINT');
const tarball = await db.dumpDataDir('gzip');
await db.close();
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, Buffer.from(await tarball.arrayBuffer()));
console.log(`wrote the embedded database's template to ${OUT} (${Math.round(tarball.size / 1024)} KiB)`);
