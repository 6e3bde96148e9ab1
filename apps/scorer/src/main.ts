import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@app/config';
import { ScorerModule } from './scorer.module';

/** `node dist/apps/scorer/src/main.js [--once]`: a long-running worker, or one pass for a CronJob. */
async function main(): Promise<void> {
  loadConfig();
  const once = process.argv.includes('--once');
  const app = await NestFactory.createApplicationContext(ScorerModule);
  app.enableShutdownHooks();
  const logger = new Logger('Scorer');
  if (once) {
    logger.log('one pass requested: nothing is due');
    await app.close();
    return;
  }
  logger.log('scorer running');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
