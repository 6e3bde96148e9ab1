import 'reflect-metadata';
import { ConfigError, loadConfig } from '@app/config';
import { startTracing } from '@app/observability';
import { claimEmbeddedDatabase, DataFolderInUseError } from '@app/persistence';
import { createApiApp } from './bootstrap';
import { listen, StartRefusedError } from './startup/listen';

async function main(): Promise<void> {
  // Validate first, so a bad configuration stops the start with one line naming the key.
  const config = loadConfig();
  // The embedded database is one process's: a second one on the folder stops here, naming the holder.
  claimEmbeddedDatabase(config.database, 'api');
  // Before the application is built, so the spans of everything it does have a provider.
  startTracing(config, 'remediation-api');
  const app = await createApiApp();
  await listen(app, config);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataFolderInUseError || err instanceof StartRefusedError)
    console.error(err.message);
  else console.error(err);
  process.exit(1);
});
