import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { ScoringModule, ScoringSchedulerModule } from '@app/scorer-core';

/**
 * The scoring worker: connects to the database the API uses and scores due checks. `once`: no
 * tick, the caller runs one pass (a CronJob); otherwise the scheduler runs passes until stopped.
 */
@Module({})
export class ScorerModule {
  static register(options: { once: boolean }): DynamicModule {
    return {
      module: ScorerModule,
      imports: [ConfigModule, PersistenceModule, options.once ? ScoringModule : ScoringSchedulerModule],
    };
  }
}
