import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as JsonLogger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@app/config';
import { startTracing } from '@app/observability';
import { claimEmbeddedDatabase, DataFolderInUseError } from '@app/persistence';
import { ScoringService } from '@app/evaluation';
import { ScorerModule } from './scorer.module';

/**
 * `node dist/apps/scorer/src/main.js [--once]`: a long-running worker ticking every
 * `scoring.tickEvery`, or one pass at now for a CronJob — exit 0 when the pass ran (checks that
 * ended in `error` are results, not failures), non-zero when the pass itself failed. Beside an API
 * it needs PostgreSQL: on an embedded data folder that an API holds, it refuses to start.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const once = process.argv.includes('--once');
  claimEmbeddedDatabase(config.database, once ? 'scorer --once' : 'scorer');
  startTracing(config, 'remediation-scorer');
  const app = await NestFactory.createApplicationContext(ScorerModule.register({ once }), { bufferLogs: true });
  app.useLogger(app.get(JsonLogger));
  app.enableShutdownHooks();
  const logger = new Logger('Scorer');
  if (once) {
    try {
      const summary = await app.get(ScoringService).runPass({ at: new Date(), dueOnly: true });
      logger.log(`one pass: ${summary.scored} scored, ${summary.skipped} skipped, ${summary.errors} errors`);
    } finally {
      await app.close();
    }
    return;
  }
  logger.log('scorer running');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataFolderInUseError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
