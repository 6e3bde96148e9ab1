import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { ObservabilityModule } from '@app/observability';
import { PersistenceModule } from '@app/persistence';
import { ScoringModule, ScoringSchedulerModule } from '@app/evaluation';
import { ScorerLoggingModule } from './scorer-logging.module';
import { ScorerMetricsListener } from './scorer-metrics.listener';

/**
 * The scoring worker: connects to the database the API uses and scores due checks. `once`: no
 * tick, the caller runs one pass (a CronJob); otherwise the scheduler runs passes until stopped,
 * with its own /metrics listener when `telemetry.scorerMetricsPort` is set.
 */
@Module({})
export class ScorerModule {
  static register(options: { once: boolean }): DynamicModule {
    return {
      module: ScorerModule,
      imports: [
        ConfigModule,
        ScorerLoggingModule,
        ObservabilityModule,
        PersistenceModule,
        options.once ? ScoringModule : ScoringSchedulerModule,
      ],
      providers: options.once ? [] : [ScorerMetricsListener],
    };
  }
}
