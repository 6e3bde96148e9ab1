import 'reflect-metadata';
import { ConfigError, loadConfig } from '@app/config';
import { startTracing } from '@app/observability';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  // Validate first, so a bad configuration stops the start with one line naming the key.
  const config = loadConfig();
  // Before the application is built, so the spans of everything it does have a provider.
  startTracing(config, 'remediation-api');
  const app = await createApiApp();
  await app.listen(config.server.port, '0.0.0.0');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
