import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@app/config';
import { startTracing } from '@app/observability';
import { ScoringService } from '@app/scorer-core';
import { ScorerModule } from './scorer.module';

/**
 * `node dist/apps/scorer/src/main.js [--once]`: a long-running worker ticking every
 * `scoring.tickEvery`, or one pass at now for a CronJob — exit 0 when the pass ran (checks that
 * ended in `error` are results, not failures), non-zero when the pass itself failed.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  startTracing(config, 'remediation-scorer');
  const once = process.argv.includes('--once');
  const app = await NestFactory.createApplicationContext(ScorerModule.register({ once }));
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
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
