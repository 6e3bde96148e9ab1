// Writes dist/pglite-template.tar.gz: the files of an embedded database initialised and migrated to
// this build's schema, holding no data. A fresh data folder is filled from it
// (libs/persistence/src/embedded/open-embedded.ts) instead of running initdb inside WebAssembly and
// then every migration at the first start. Run by `npm run build` after the compile: built from the
// installed PGlite and the compiled migrations, so it always matches the engine and the schema that
// open it. A data folder made from an older build's template gets the newer migrations at start.
import { PGlite } from '@electric-sql/pglite';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const OUT = join(DIST, 'pglite-template.tar.gz');
const { DataSource } = require('typeorm');
const { dataSourceOptions, embeddedDatabasePath, migrate } = require(
  join(DIST, 'libs/persistence/src/data-source.factory.js'),
);

// The previous build's template must not seed this one: the folder below starts from initdb.
rmSync(OUT, { force: true });
const settings = { url: null, dataDir: mkdtempSync(join(tmpdir(), 'rt-pglite-template-')) };
try {
  const dataSource = new DataSource(await dataSourceOptions(settings));
  await dataSource.initialize();
  const applied = await migrate(dataSource, 'embedded');
  await dataSource.destroy();

  const db = await PGlite.create({ dataDir: embeddedDatabasePath(settings) });
  await db.query('VACUUM FREEZE');
  await db.query('CHECKPOINT');
  const tarball = await db.dumpDataDir('gzip');
  await db.close();
  mkdirSync(DIST, { recursive: true });
  writeFileSync(OUT, Buffer.from(await tarball.arrayBuffer()));
  const size = Math.round(tarball.size / 1024);
  console.log(`wrote the embedded database's template to ${OUT} (${applied.length} migrations, ${size} KiB)`);
} finally {
  rmSync(settings.dataDir, { recursive: true, force: true });
}
